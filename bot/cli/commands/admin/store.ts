import { userInfo } from 'node:os';
import path from 'node:path';
import type { AuditActor } from '../../../store/audit';
import type { Db } from '../../../store/db';
import { ServiceError } from '../../../store/errors';
import { SchemaMismatchError } from '../../../store/migrate';
import { openStore } from '../../../store/openStore';
import { type CliIo, UsageError } from '../../io';

/** The store the service uses: $DATABASE_URL, or the embedded one in --data-dir / $DATA_DIR / ./data. */
export async function withAdminStore<T>(io: CliIo, dataDir: string | undefined, fn: (db: Db) => Promise<T>): Promise<T> {
  const location = { dataDir: path.resolve(io.cwd, dataDir || io.env.DATA_DIR || './data'), databaseUrl: io.env.DATABASE_URL || undefined, auditKey: io.env.AUDIT_KEY || undefined };
  let db: Db;
  try {
    db = await openStore(location);
  } catch (error) {
    if (error instanceof SchemaMismatchError) throw new UsageError([error.message]);
    throw error;
  }
  try {
    return await fn(db);
  } catch (error) {
    // Refusals the store explains (bad field, unknown id, conflict) are the user's to fix: no stack trace.
    if (error instanceof ServiceError) {
      const problems = (error as ServiceError & { problems?: Array<{ field: string; message: string }> }).problems;
      throw new UsageError(problems ? problems.map((p) => `${p.field}: ${p.message}`) : [error.message]);
    }
    throw error;
  } finally {
    await db.close();
  }
}

/** Who the audit log names for a change made at the command line. */
export function operator(io: CliIo, given: string | undefined): AuditActor {
  let name = given || io.env.USER || io.env.USERNAME;
  if (!name) {
    try {
      name = userInfo().username;
    } catch {
      name = 'unknown';
    }
  }
  return { orgId: null, userId: `cli:${name}`, role: 'administrator' };
}

/** Lays rows out as aligned columns under a header. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
