/**
 * The reminder outbox as the reminder engine needs it (issue #10):
 * - the old unique index `reminder_outbox_once` had no due date, so a weekly "overdue"
 *   reminder could only ever be written once. The key is now (review, kind, recipient,
 *   due date); the recipient is a stored key: the person, else the address, else the role.
 *   A row written without a due date (e.g. a nudge) uses its send date.
 * - statuses 'pending', 'sent', 'cancelled', 'dead' ('failed' rows become 'dead');
 * - a claim is a lease (owner, until), so several service instances never send one
 *   reminder at once and a dead instance's claims are taken again when they expire;
 * - the sweep reads pending rows by send date through a partial index.
 */
export const remindersOutbox = `
drop index reminder_outbox_once;
drop index reminder_outbox_due;
alter table reminder_outbox drop constraint reminder_outbox_status_check;
update reminder_outbox set status = 'dead' where status = 'failed';
alter table reminder_outbox add constraint reminder_outbox_status_check check (status in ('pending', 'sent', 'cancelled', 'dead'));

alter table reminder_outbox
  add column recipient_key text generated always as (
    case when recipient_person is not null then 'person:' || recipient_person::text
         when nullif(btrim(recipient_email), '') is not null then 'email:' || lower(btrim(recipient_email))
         else 'role:' || recipient_role end) stored,
  -- the day the rule says this occurrence is for (send_on is that day moved to a school or working day)
  add column due_on date,
  -- the statutory date at stake, the last day worth sending, and how urgent (0 = overdue)
  add column deadline date,
  add column expires_on date,
  add column urgency smallint not null default 3,
  add column source text,
  add column action text,
  add column link jsonb,
  -- the day it was written (by the service's clock): a reminder is late when sent after
  -- its send day although it was written on or before it
  add column created_on date,
  -- retries: not before this instant (Retry-After or backoff)
  add column not_before timestamptz,
  -- the claim: which instance holds it, until when
  add column lease_owner text,
  add column lease_until timestamptz,
  add column channel text check (channel in ('teams', 'email')),
  add column sent_by text,
  add column late boolean not null default false,
  add column cancelled_reason text,
  add column dead_at timestamptz,
  add column updated_at timestamptz not null default now();

update reminder_outbox set due_on = send_on where due_on is null;

create unique index reminder_outbox_once_per_due_date on reminder_outbox (review_id, kind, recipient_key, coalesce(due_on, send_on));
-- The sweep: pending reminders whose send day has come, by send day.
create index reminder_outbox_sweep on reminder_outbox (send_on) where status = 'pending';
create index reminder_outbox_review on reminder_outbox (review_id) where status = 'pending';
create index reminder_outbox_dead on reminder_outbox (dead_at desc) where status = 'dead';

-- The daily pass (date-driven reminders for every active review) runs once a day across
-- all instances: the first to claim the day runs it; a claim whose lease ran out is retaken.
create table reminder_daily_passes (
  day date primary key,
  owner text not null,
  lease_until timestamptz not null,
  done_at timestamptz,
  reviews integer,
  written integer,
  cancelled integer
);
`;
