import { createHash } from 'node:crypto';
import { appendAudit } from '../audit';
import type { Queryable } from '../db';
import { InvalidInputError, ServiceError } from '../errors';
import type { Principal } from '../principal';
import type { importColumns } from './importRows';
import { ifMatchAccepts } from '../ifMatch';

/** Our column -> the council's header for it; a column not named keeps our name. */
export type ColumnMap = Partial<Record<(typeof importColumns)[number], string>>;

/** The council's saved mapping (empty: today's column names). */
export async function loadColumnMap(tx: Queryable, principal: Principal): Promise<{ columns: ColumnMap; updatedAt: string | null }> {
  const [row] = await tx.query<{ column_map: ColumnMap; updated: string | null }>(
    "select column_map, to_char(map_updated_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') as updated from caseload_import_settings where council_id = $1",
    [principal.orgId],
  );
  return { columns: row?.column_map ?? {}, updatedAt: row?.updated ?? null };
}

/** The mapping's version for ETag / If-Match. */
export function columnMapEtag(columns: ColumnMap): string {
  const sorted = Object.fromEntries(Object.entries(columns).sort(([a], [b]) => a.localeCompare(b)));
  return `"map-${createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 16)}"`;
}

/** Saves the council's mapping (audited), refusing a stale If-Match; two of our columns may not read one header. */
export async function saveColumnMap(tx: Queryable, principal: Principal, columns: ColumnMap, ifMatch?: string): Promise<ColumnMap> {
  const cleaned = Object.fromEntries(Object.entries(columns).flatMap(([k, v]) => (v?.trim() && v.trim() !== k ? [[k, v.trim()]] : []))) as ColumnMap;
  const seen = new Map<string, string>();
  for (const [ours, theirs] of Object.entries(cleaned)) {
    const first = seen.get(theirs.toLowerCase());
    if (first) throw new InvalidInputError([{ field: `columns.${ours}`, message: `"${theirs}" is already the column for ${first}; each of your columns can stand for one of ours` }]);
    seen.set(theirs.toLowerCase(), ours);
  }
  await tx.query("select pg_advisory_xact_lock(hashtext('caseload-map:' || $1))", [principal.orgId]);
  const before = await loadColumnMap(tx, principal);
  const current = columnMapEtag(before.columns);
  if (!ifMatchAccepts(ifMatch, current)) {
    throw new ServiceError(412, 'stale-write', `The saved column names have changed since you read them (now ${current}); reload them and make your change again.`);
  }
  await tx.query(
    `insert into caseload_import_settings (council_id, column_map, map_updated_at) values ($1, $2::jsonb, now())
     on conflict (council_id) do update set column_map = excluded.column_map, map_updated_at = now()`,
    [principal.orgId, JSON.stringify(cleaned)],
  );
  await appendAudit(tx, principal, 'caseload.mapping-saved', 'organisation', principal.orgId, before.columns, cleaned);
  return cleaned;
}

/** The file's header read through the mapping: each council header named in it becomes our column name (matched ignoring case and spaces around). */
export function mapHeader(header: string[], columns: ColumnMap): string[] {
  const ours = new Map(Object.entries(columns).map(([k, v]) => [String(v).trim().toLowerCase(), k]));
  return header.map((h) => ours.get(h.trim().toLowerCase()) ?? h.trim());
}
