/**
 * The people a child's review must invite, by role (the add-in adds them to the meeting),
 * and which advice files the add-in has attached to the Outlook meeting through Graph.
 * A contact is a name and an email only (data minimisation): no addresses or phone numbers.
 */
export const caseContacts = `
create table case_contacts (
  id bigint generated always as identity primary key,
  child_id bigint not null references children (id),
  role text not null check (role in ('parent', 'young-person', 'school', 'la-send-officer', 'health', 'social-care',
    'educational-psychologist', 'post16-institution', 'youth-offending-team', 'job-coach', 'other')),
  name text not null check (length(name) between 1 and 200),
  email text not null check (email ~ '^[^@\\s]+@[^@\\s]+$' and length(email) <= 320),
  updated_at timestamptz not null default now()
);
create unique index case_contacts_once on case_contacts (child_id, role, lower(email));

create table meeting_attachments (
  review_id text not null references review_cycles (id),
  advice_item_id bigint not null references advice_items (id),
  outlook_event_id text not null,
  attachment_id text not null,
  size bigint not null,
  attached_at timestamptz not null default now(),
  attached_by bigint references people (id),
  primary key (review_id, advice_item_id, outlook_event_id)
);
`;
