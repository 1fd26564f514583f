import type { Queryable } from './db';

/** A SharePoint file the product made, to be deleted through Graph (retention or erasure took it off the records). */
export interface PendingDeletion {
  id: string;
  councilId: string;
  tenantId: string | null;
  driveId: string;
  itemId: string;
  reason: 'retention' | 'erasure';
  attempts: number;
}

/**
 * Queues files for deletion in the transaction that takes them off the records, so a
 * record never points at a file that is gone and no file is left that nobody knows about:
 * until Graph confirms it, the file is in `graph_deletions`. Answers how many were queued.
 */
export async function queueGraphDeletions(tx: Queryable, councilId: string, files: ReadonlyArray<{ driveId: string; itemId: string }>, reason: 'retention' | 'erasure'): Promise<number> {
  if (files.length === 0) return 0;
  const rows = await tx.query(
    `insert into graph_deletions (council_id, drive_id, item_id, reason) select $1, * , $4 from unnest($2::text[], $3::text[])
     on conflict (drive_id, item_id) do nothing returning 1`,
    [councilId, files.map((f) => f.driveId), files.map((f) => f.itemId), reason],
  );
  return rows.length;
}

/** A file whose next attempt is due (`d` is graph_deletions; $1 the limit, $2 a council or null). */
const DUE = 'd.not_before <= now() and ($2::text is null or d.council_id = $2)';

/** How many files are due, at most `limit` (what a drain without Graph reports as waiting). */
export async function countDueGraphDeletions(tx: Queryable, limit: number, councilId?: string): Promise<number> {
  const [row] = await tx.query<{ due: number }>(`select count(*)::int as due from (select 1 from graph_deletions d where ${DUE} limit $1) d`, [limit, councilId ?? null]);
  return row?.due ?? 0;
}

/**
 * Claims up to `limit` due files for `leaseSeconds`, oldest first: each service process runs
 * the drain, and a file claimed by one is not due for another until the lease runs out (so a
 * process that dies mid-drain leaves its files to the next pass, and no file is asked of
 * Graph twice at once). Done deletes the row; a failure sets the next try.
 */
export async function claimGraphDeletions(tx: Queryable, limit: number, councilId?: string, leaseSeconds = 600): Promise<PendingDeletion[]> {
  return tx.query<PendingDeletion>(
    `with due as (
       select d.id from graph_deletions d
        where ${DUE}
        order by d.id limit $1 for update skip locked),
     claimed as (
       update graph_deletions d set not_before = now() + make_interval(secs => $3) from due where d.id = due.id
       returning d.id, d.council_id, d.drive_id, d.item_id, d.reason, d.attempts)
     select c.id::text, c.council_id as "councilId", o.entra_tenant_id as "tenantId", c.drive_id as "driveId", c.item_id as "itemId", c.reason, c.attempts
       from claimed c join organisations o on o.id = c.council_id
      order by c.id`,
    [limit, councilId ?? null, leaseSeconds],
  );
}

/** Graph said the file is gone (204, or 404: already deleted by someone): the queue forgets it. */
export async function graphDeletionDone(tx: Queryable, id: string): Promise<void> {
  await tx.query('delete from graph_deletions where id = $1', [id]);
}

/** A failed attempt: kept, with why, and tried again after `retryAfterSeconds`. */
export async function graphDeletionFailed(tx: Queryable, id: string, error: string, retryAfterSeconds: number): Promise<void> {
  await tx.query("update graph_deletions set attempts = attempts + 1, last_error = $2, not_before = now() + make_interval(secs => $3) where id = $1", [id, error.slice(0, 500), retryAfterSeconds]);
}

/** What is still waiting, per council (the retention report and `ehcp-review retention`). */
export async function pendingGraphDeletions(tx: Queryable, councilId: string): Promise<{ pending: number; failing: number; lastError: string | null }> {
  const [row] = await tx.query<{ pending: number; failing: number; last_error: string | null }>(
    `select count(*)::int as pending, count(*) filter (where attempts > 0)::int as failing,
            (select last_error from graph_deletions where council_id = $1 and last_error is not null order by id desc limit 1) as last_error
       from graph_deletions where council_id = $1`,
    [councilId],
  );
  return { pending: row?.pending ?? 0, failing: row?.failing ?? 0, lastError: row?.last_error ?? null };
}
