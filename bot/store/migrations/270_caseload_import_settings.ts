/**
 * The caseload import in the tab (#27): each council's column mapping (the names its case
 * management system exports, saved once), and what its last import was (the file's hash,
 * when, the answer, and the audit position then), so re-importing an unchanged file is
 * answered at once without reading it again.
 */
export const caseloadImportSettings = `
create table caseload_import_settings (
  council_id text primary key references organisations (id),
  -- {"laReference": "UPN_REF", ...}: our column -> the council's header; missing ones keep our names
  column_map jsonb not null default '{}'::jsonb,
  map_updated_at timestamptz,
  last_sha256 text check (last_sha256 ~ '^[0-9a-f]{64}$'),
  last_imported_at timestamptz,
  last_result jsonb,
  -- the council's newest audit row when the last import finished: a later child or contact change means a re-import must really run
  last_audit_id bigint
);
`;
