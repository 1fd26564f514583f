/**
 * The council dashboard (#14): who is each plan's case officer, and the indexes that keep
 * its reports in SQL fast at 25,000 plans. Plans imported before this migration have no
 * case officer (the workload view shows them as unassigned); new imports take the importer.
 */
export const dashboard = `
alter table plans add column case_officer_id bigint references people (id);
create index plans_case_officer on plans (case_officer_id);
-- open reviews by deadline (Today, Coming) and the SEN2 census's latest meeting per plan
create index review_cycles_open_deadline on review_cycles (council_id, review_deadline) where stage <> 'concluded';
create index review_cycles_plan_meeting on review_cycles (plan_id, meeting_date desc);
-- the timeliness report counts decisions and reports by the day they happened
create index decisions_notified on decisions (notified_on);
create index reports_sent on reports (sent_on);
create index advice_items_request on advice_items (request_id);
create index reminder_outbox_review_status on reminder_outbox (review_id, status);
`;
