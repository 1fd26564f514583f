/**
 * Each council's retention schedule (#29 item 1). Until `confirmed_at` is set by the
 * council's LA manager the daily retention job only reports what it would delete.
 */
export const retentionSchedules = `
create table retention_schedules (
  council_id text primary key references organisations (id),
  schedule jsonb not null,
  version integer not null default 1,
  confirmed_at timestamptz,
  confirmed_by bigint references people (id),
  updated_at timestamptz not null default now()
);
`;
