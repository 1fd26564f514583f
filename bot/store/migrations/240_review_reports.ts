/**
 * The school's structured meeting report (#24): one per review, a draft until submitted,
 * then read-only. `version` is the report's own (If-Match on the report page); the email
 * to everyone invited is sent once per submitted version (`mail_sent_version`), so a
 * retry after a Graph failure never sends twice. `reports` keeps the day it went.
 */
export const reviewReports = `
create table review_reports (
  review_id text primary key references review_cycles (id),
  variant text not null check (variant in ('general', 'year9')),
  content jsonb not null,
  state text not null default 'draft' check (state in ('draft', 'submitted')),
  version integer not null default 1,
  late boolean not null default false,
  submitted_at timestamptz,
  submitted_by bigint references people (id),
  mail_state text not null default 'unsent' check (mail_state in ('unsent', 'sending', 'sent', 'failed')),
  mail_sent_version integer,
  mail_error text,
  files jsonb,
  files_error text,
  updated_by bigint references people (id),
  updated_at timestamptz not null default now()
);
`;
