import { appendAudit } from '../audit';
import type { Queryable } from '../db';
import type { Principal } from '../principal';
import { scheduleReminders } from '../reminders/scheduleReminders';
import { cycleDates } from './cycleDates';
import { caseInputOf, type ReviewRow } from './loadReview';
import { updateReview } from './writeSupport';

/**
 * The decision letter went on `sentOn` (emailed, or posted): the family was notified that
 * day, so that is the decision's notified date, and a decision to amend has its notice
 * served on `servedOn` (the day emailed, or posted plus the delivery allowance). The next
 * cycle's 12 months start from it too, while that cycle has not been booked (CFA 2014
 * s44(1)); the final plan's 8 weeks run from the notice (Reg 22(3)).
 */
export async function recordDecisionSent(tx: Queryable, principal: Principal, row: ReviewRow, sentOn: string, servedOn: string, today: string): Promise<void> {
  const before = { notifiedOn: row.decision_notified_on, noticeServedOn: row.notice_served_on };
  await tx.query('update decisions set notified_on = $2 where review_id = $1', [row.id, sentOn]);
  const ids = [row.id];
  if (row.decision_outcome === 'amend') {
    await tx.query(
      `insert into amendments (review_id, notice_served_on, recorded_by) values ($1, $2, $3)
       on conflict (review_id) do update set notice_served_on = excluded.notice_served_on`,
      [row.id, servedOn, principal.personId],
    );
    const dates = cycleDates({ ...caseInputOf(row), decision: { outcome: 'amend', notifiedOn: sentOn }, amendmentNoticeServed: servedOn });
    await updateReview(tx, row, { final_plan_due: dates.final_plan_due });
  }
  if (row.decision_outcome !== 'cease' && row.decision_notified_on && row.decision_notified_on !== sentOn) {
    const next = await tx.query<{ id: string }>(
      "select id from review_cycles where plan_id = $1 and previous_concluded_on = $2 and stage = 'not-booked' and id <> $3",
      [row.plan_id, row.decision_notified_on, row.id],
    );
    const base = caseInputOf(row);
    const dates = cycleDates({ planIssued: base.planIssued, lastReviewConcluded: sentOn, dateOfBirth: base.dateOfBirth, ncYear: base.ncYear, transfer: base.transfer });
    for (const n of next) {
      await tx.query('update review_cycles set previous_concluded_on = $2, review_deadline = $3, latest_meeting_date = $4, version = version + 1, updated_at = now() where id = $1', [
        n.id,
        sentOn,
        dates.review_deadline,
        dates.latest_meeting_date,
      ]);
      ids.push(n.id);
    }
  }
  if (row.decision_outcome === 'cease') await tx.query('update plans set ceased_on = $2 where id = $1', [row.plan_id, sentOn]);
  await appendAudit(tx, principal, 'decision.notified', 'review', row.id, before, { notifiedOn: sentOn, noticeServedOn: row.decision_outcome === 'amend' ? servedOn : null });
  await scheduleReminders(tx, ids, today);
}
