import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { z } from 'zod';
import { AuthConfigError } from './errors';

/** The development signing key: an ES256 (P-256) key pair as JWKs. */
export interface DevKey {
  /** RFC 7638 thumbprint of the public key; dev tokens carry it as their `kid`. */
  kid: string;
  alg: 'ES256';
  /** ISO instant the key was made. */
  createdAt: string;
  /** Signs dev tokens; only the CLI and tests need it. */
  privateJwk: JWK;
  /** Verifies dev tokens. */
  publicJwk: JWK;
}

const ecPublic = z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string().min(1), y: z.string().min(1) });
const devKeyFile = z.object({
  kid: z.string().min(1),
  alg: z.literal('ES256'),
  createdAt: z.string(),
  privateJwk: ecPublic.extend({ d: z.string().min(1) }),
  publicJwk: ecPublic,
});

/**
 * Where the development signing key lives under a data directory.
 *
 * @example devKeyPath('/srv/ehcp/data') // '/srv/ehcp/data/dev-auth-key.json'
 */
export function devKeyPath(dataDir: string): string {
  return path.join(dataDir, 'dev-auth-key.json');
}

/**
 * The data directory's development signing key, made on first use and reused after. Impure:
 * reads and writes the file system.
 *
 * Creating is safe against a race with another process (the service and the CLI starting
 * together): each writes a complete private temp file and hard-links it into place, and
 * `link` fails rather than replace an existing file, so the first key published wins and
 * every racer returns that one. A rename would silently replace the winner's key, leaving
 * the loser holding a key that is no longer on disk.
 */
export async function loadOrCreateDevKey(dataDir: string): Promise<DevKey> {
  const file = devKeyPath(dataDir);
  const existing = await readDevKey(file);
  if (existing) return existing;

  await mkdir(dataDir, { recursive: true });
  const fresh = await generateDevKey();
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(fresh, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await link(temp, file);
      return fresh;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  const winner = await readDevKey(file);
  if (!winner) throw new AuthConfigError('dev-key-unreadable', `${file} vanished while it was being created; run the command again.`);
  return winner;
}

/** The key in `file`, or undefined when there is no file yet. */
async function readDevKey(file: string): Promise<DevKey | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AuthConfigError('dev-key-unreadable', `Cannot read the development signing key ${file} (${(e as Error).message}); check the service can read its data directory.`, { cause: e });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = devKeyFile.safeParse(json);
  if (!parsed.success) {
    throw new AuthConfigError(
      'dev-key-unreadable',
      `${file} is not a development signing key this service wrote; delete it and a new one is made on next use (development tokens issued so far will stop working).`,
    );
  }
  return parsed.data;
}

async function generateDevKey(): Promise<DevKey> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  return {
    kid: await calculateJwkThumbprint(publicJwk),
    alg: 'ES256',
    createdAt: new Date().toISOString(),
    privateJwk: await exportJWK(privateKey),
    publicJwk,
  };
}
