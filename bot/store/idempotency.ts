import { createHash } from 'node:crypto';
import type { Db, Queryable } from './db';
import { ServiceError } from './errors';
import type { Principal } from './principal';

/** What a write answers; stored against its Idempotency-Key for replays. */
export interface WriteResult {
  status: number;
  body: unknown;
  etag?: string | undefined;
  /** True when this is the stored answer to an earlier request with the same key. */
  replayed?: boolean;
}

/** Fingerprint of a request, so one key cannot be reused for a different request. */
export function requestHash(method: string, path: string, body: unknown, contentType = ''): string {
  return createHash('sha256').update(`${method} ${path}\n${contentType}\n${typeof body === 'string' ? body : canonicalJson(body ?? null)}`).digest('hex');
}

/** JSON with every object's keys sorted: the same body with its keys in another order is the same request. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/**
 * Runs one write as one transaction. With an Idempotency-Key, the key is claimed in the
 * same transaction as the write: a repeat (even a concurrent one, which waits on the
 * key's row) gets the first answer back and writes nothing; a failed write frees the key.
 */
export function runWrite(db: Db, principal: Principal, key: string | undefined, hash: string, write: (tx: Queryable) => Promise<WriteResult>): Promise<WriteResult> {
  return db.transaction(async (tx) => {
    if (key !== undefined) {
      const claimed = await tx.query(
        'insert into idempotency_keys (org_id, user_id, key, request_hash, status) values ($1, $2, $3, $4, 0) on conflict do nothing returning key',
        [principal.orgId, principal.userId, key, hash],
        { prepare: true },
      );
      if (claimed.length === 0) {
        const [stored] = await tx.query<{ request_hash: string; status: number; body: string | null; etag: string | null }>(
          'select request_hash, status, body, etag from idempotency_keys where org_id = $1 and user_id = $2 and key = $3',
          [principal.orgId, principal.userId, key],
        );
        if (!stored) throw new ServiceError(409, 'idempotency-key-in-use', 'A request with this Idempotency-Key is still being processed; retry shortly.');
        if (stored.request_hash !== hash) {
          throw new ServiceError(422, 'idempotency-key-reused', 'This Idempotency-Key was already used for a different request; use a new key for each new change.');
        }
        return { status: stored.status, body: stored.body === null ? null : JSON.parse(stored.body), etag: stored.etag ?? undefined, replayed: true };
      }
    }
    const result = await write(tx);
    if (key !== undefined) {
      await tx.query('update idempotency_keys set status = $4, body = $5, etag = $6 where org_id = $1 and user_id = $2 and key = $3', [
        principal.orgId,
        principal.userId,
        key,
        result.status,
        JSON.stringify(result.body ?? null),
        result.etag ?? null,
      ], { prepare: true });
    }
    return result;
  });
}

/**
 * Deletes idempotency answers older than `ttlHours` (the service runs this hourly, so an
 * answer is kept for at least `ttlHours` and at most an hour longer). A retry after that
 * is treated as a new request. Returns how many were removed.
 */
export async function expireIdempotencyKeys(db: Db, ttlHours: number): Promise<number> {
  const removed = await db.query<{ n: number }>(
    "with gone as (delete from idempotency_keys where created_at < now() - make_interval(secs => $1) returning 1) select count(*)::int as n from gone",
    [ttlHours * 3600],
  );
  return removed[0]?.n ?? 0;
}
