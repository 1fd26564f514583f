import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Crypto-shredding for the append-only audit log (#29 item 3). Each child has a data key
 * (`child_keys`); what an audit entry about the child says before and after is sealed under
 * it; erasing the child deletes the key, so those entries keep who, what and when but their
 * personal data can no longer be read by anyone, although no entry was rewritten.
 *
 * The data keys are themselves wrapped by the service key, which is never in the database:
 * `AUDIT_KEY` (32 bytes, base64), or else `DATA_DIR/audit-key`, made on first start. A copy
 * of the database alone (a stray dump) therefore opens no sealed entry.
 *
 * AES-256-GCM (NIST SP 800-38D) with a 96-bit random nonce per message and the child's id as
 * associated data, so a sealed value moved to another child's row fails to open.
 */
export interface AuditVault {
  /** Seals a fresh data key for storage. */
  wrap(dataKey: Buffer, childId: string): string;
  /** The data key back; throws `AuditKeyError` when the service key is not the one it was wrapped with. */
  unwrap(wrapped: string, childId: string): Buffer;
}

/** The service key is missing, malformed or not the one this store's keys were wrapped with. */
export class AuditKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditKeyError';
  }
}

const VERSION = 'v1';

/** `v1.<nonce>.<tag>.<ciphertext>`, each base64. */
export function seal(key: Buffer, plaintext: string, aad: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, nonce.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.');
}

/** The plaintext of `seal`; throws when the key or the associated data differ or the value was altered. */
export function unseal(key: Buffer, sealed: string, aad: string): string {
  const [version, nonce, tag, body] = sealed.split('.');
  if (version !== VERSION || !nonce || !tag || body === undefined) throw new AuditKeyError('a sealed audit value is not in the v1 format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64'));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
}

/** A vault over a 32-byte service key. */
export function vaultFromKey(serviceKey: Buffer): AuditVault {
  if (serviceKey.length !== 32) throw new AuditKeyError(`AUDIT_KEY must be 32 bytes written in base64 (it is ${serviceKey.length} bytes); make one with: openssl rand -base64 32`);
  return {
    wrap: (dataKey, childId) => seal(serviceKey, dataKey.toString('base64'), `child-key:${childId}`),
    unwrap(wrapped, childId) {
      try {
        return Buffer.from(unseal(serviceKey, wrapped, `child-key:${childId}`), 'base64');
      } catch {
        throw new AuditKeyError(
          'The audit key (AUDIT_KEY, or DATA_DIR/audit-key) is not the one this store’s child keys were wrapped with: start the service with the key the store was created with (a restored store needs the original audit-key file or AUDIT_KEY).',
        );
      }
    },
  };
}

/** Where the service key lives when AUDIT_KEY is not set. */
export const auditKeyPath = (dataDir: string) => path.join(dataDir, 'audit-key');

/**
 * The store's vault: AUDIT_KEY when given, else DATA_DIR/audit-key, made (mode 0600) the
 * first time. Impure: reads, and may write, the data folder.
 */
export async function openAuditVault(location: { dataDir: string; auditKey?: string | undefined }): Promise<AuditVault> {
  if (location.auditKey) return vaultFromKey(Buffer.from(location.auditKey, 'base64'));
  const file = auditKeyPath(location.dataDir);
  await mkdir(location.dataDir, { recursive: true });
  const made = randomBytes(32).toString('base64');
  try {
    await writeFile(file, `${made}\n`, { flag: 'wx', mode: 0o600 });
    return vaultFromKey(Buffer.from(made, 'base64'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return vaultFromKey(Buffer.from((await readFile(file, 'utf8')).trim(), 'base64'));
}
