/** What a user sees a review waiting for. */
export const reviewStatuses = ['not-booked', 'booked', 'awaiting-report', 'awaiting-decision', 'amending', 'ceasing', 'concluded'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

/**
 * The status, from the stored stage and today ($n): a booked meeting whose day has passed
 * is awaiting its report without anyone writing anything.
 */
export const statusSql = (today: string) => `case r.stage
  when 'not-booked' then 'not-booked'
  when 'booked' then case when r.meeting_date >= ${today}::date then 'booked' else 'awaiting-report' end
  when 'reported' then 'awaiting-decision'
  when 'amending' then 'amending'
  when 'ceasing' then 'ceasing'
  else 'concluded' end`;

/**
 * The date the current step is due: the meeting must be held by the latest meeting date,
 * the report within two weeks of it, the decision by its due date, the amended plan by
 * its due date (or the notice with the decision); a cease, the day after the consultation
 * ends, then the day after the appeal window (its end is confirmed then). Null once concluded.
 */
export const dueSql = (today: string) => `case r.stage
  when 'not-booked' then r.latest_meeting_date
  when 'booked' then case when r.meeting_date >= ${today}::date then r.meeting_date else r.report_due end
  when 'reported' then r.decision_due
  when 'amending' then coalesce(r.final_plan_due, r.decision_due)
  when 'ceasing' then (select case when cs.decided_on is null then cs.consultation_ends + 1 else coalesce(cs.plan_end_proposed + 1, cs.decided_on) end
                         from cease_steps cs where cs.review_id = r.id)
  else null end`;
