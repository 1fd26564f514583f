/**
 * After the decision (issue #25): the proposed amendments kept with the decision, every
 * letter sent kept as a record a Tribunal would accept, the family's representations, and
 * the outcome of an amendment (the final plan issued, or "not amending" with reasons).
 *
 * `letters_sent` has one row per document (a decision letter, the amendment notice sent
 * with it, a final plan letter...): its kind, the date printed on it (the day it was sent,
 * from which its periods run), the SHA-256 of the exact PDF bytes, where its copy is kept
 * (the review's SharePoint folder, beside the advice), and how it went: `email` from the
 * shared mailbox (with the Graph message id), `draft` in the shared mailbox's Drafts until
 * it is sent (`sent_on` null until then), or `post`. Documents mailed together share a
 * `mailing` id. A superseded draft (regenerated on a later day) keeps its row, marked.
 */
export const lettersAfterDecision = `
alter table decisions add column proposed_amendments jsonb not null default '[]';

create table letters_sent (
  id bigint generated always as identity primary key,
  review_id text not null references review_cycles (id),
  mailing text not null,
  kind text not null check (kind in ('decision', 'amendment-notice', 'final-plan', 'not-amending', 'cease-consultation')),
  title text not null,
  letter_date date not null,
  channel text not null check (channel in ('email', 'draft', 'post')),
  sent_on date,
  superseded boolean not null default false,
  mailbox text,
  graph_message_id text,
  -- [{role, name, email}]: everyone it went to
  recipients jsonb not null,
  file_name text not null,
  pdf_sha256 text not null check (pdf_sha256 ~ '^[0-9a-f]{64}$'),
  bytes integer not null,
  drive_id text,
  item_id text,
  sent_by bigint not null references people (id),
  created_at timestamptz not null default now()
);
create index letters_sent_review on letters_sent (review_id, created_at, id);

create table representations (
  id bigint generated always as identity primary key,
  review_id text not null references review_cycles (id),
  received_on date not null,
  summary text not null,
  wants_meeting boolean not null default false,
  -- a request that a particular school or other institution be named (CFA 2014 s38(2)(b))
  requested_school text,
  -- its consultation (s39(2)): when the council asked it, and what it said
  school_consulted_on date,
  school_response text,
  recorded_by bigint not null references people (id),
  recorded_at timestamptz not null default now()
);
create index representations_review on representations (review_id, received_on);

alter table amendments add column outcome text check (outcome in ('final-plan', 'not-amending'));
alter table amendments add column outcome_reasons text;
alter table amendments add column outcome_on date;
alter table amendments add column final_amendments jsonb;
`;
