import { importCaseload as storeImport } from '../store/caseload/importCaseload';
import { InvalidInputError } from '../store/errors';
import { requestHash, runWrite } from '../store/idempotency';
import type { Principal } from '../store/principal';
import { type AppDeps, permit, type TaskResult } from './task';

/** One caseload import from any face: the caller, the CSV text as sent, and the write's key. */
export interface ImportCall {
  principal: Principal;
  /** The CSV; anything but text (a JSON body, a form) is refused naming the content type to send. */
  csv: unknown;
  idempotencyKey?: string | undefined;
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
  const options = deps.importMaxRows === undefined ? {} : { maxRows: deps.importMaxRows };
  return runWrite(deps.db, call.principal, call.idempotencyKey, requestHash('POST', '/api/caseload/import', csv, 'text/csv'), async (tx) => ({
    status: 200,
    body: await storeImport(tx, call.principal, csv, options),
  }));
}
