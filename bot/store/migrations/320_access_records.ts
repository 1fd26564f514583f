/**
 * Access records (#29 item 4): who read a child's review, downloaded a letter or a report,
 * exported a case or the SEN2 file, when, and from which face. Kept apart from audit_log
 * because the two have different retention periods and audit_log is append-only by
 * trigger; a read is not a change. The child is kept by council and LA reference (not by
 * row id), so a record still says which child it was about once the review rows are gone.
 */
export const accessRecords = `
create table access_records (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  council_id text not null references organisations (id),
  actor_org text,
  actor_user text not null,
  actor_email text,
  actor_role text,
  face text not null check (face in ('api', 'addin', 'tab', 'bot', 'cli')),
  action text not null check (action in ('review.read', 'letter.downloaded', 'report.downloaded', 'case.exported', 'sen2.exported', 'access.queried')),
  la_reference text,
  review_id text,
  detail jsonb
);
create index access_records_child on access_records (council_id, la_reference, id);
create index access_records_person on access_records (council_id, actor_user, id);
`;
