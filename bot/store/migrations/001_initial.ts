/**
 * The first schema. Forward-only: once released, a migration is never edited (the
 * migrator checks each applied migration's checksum); changes go in a new file.
 *
 * Data minimisation (UK GDPR art. 5(1)(c)): a child is a name, a date of birth and a
 * reference; advice is a pointer to a file in OneDrive/SharePoint, never its bytes.
 */
export const initialSchema = `
create table organisations (
  id text primary key check (id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  kind text not null check (kind in ('council', 'school', 'provider')),
  name text not null check (length(name) between 1 and 200),
  entra_tenant_id text,
  -- a school's or setting's maintaining council; null for councils and providers
  council_id text references organisations (id),
  created_at timestamptz not null default now(),
  check (kind <> 'school' or council_id is not null)
);
create index organisations_tenant on organisations (entra_tenant_id);

create table people (
  id bigint generated always as identity primary key,
  org_id text not null references organisations (id),
  entra_object_id text not null,
  email text,
  display_name text,
  role text not null check (role in ('senco', 'la-officer', 'la-manager', 'professional')),
  created_at timestamptz not null default now(),
  unique (org_id, entra_object_id)
);
create index people_object on people (entra_object_id);
create index people_email on people (lower(email));

create table children (
  id bigint generated always as identity primary key,
  council_id text not null references organisations (id),
  la_reference text not null check (length(la_reference) between 1 and 64),
  name text not null check (length(name) between 1 and 200),
  date_of_birth date,
  upn text check (upn ~ '^[A-Z][0-9]{11}[0-9A-Z]$'),
  unique (council_id, la_reference)
);

create table plans (
  id bigint generated always as identity primary key,
  child_id bigint not null unique references children (id),
  school_id text references organisations (id),
  issued_on date not null,
  nc_year smallint check (nc_year between -1 and 14),
  transfer_kind text check (transfer_kind in ('school', 'post16', 'post16-move')),
  transfer_date date,
  ceased_on date,
  check ((transfer_kind is null) = (transfer_date is null))
);
create index plans_school on plans (school_id);

-- One annual review. stage moves forward only; the status a user sees is derived from
-- stage and today (a booked meeting whose day has passed is awaiting its report).
create table review_cycles (
  id text primary key default gen_random_uuid()::text,
  plan_id bigint not null references plans (id),
  council_id text not null references organisations (id),
  school_id text references organisations (id),
  previous_concluded_on date,
  stage text not null default 'not-booked'
    check (stage in ('not-booked', 'booked', 'reported', 'amending', 'concluded')),
  review_deadline date not null,
  latest_meeting_date date not null,
  meeting_date date,
  report_due date,
  decision_due date,
  final_plan_due date,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index review_cycles_council on review_cycles (council_id, stage);
create index review_cycles_school on review_cycles (school_id, stage);
create index review_cycles_plan on review_cycles (plan_id);
-- a plan has at most one review in progress before its decision
create unique index review_cycles_one_open on review_cycles (plan_id) where stage in ('not-booked', 'booked', 'reported');

create table invitations (
  id bigint generated always as identity primary key,
  review_id text not null references review_cycles (id),
  role text not null,
  person_id bigint references people (id),
  name text,
  email text,
  sent_on date not null,
  response text not null default 'pending' check (response in ('pending', 'accepted', 'declined', 'tentative'))
);
create index invitations_review on invitations (review_id);
create index invitations_email on invitations (lower(email));
create index invitations_person on invitations (person_id);

create table advice_requests (
  id bigint generated always as identity primary key,
  review_id text not null references review_cycles (id),
  from_role text not null,
  person_id bigint references people (id),
  email text,
  requested_on date not null,
  due_on date not null
);
create index advice_requests_review on advice_requests (review_id);

create table advice_items (
  id bigint generated always as identity primary key,
  review_id text not null references review_cycles (id),
  request_id bigint references advice_requests (id),
  from_role text not null,
  author text,
  received_on date not null,
  drive_id text,
  item_id text,
  file_name text,
  recorded_by bigint references people (id),
  check ((drive_id is null) = (item_id is null))
);
create index advice_items_review on advice_items (review_id);

create table meetings (
  review_id text primary key references review_cycles (id),
  meeting_date date not null,
  invitations_sent_on date,
  mode text check (mode in ('in-person', 'virtual', 'hybrid')),
  rating text check (rating in ('green', 'amber', 'red')),
  outlook_event_id text,
  ical_uid text,
  teams_join_url text,
  booked_by bigint references people (id),
  source text not null default 'service' check (source in ('service', 'import'))
);

create table reports (
  review_id text primary key references review_cycles (id),
  sent_on date not null,
  recommendation text not null check (recommendation in ('maintain', 'amend', 'cease')),
  notes text,
  recorded_by bigint references people (id)
);

create table decisions (
  review_id text primary key references review_cycles (id),
  outcome text not null check (outcome in ('maintain', 'amend', 'cease')),
  notified_on date not null,
  reasons text not null,
  decided_by bigint not null references people (id)
);

create table amendments (
  review_id text primary key references review_cycles (id),
  notice_served_on date,
  family_responded_on date,
  final_plan_issued_on date,
  recorded_by bigint references people (id)
);

create table reminder_outbox (
  id bigint generated always as identity primary key,
  review_id text not null references review_cycles (id),
  kind text not null,
  recipient_role text not null,
  recipient_email text,
  recipient_person bigint references people (id),
  send_on date not null,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed', 'cancelled')),
  attempts integer not null default 0,
  last_error text,
  sent_at timestamptz,
  created_at timestamptz not null default now()
);
create index reminder_outbox_due on reminder_outbox (status, send_on);
create unique index reminder_outbox_once on reminder_outbox (review_id, kind, recipient_role, coalesce(recipient_email, ''));

-- Append-only: the trigger below refuses UPDATE, DELETE and TRUNCATE, so an entry once
-- written stays as written (who, what, when, before and after).
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_org text,
  actor_user text,
  actor_role text,
  action text not null,
  entity text not null,
  entity_id text not null,
  before jsonb,
  after jsonb
);
create index audit_log_entity on audit_log (entity, entity_id);

create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only: % is not allowed', tg_op using errcode = '42501';
end;
$$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_is_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_is_append_only();

-- The first response to each Idempotency-Key, per caller; a repeat gets it back.
create table idempotency_keys (
  org_id text not null,
  user_id text not null,
  key text not null,
  request_hash text not null,
  status integer not null,
  body jsonb,
  etag text,
  created_at timestamptz not null default now(),
  primary key (org_id, user_id, key)
);
`;
