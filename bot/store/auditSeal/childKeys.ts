import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db';
import { AuditKeyError, type AuditVault, seal, unseal } from './vault';

const vaultOf = (tx: Queryable): AuditVault => {
  if (!tx.vault) throw new AuditKeyError('This store was opened without its audit key, so an audit entry about a child can be neither written nor read; open it with openStore (AUDIT_KEY or DATA_DIR/audit-key).');
  return tx.vault;
};

/**
 * Each child's data key, made on first use: one row of `child_keys` per child, wrapped by
 * the service key. Erasure deletes the row (and retention with the child: on delete cascade).
 */
export async function childKeys(tx: Queryable, childIds: readonly string[]): Promise<Map<string, Buffer>> {
  const vault = vaultOf(tx);
  const wanted = [...new Set(childIds)];
  const keys = new Map<string, Buffer>();
  if (wanted.length === 0) return keys;
  const held = await tx.query<{ child_id: string; wrapped: string }>('select child_id::text, wrapped from child_keys where child_id = any($1::bigint[])', [wanted]);
  for (const row of held) keys.set(row.child_id, vault.unwrap(row.wrapped, row.child_id));
  const missing = wanted.filter((id) => !keys.has(id));
  if (missing.length > 0) {
    const made = missing.map((id) => ({ id, key: randomBytes(32) }));
    // A concurrent writer may make the same child's key first: theirs stands and is read back.
    await tx.query('insert into child_keys (child_id, wrapped) select * from unnest($1::bigint[], $2::text[]) on conflict (child_id) do nothing', [
      made.map((m) => m.id),
      made.map((m) => vault.wrap(m.key, m.id)),
    ]);
    const stored = await tx.query<{ child_id: string; wrapped: string }>('select child_id::text, wrapped from child_keys where child_id = any($1::bigint[])', [missing]);
    for (const row of stored) keys.set(row.child_id, vault.unwrap(row.wrapped, row.child_id));
  }
  return keys;
}

/** The child's keys that still exist (an erased child's is gone); never makes one. */
async function existingKeys(tx: Queryable, childIds: readonly string[]): Promise<Map<string, Buffer>> {
  const keys = new Map<string, Buffer>();
  if (childIds.length === 0) return keys;
  const vault = vaultOf(tx);
  const held = await tx.query<{ child_id: string; wrapped: string }>('select child_id::text, wrapped from child_keys where child_id = any($1::bigint[])', [[...new Set(childIds)]]);
  for (const row of held) keys.set(row.child_id, vault.unwrap(row.wrapped, row.child_id));
  return keys;
}

const aad = (childId: string) => `audit:${childId}`;

/** An entry's before and after as stored in `audit_log.sealed`. */
export const sealEntry = (key: Buffer, childId: string, before: unknown, after: unknown) => seal(key, JSON.stringify({ before, after }), aad(childId));

/** An audit row as read with `select *`: `sealed` and `child_id` as stored. */
export interface StoredAuditRow {
  child_id?: string | number | null;
  sealed?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Audit rows with their sealed before and after opened, for the readers (subject access,
 * case export, the audit API). An entry whose child's key was destroyed by erasure keeps
 * who, what and when, with before and after null and `erased: true`. `sealed` is not returned.
 */
export async function openAuditRows<T extends StoredAuditRow>(tx: Queryable, rows: readonly T[]): Promise<Array<Omit<T, 'sealed'> & { erased?: true }>> {
  const sealedOf = rows.filter((r) => r.sealed && r.child_id !== null && r.child_id !== undefined).map((r) => String(r.child_id));
  const keys = sealedOf.length ? await existingKeys(tx, sealedOf) : new Map<string, Buffer>();
  return rows.map((row) => {
    const { sealed, ...rest } = row;
    if (!sealed) return rest;
    const childId = String(row.child_id);
    const key = keys.get(childId);
    if (!key) return { ...rest, before: null, after: null, erased: true as const };
    const opened = JSON.parse(unseal(key, sealed, aad(childId))) as { before?: unknown; after?: unknown };
    return { ...rest, before: opened.before ?? null, after: opened.after ?? null };
  });
}

/** Audit entries matching `where` (SQL over audit_log's columns, with `params`), oldest first, opened. */
export async function readAuditEntries(tx: Queryable, where: string, params: readonly unknown[] = []) {
  return openAuditRows(tx, await tx.query<StoredAuditRow & Record<string, unknown>>(`select * from audit_log where ${where} order by id`, params));
}
