/**
 * One-time links for advice and the family's views (#12), and where each council keeps
 * review folders.
 *
 * A link's token is never stored: only its SHA-256, so a copy of the database opens no
 * link. A link is good for one request, once (`used_at`), until it expires (the end of the
 * meeting day in London) or is revoked when a new one is issued for the same request.
 */
export const adviceLinks = `
create table advice_links (
  id bigint generated always as identity primary key,
  request_id bigint not null references advice_requests (id) on delete cascade,
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  expires_at timestamptz not null,
  used_at timestamptz,
  revoked_at timestamptz,
  issued_by bigint references people (id),
  created_at timestamptz not null default now()
);
create index advice_links_request on advice_links (request_id);

-- The SharePoint document library (Graph drive id) holding a council's review folders;
-- without a row the service's ADVICE_DRIVE_ID setting applies.
create table advice_drives (
  council_id text primary key references organisations (id),
  drive_id text not null check (length(drive_id) between 1 and 200),
  updated_at timestamptz not null default now()
);
`;
