import { appendAudit } from '../audit';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import type { Principal } from '../principal';
import { loadReview } from '../reviews/loadReview';
import { checkIfMatch } from '../reviews/writeSupport';

/** The Outlook event a review's meeting was booked as (null: booked without one), for a caller who can see the review. */
export async function outlookEventOf(db: Db, principal: Principal, reviewId: string, today: string, ifMatch?: string): Promise<string | null | undefined> {
  checkIfMatch(await loadReview(db, principal, reviewId, today), ifMatch);
  const [meeting] = await db.query<{ outlook_event_id: string | null }>('select outlook_event_id from meetings where review_id = $1', [reviewId]);
  return meeting ? meeting.outlook_event_id : undefined;
}

/** Keeps the Teams join link Graph gave the meeting, with an audit entry. */
export function recordTeamsJoinUrl(db: Db, principal: Principal, reviewId: string, joinUrl: string): Promise<void> {
  return db.transaction(async (tx) => {
    const [before] = await tx.query('select teams_join_url from meetings where review_id = $1', [reviewId]);
    await tx.query('update meetings set teams_join_url = $2 where review_id = $1', [reviewId, joinUrl]);
    await appendAudit(tx, principal, 'meeting.teams-enabled', 'review', reviewId, before ?? null, { teams_join_url: joinUrl });
  });
}

/** Where an advice item of the review is kept (404 for an item of another review). */
export async function adviceFileOf(db: Db, reviewId: string, adviceItemId: number): Promise<{ driveId: string | null; itemId: string | null; fileName: string | null }> {
  const [item] = await db.query<{ drive_id: string | null; item_id: string | null; file_name: string | null }>(
    'select drive_id, item_id, file_name from advice_items where id = $1 and review_id = $2',
    [adviceItemId, reviewId],
  );
  if (!item) throw new NotFoundError(`Advice item ${adviceItemId}`);
  return { driveId: item.drive_id, itemId: item.item_id, fileName: item.file_name };
}

/** The attachment already made of this advice item on this event, if any (attaching twice would give the meeting two copies). */
export async function attachmentOf(db: Db, reviewId: string, adviceItemId: number, eventId: string): Promise<{ attachmentId: string; size: number } | undefined> {
  const [done] = await db.query<{ attachment_id: string; size: string }>(
    'select attachment_id, size from meeting_attachments where review_id = $1 and advice_item_id = $2 and outlook_event_id = $3',
    [reviewId, adviceItemId, eventId],
  );
  return done ? { attachmentId: done.attachment_id, size: Number(done.size) } : undefined;
}

/** Records an advice file attached to the meeting's Outlook event, with an audit entry. */
export function recordAttachment(
  db: Db,
  principal: Principal,
  a: { reviewId: string; adviceItemId: number; eventId: string; attachmentId: string; size: number; fileName: string; via: string },
): Promise<void> {
  return db.transaction(async (tx) => {
    await tx.query(
      `insert into meeting_attachments (review_id, advice_item_id, outlook_event_id, attachment_id, size, attached_by) values ($1, $2, $3, $4, $5, $6)
       on conflict do nothing`,
      [a.reviewId, a.adviceItemId, a.eventId, a.attachmentId, a.size, principal.personId],
    );
    await appendAudit(tx, principal, 'advice.attached', 'review', a.reviewId, null, { adviceItemId: a.adviceItemId, fileName: a.fileName, size: a.size, via: a.via });
  });
}
