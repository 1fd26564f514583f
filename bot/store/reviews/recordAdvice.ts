import { appendAudit } from '../audit';
import type { Queryable } from '../db';
import { ConflictError } from '../errors';
import type { Principal } from '../principal';
import { scheduleReminders } from '../reminders/scheduleReminders';
import { etagOf, loadReview } from './loadReview';
import { checkIfMatch, updateReview } from './writeSupport';

export interface AdviceInput {
  fromRole: string;
  author?: string | undefined;
  receivedOn: string;
  /** Where the file is in OneDrive/SharePoint; the service never holds its bytes. */
  driveId?: string | undefined;
  itemId?: string | undefined;
  fileName?: string | undefined;
}

/** Records one piece of advice received, against the request for that role if there is one. */
export async function recordAdvice(tx: Queryable, principal: Principal, id: string, input: AdviceInput, today: string, ifMatch?: string) {
  const row = await loadReview(tx, principal, id, today, true);
  checkIfMatch(row, ifMatch);
  if (row.stage === 'concluded') throw new ConflictError('review-concluded', 'This review is concluded; record advice on the current review instead.');
  const rows = await tx.query<{ id: number }>(
    `insert into advice_items (review_id, request_id, from_role, author, received_on, drive_id, item_id, file_name, recorded_by)
     values ($1, (select id from advice_requests where review_id = $1 and from_role = $2 order by id limit 1), $2, $3, $4, $5, $6, $7, $8)
     returning id::int`,
    [id, input.fromRole, input.author ?? null, input.receivedOn, input.driveId ?? null, input.itemId ?? null, input.fileName ?? null, principal.personId],
  );
  const version = await updateReview(tx, row, {});
  const adviceId = rows[0]?.id;
  await appendAudit(tx, principal, 'advice.received', 'review', id, null, { adviceId, ...input });
  await scheduleReminders(tx, [id], today);
  return { adviceId, etag: etagOf({ id, version }) };
}
