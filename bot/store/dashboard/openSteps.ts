import { dashboardSteps } from '../../../shared/dashboard/types';
import type { DashboardStep } from '../../../shared/dashboard/types';
export { dashboardSteps };
export type { DashboardStep };

/** Who must act next: the school runs the meeting and its report; the council decides and amends. */
export const stepOwner: Record<DashboardStep, 'school' | 'council'> = {
  booking: 'school',
  invitations: 'school',
  advice: 'school',
  meeting: 'school',
  report: 'school',
  decision: 'council',
  'amendment-notice': 'council',
  'final-plan': 'council',
};

/**
 * SQL for every open review of a council with the step it waits for and that step's due
 * date, as `s.step` and `d.due` beside review_cycles `r`, plans `p`, children `c`, the
 * school's `school.name` and the case officer's `officer.display_name`.
 * `$council` and `$today` are parameter placeholders.
 *
 * - booking: not booked, the latest meeting date still ahead; due when two weeks' notice
 *   (strict reading: 15 days, `invitationsBy`) of a meeting on that date can last be given.
 * - meeting: not booked and the latest meeting date has passed (Reg 20; CoP 9.169), or
 *   booked and still to come (due on its day, so never overdue).
 * - invitations: booked (e.g. imported) with no invitations recorded; due 15 days before.
 * - advice: a request still unanswered; due on its own due date (Reg 20(4)).
 * - report: the meeting has been held; due 14 days after it (Reg 20(7)).
 * - decision: reported; due by decision_due (Reg 20(10)).
 * - amendment-notice: decided to amend, no notice yet; due with the decision (Reg 22(2)).
 * - final-plan: notice served; due 8 weeks after it (Reg 22(3)).
 */
export function openStepsSql(council: string, today: string): { from: string; where: string } {
  const from = `review_cycles r
       join plans p on p.id = r.plan_id
       join children c on c.id = p.child_id
       left join meetings m on m.review_id = r.id
       left join amendments a on a.review_id = r.id
       left join (
         -- grouped once and hash-joined: a lateral here would run once per review
         select q.review_id, min(q.due_on) as due_on from advice_requests q
          where not exists (select 1 from advice_items i where i.request_id = q.id)
          group by q.review_id
       ) adv on adv.review_id = r.id and r.stage = 'booked'
       cross join lateral (
         select case
           when r.stage = 'not-booked' and r.latest_meeting_date < ${today}::date then 'meeting'
           when r.stage = 'not-booked' then 'booking'
           when r.stage = 'booked' and r.meeting_date < ${today}::date then 'report'
           when r.stage = 'booked' and m.invitations_sent_on is null then 'invitations'
           when r.stage = 'booked' and adv.due_on is not null then 'advice'
           when r.stage = 'booked' then 'meeting'
           when r.stage = 'reported' then 'decision'
           when a.notice_served_on is null then 'amendment-notice'
           else 'final-plan' end as step
       ) s
       cross join lateral (
         select case s.step
           when 'booking' then r.latest_meeting_date - 15
           when 'meeting' then coalesce(r.meeting_date, r.latest_meeting_date)
           when 'invitations' then r.meeting_date - 15
           when 'advice' then adv.due_on
           when 'report' then r.report_due
           when 'decision' then r.decision_due
           when 'amendment-notice' then r.decision_due
           else coalesce(r.final_plan_due, r.decision_due) end as due
       ) d
       left join lateral (select o.name from organisations o where o.id = r.school_id) school on true
       left join lateral (select pe.display_name from people pe where pe.id = p.case_officer_id) officer on true`;
  return { from, where: `r.council_id = ${council} and r.stage <> 'concluded'` };
}

/** The SQL rank of a step (for sorting by step in the order reviews go through them). */
export const stepRankSql = `array_position(array[${dashboardSteps.map((s) => `'${s}'`).join(', ')}]::text[], s.step)`;
