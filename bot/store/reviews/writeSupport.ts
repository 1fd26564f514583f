import type { Queryable } from '../db';
import { PreconditionFailedError } from '../errors';
import { etagOf, type ReviewRow } from './loadReview';
import { ifMatchAccepts } from '../ifMatch';

/** Refuses a write made against an older version than the stored one (If-Match). */
export function checkIfMatch(row: Pick<ReviewRow, 'id' | 'version'>, ifMatch: string | undefined): void {
  if (!ifMatchAccepts(ifMatch, etagOf(row))) throw new PreconditionFailedError(`version ${row.version}`);
}

type ReviewColumns = Partial<Pick<ReviewRow, 'stage' | 'meeting_date' | 'report_due' | 'decision_due' | 'final_plan_due'>>;

/** Updates the review row and moves its version on; returns the new version. */
export async function updateReview(tx: Queryable, row: ReviewRow, changes: ReviewColumns): Promise<number> {
  const entries = Object.entries(changes);
  const sets = entries.map(([column], i) => `${column} = $${i + 2}`);
  const rows = await tx.query<{ version: number }>(
    `update review_cycles set ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} where id = $1 returning version`,
    [row.id, ...entries.map(([, value]) => value)],
  );
  return rows[0]?.version ?? row.version + 1;
}

/**
 * For writes whose target has no version of its own (a caseload import, a sign-in): no
 * entity tag can match one, so any `If-Match` other than `*` is refused (RFC 9110 13.1.1)
 * rather than silently ignored, as every write documents.
 */
export function checkNoVersionIfMatch(ifMatch: string | undefined, what: string): void {
  if (ifMatch === undefined || ifMatch.trim() === '*') return;
  throw new PreconditionFailedError('no version', `${what} has no version (no ETag), so no If-Match can match it; send the request without If-Match, or with If-Match: *.`);
}
