import { appendAudit } from '../audit';
import type { Queryable } from '../db';
import { ConflictError, ForbiddenError, InvalidInputError, type FieldProblem } from '../errors';
import type { Principal } from '../principal';
import { scheduleReminders } from '../reminders/scheduleReminders';
import { etagOf, loadReview, type ReviewRow } from './loadReview';
import { checkIfMatch, updateReview } from './writeSupport';

export interface AdviceInput {
  /** Required from a SENCO or officer; a professional's comes from their invitation. */
  fromRole?: string | undefined;
  author?: string | undefined;
  receivedOn: string;
  /** Where the file is in OneDrive/SharePoint; the service never holds its bytes. */
  driveId?: string | undefined;
  itemId?: string | undefined;
  fileName?: string | undefined;
}

/** Who the advice is from, as recorded: for a professional, what their invitation says, never what the body claims. */
async function adviceSource(tx: Queryable, principal: Principal, reviewId: string, input: AdviceInput): Promise<{ fromRole: string; author: string | null }> {
  if (principal.role !== 'professional') {
    if (!input.fromRole) throw new InvalidInputError([{ field: 'fromRole', message: 'is required: whose advice this is (health, social-care, parent, …)' }]);
    return { fromRole: input.fromRole, author: input.author ?? null };
  }
  const invited = await tx.query<{ role: string; name: string | null; display_name: string | null; email: string | null }>(
    `select i.role, i.name, p.display_name, coalesce(i.email, p.email) as email
       from invitations i left join people p on p.id = $2
      where i.review_id = $1 and (i.person_id = $2 or (p.source = 'admin' and p.removed_at is null and p.email is not null and lower(i.email) = lower(p.email)))
      order by i.id`,
    [reviewId, principal.personId],
  );
  const roles = [...new Set(invited.map((i) => i.role))];
  const chosen = input.fromRole ? invited.find((i) => i.role === input.fromRole) : invited.length === 1 || roles.length === 1 ? invited[0] : undefined;
  if (!chosen) {
    throw new ForbiddenError(
      input.fromRole && roles.length
        ? `You were invited to this review as ${roles.join(' and ')}, so you can record only that advice, not ${input.fromRole}.`
        : roles.length > 1
          ? `You were invited to this review as ${roles.join(' and ')}; say which with fromRole.`
          : 'You were not invited to give advice for this review.',
    );
  }
  return { fromRole: chosen.role, author: chosen.name ?? chosen.display_name ?? chosen.email };
}

/**
 * A file pointer is taken only for a file this service stored for this review (through a
 * one-time link, Teams chat or the views form), so a caller cannot make the service open
 * (with the SENCO's Graph permissions, for Outlook attachments) an item it never saw. A
 * SENCO or officer may also point into the council's own advice library (`advice_drives`),
 * where they file what came by post or email; a professional never.
 */
async function storedFile(tx: Queryable, principal: Principal, row: ReviewRow, input: AdviceInput): Promise<{ driveId: string; itemId: string; fileName: string | null } | undefined> {
  if (input.driveId === undefined || input.itemId === undefined) return undefined;
  const [stored] = await tx.query<{ file_name: string | null }>('select file_name from advice_items where review_id = $1 and drive_id = $2 and item_id = $3 order by id limit 1', [
    row.id,
    input.driveId,
    input.itemId,
  ]);
  if (!stored && principal.role !== 'professional') {
    const [library] = await tx.query('select 1 from advice_drives where council_id = $1 and drive_id = $2', [row.council_id, input.driveId]);
    if (library) return { driveId: input.driveId, itemId: input.itemId, fileName: input.fileName ?? null };
  }
  if (!stored) {
    throw new InvalidInputError([
      {
        field: 'itemId',
        message: 'names a file this service did not store for this review; send the file through the advice link or the Teams chat (it is then recorded by itself), or record the advice without driveId and itemId',
      },
    ]);
  }
  return { driveId: input.driveId, itemId: input.itemId, fileName: stored.file_name };
}

/** `receivedOn` within the review: not after today, not before the review began (the last review's conclusion, or the plan's issue). */
function checkReceivedOn(row: ReviewRow, receivedOn: string, today: string): void {
  const began = row.previous_concluded_on ?? row.issued_on;
  const problems: FieldProblem[] = [];
  if (receivedOn > today) problems.push({ field: 'receivedOn', message: `is after today (${today}); give the date the advice arrived` });
  else if (receivedOn < began) problems.push({ field: 'receivedOn', message: `is before this review began (${began}); advice for an earlier review belongs to that review` });
  if (problems.length) throw new InvalidInputError(problems);
}

/** Records one piece of advice received, against the request for that role if there is one. */
export async function recordAdvice(tx: Queryable, principal: Principal, id: string, input: AdviceInput, today: string, ifMatch?: string) {
  const row = await loadReview(tx, principal, id, today, true);
  checkIfMatch(row, ifMatch);
  if (row.stage === 'concluded') throw new ConflictError('review-concluded', 'This review is concluded; record advice on the current review instead.');
  checkReceivedOn(row, input.receivedOn, today);
  const { fromRole, author } = await adviceSource(tx, principal, id, input);
  const file = await storedFile(tx, principal, row, input);
  const rows = await tx.query<{ id: number }>(
    `insert into advice_items (review_id, request_id, from_role, author, received_on, drive_id, item_id, file_name, recorded_by)
     values ($1, (select id from advice_requests where review_id = $1 and from_role = $2 order by id limit 1), $2, $3, $4, $5, $6, $7, $8)
     returning id::int`,
    [id, fromRole, author, input.receivedOn, file?.driveId ?? null, file?.itemId ?? null, file ? file.fileName : principal.role === 'professional' ? null : (input.fileName ?? null), principal.personId],
  );
  const version = await updateReview(tx, row, {});
  const adviceId = rows[0]?.id;
  await appendAudit(tx, principal, 'advice.received', 'review', id, null, { adviceId, fromRole, author, receivedOn: input.receivedOn, ...(file ?? {}) });
  await scheduleReminders(tx, [id], today);
  return { adviceId, etag: etagOf({ id, version }) };
}
