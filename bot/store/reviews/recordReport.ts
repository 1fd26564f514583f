import type { DecisionOutcome } from '../../../shared';
import { appendAudit } from '../audit';
import type { Queryable } from '../db';
import { ConflictError, InvalidInputError } from '../errors';
import type { Principal } from '../principal';
import { scheduleReminders } from '../reminders/scheduleReminders';
import { etagOf, loadReview } from './loadReview';
import { checkIfMatch, updateReview } from './writeSupport';

export interface ReportInput {
  sentOn: string;
  recommendation: DecisionOutcome;
  notes?: string | undefined;
}

/** Records the school's report of the meeting (Reg 20(7)-(8)); the review then awaits the LA's decision. */
export async function recordReport(tx: Queryable, principal: Principal, id: string, input: ReportInput, today: string, ifMatch?: string) {
  const row = await loadReview(tx, principal, id, today, true);
  checkIfMatch(row, ifMatch);
  if (row.stage !== 'booked' || !row.meeting_date) {
    const why = row.stage === 'not-booked' ? 'no meeting is booked yet; book and hold the meeting first' : `it is already ${row.status}`;
    throw new ConflictError('report-not-expected', `A report cannot be recorded for this review: ${why}.`);
  }
  if (input.sentOn < row.meeting_date) {
    throw new InvalidInputError([{ field: 'sentOn', message: `the report is dated ${input.sentOn}, before the meeting on ${row.meeting_date}; use the day it was sent` }]);
  }
  if (input.sentOn > today) throw new InvalidInputError([{ field: 'sentOn', message: `${input.sentOn} is in the future; record the report once it has been sent` }]);
  await tx.query('insert into reports (review_id, sent_on, recommendation, notes, recorded_by) values ($1, $2, $3, $4, $5)', [
    id,
    input.sentOn,
    input.recommendation,
    input.notes ?? null,
    principal.personId,
  ]);
  const version = await updateReview(tx, row, { stage: 'reported' });
  await appendAudit(tx, principal, 'report.sent', 'review', id, { stage: row.stage }, { stage: 'reported', ...input });
  await scheduleReminders(tx, [id], today);
  return { etag: etagOf({ id, version }) };
}
