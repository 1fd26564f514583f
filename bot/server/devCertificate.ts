import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generate } from 'selfsigned';

/** A TLS key and certificate for `https.createServer`. */
export interface DevCertificate {
  key: string;
  cert: string;
  /** Where the certificate is, so a developer can trust it. */
  certFile: string;
}

/**
 * A self-signed certificate for https://localhost, generated once into `dataDir/dev-cert/`
 * and reused, so Outlook on the web can load the sideloaded add-in from this machine (it
 * refuses plain http). Development only: never served with NODE_ENV=production.
 */
export async function devCertificate(dataDir: string, now: Date = new Date()): Promise<DevCertificate> {
  const dir = path.join(dataDir, 'dev-cert');
  const keyFile = path.join(dir, 'localhost-key.pem');
  const certFile = path.join(dir, 'localhost.pem');
  if (existsSync(keyFile) && existsSync(certFile)) return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), certFile };
  const notAfterDate = new Date(now.getTime() + 365 * 24 * 3600 * 1000);
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: now,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
    ],
  });
  mkdirSync(dir, { recursive: true });
  writeFileSync(keyFile, pems.private, { mode: 0o600 });
  writeFileSync(certFile, pems.cert);
  return { key: pems.private, cert: pems.cert, certFile };
}
