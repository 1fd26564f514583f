import { createHash } from 'node:crypto';
import type { Queryable } from '../db';
import type { Principal } from '../principal';
import { loadColumnMap } from './columnMapping';
import { type ImportOptions, type ImportResult, importCaseload } from './importCaseload';

export interface FileImportResult extends ImportResult {
  /** Set when the file (and the column names) were exactly those of the last import and nothing has changed since: nothing was read again. */
  sameAsLastImport?: { importedAt: string };
}

interface Last {
  last_sha256: string | null;
  last_imported_at: string | null;
  last_result: ImportResult | null;
  last_audit_id: string | null;
  newest_audit_id: string | null;
}

/**
 * A caseload file as the tab and the API import it: through the council's saved column
 * names, and answered at once when it is byte for byte the file imported last time, with
 * the same column names, and no child, plan or contact of the council has changed since
 * (any audited change by the council or its schools means the file is read again, because
 * the import would then correct it).
 */
export async function importCaseloadFile(tx: Queryable, principal: Principal, csv: string, options: Omit<ImportOptions, 'columns'> = {}): Promise<FileImportResult> {
  const { columns } = await loadColumnMap(tx, principal);
  const sha256 = createHash('sha256').update(JSON.stringify(columns)).update('\n').update(csv).digest('hex');
  const [last] = await tx.query<Last>(
    `select s.last_sha256, to_char(s.last_imported_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as last_imported_at, s.last_result, s.last_audit_id::text,
            (select max(a.id)::text from audit_log a where a.actor_org = $1 or a.actor_org in (select o.id from organisations o where o.council_id = $1)) as newest_audit_id
       from (select $1::text as council_id) c left join caseload_import_settings s on s.council_id = c.council_id`,
    [principal.orgId],
  );
  if (last?.last_sha256 === sha256 && last.last_result && last.last_imported_at && last.last_audit_id === last.newest_audit_id) {
    const r = last.last_result;
    const rows = r.created + r.updated + r.unchanged;
    await options.onProgress?.({ read: rows + r.rejected, created: 0, updated: 0, unchanged: rows, rejected: r.rejected });
    return { ...r, created: 0, updated: 0, unchanged: rows, sameAsLastImport: { importedAt: last.last_imported_at } };
  }
  const result = await importCaseload(tx, principal, csv, { ...options, columns });
  await tx.query(
    `insert into caseload_import_settings (council_id, last_sha256, last_imported_at, last_result, last_audit_id)
     values ($1, $2, now(), $3::jsonb, (select max(a.id) from audit_log a where a.actor_org = $1 or a.actor_org in (select o.id from organisations o where o.council_id = $1)))
     on conflict (council_id) do update set last_sha256 = excluded.last_sha256, last_imported_at = excluded.last_imported_at,
       last_result = excluded.last_result, last_audit_id = excluded.last_audit_id`,
    [principal.orgId, sha256, JSON.stringify(result)],
  );
  return result;
}
