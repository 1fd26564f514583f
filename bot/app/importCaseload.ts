import { z } from 'zod';
import { columnMapEtag, saveColumnMap } from '../store/caseload/columnMapping';
import type { ImportOptions } from '../store/caseload/importCaseload';
import { importColumns } from '../store/caseload/importRows';
import { importCaseloadFile } from '../store/caseload/importFile';
import { InvalidInputError } from '../store/errors';
import { requestHash, runWrite } from '../store/idempotency';
import type { Principal } from '../store/principal';
import { type AppDeps, parsed, permit, type TaskResult } from './task';

/** One caseload import from any face: the caller, the CSV text as sent, and the write's key. */
export interface ImportCall {
  principal: Principal;
  /** The CSV; anything but text (a JSON body, a form) is refused naming the content type to send. */
  csv: unknown;
  idempotencyKey?: string | undefined;
  /** Told as rows are stored (the API streams it as NDJSON lines). */
  onProgress?: ImportOptions['onProgress'];
}

/**
 * Import a council's caseload CSV in one transaction: every row checked first, and any
 * fault refuses the whole file with the line and field to fix, so nothing half-imports.
 *
 * @example await importCaseload(deps, { principal: officer, csv: 'la_reference,child_name,...\n...' }) //=> { status: 200, body: { created: 120, updated: 3, ... } }
 */
export async function importCaseload(deps: AppDeps, call: ImportCall): Promise<TaskResult> {
  permit(call.principal, 'POST /api/caseload/import');
  const csv = call.csv;
  if (typeof csv !== 'string') throw new InvalidInputError([{ field: 'Content-Type', message: 'send the caseload as CSV with Content-Type: text/csv' }]);
  const options = { ...(deps.importMaxRows === undefined ? {} : { maxRows: deps.importMaxRows }), ...(call.onProgress ? { onProgress: call.onProgress } : {}) };
  return runWrite(deps.db, call.principal, call.idempotencyKey, requestHash('POST', '/api/caseload/import', csv, 'text/csv'), async (tx) => ({
    status: 200,
    body: await importCaseloadFile(tx, call.principal, csv, options),
  }));
}

/** The council's names for our columns: each at most 100 characters; our name or empty keeps ours. */
export const columnMapBody = z.strictObject({
  columns: z.strictObject(Object.fromEntries(importColumns.map((c) => [c, z.string().max(100).optional()])) as Record<(typeof importColumns)[number], z.ZodOptional<z.ZodString>>),
});

/** Save the council's names for the import's columns (If-Match on the map's ETag, idempotent). */
export async function saveColumnMapping(deps: AppDeps, call: { principal: Principal; input: unknown; idempotencyKey?: string | undefined; ifMatch?: string | undefined }): Promise<TaskResult> {
  permit(call.principal, 'PUT /api/caseload/mapping');
  const input = parsed(columnMapBody, call.input);
  return runWrite(deps.db, call.principal, call.idempotencyKey, requestHash('PUT', '/api/caseload/mapping', call.input ?? null), async (tx) => {
    const columns = await saveColumnMap(tx, call.principal, input.columns, call.ifMatch);
    return { status: 200, body: { columns, ourColumns: importColumns }, etag: columnMapEtag(columns) };
  });
}
