import { appendAudit } from '../audit';
import type { Queryable } from '../db';
import type { Principal } from '../principal';

/** One piece of advice that arrived as a file we stored (chat, link or the views form). */
export interface ReceivedAdvice {
  reviewId: string;
  requestId: number;
  fromRole: string;
  /** Who sent it, as the review detail shows it: a name, or what the link was for. */
  author: string;
  receivedOn: string;
  driveId: string;
  itemId: string;
  fileName: string;
  /** How it came. */
  via: 'teams-chat' | 'link' | 'views-form';
}

/**
 * Records the advice item (a pointer to the file in SharePoint, never its bytes) and its
 * audit entry in the caller's transaction, and moves the review's version on so ETags change.
 * `actor` is the registered sender; null for someone using a one-time link.
 */
export async function recordReceivedAdvice(tx: Queryable, actor: Principal | null, advice: ReceivedAdvice): Promise<number> {
  const rows = await tx.query<{ id: number }>(
    `insert into advice_items (review_id, request_id, from_role, author, received_on, drive_id, item_id, file_name, recorded_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id::int`,
    [advice.reviewId, advice.requestId, advice.fromRole, advice.author, advice.receivedOn, advice.driveId, advice.itemId, advice.fileName, actor?.personId ?? null],
  );
  const adviceId = rows[0]?.id as number;
  await tx.query('update review_cycles set version = version + 1, updated_at = now() where id = $1', [advice.reviewId]);
  await appendAudit(tx, actor, 'advice.received', 'review', advice.reviewId, null, { adviceId, ...advice });
  return adviceId;
}
