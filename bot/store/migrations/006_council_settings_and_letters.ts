/**
 * A council's letter settings and the record of each decision letter sent.
 *
 * The settings are one JSON document per council, validated by the shared schema
 * (`shared/letters/councilSettings.ts`) on every write, so a field a later issue adds needs
 * no migration; `version` backs the ETag for If-Match.
 *
 * Each send of a decision letter is a row: when, by whom, to whom, through which channel
 * (`send`: mailed from the shared mailbox; `draft`: saved in its Drafts for an officer),
 * and a hash of the PDF that went. The first row per review is the send; later rows are
 * explicit resends.
 */
export const councilSettingsAndLetters = `
create table council_settings (
  council_id text primary key references organisations (id),
  settings jsonb not null default '{}',
  version integer not null default 1,
  updated_by bigint references people (id),
  updated_at timestamptz not null default now()
);

create table decision_letters (
  id bigint generated always as identity primary key,
  review_id text not null references review_cycles (id),
  outcome text not null check (outcome in ('maintain', 'amend', 'cease')),
  channel text not null check (channel in ('send', 'draft')),
  mailbox text not null,
  -- [{role, name, email}]: the family and the school, as on the case's invitations
  recipients jsonb not null,
  resend boolean not null default false,
  pdf_sha256 text not null check (pdf_sha256 ~ '^[0-9a-f]{64}$'),
  graph_message_id text,
  sent_by bigint not null references people (id),
  sent_at timestamptz not null default now()
);
create index decision_letters_review on decision_letters (review_id, sent_at);
`;
