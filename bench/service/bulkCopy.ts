import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

/**
 * `COPY table (columns) FROM STDIN` with the whole text in one go, through the `pg` driver's
 * own copy protocol hooks (a "submittable", as pg-copy-streams does, which this project does
 * not depend on). Resolves with the rows copied.
 */
export function copyFrom(client: Client, table: string, columns: readonly string[], rows: readonly (readonly (string | number | null)[])[]): Promise<number> {
  const text = rows.map((r) => r.map(copyField).join('\t')).join('\n') + (rows.length ? '\n' : '');
  return new Promise((resolve, reject) => {
    let copied = 0;
    let failed: Error | undefined;
    const submittable = {
      submit(connection: { query(sql: string): void }) {
        connection.query(`copy ${table} (${columns.join(', ')}) from stdin`);
      },
      handleCopyInResponse(connection: { sendCopyFromChunk(chunk: Buffer): void; endCopyFrom(): void }) {
        connection.sendCopyFromChunk(Buffer.from(text, 'utf8'));
        connection.endCopyFrom();
      },
      handleCommandComplete(message: { text?: string; command?: string; rowCount?: number }) {
        copied = message.rowCount ?? Number(String(message.text ?? '').split(' ').at(-1));
      },
      handleError(error: Error) {
        failed = error;
      },
      handleReadyForQuery() {
        if (failed) reject(failed);
        else resolve(copied);
      },
      handleEmptyQuery() {},
      handleRowDescription() {},
      handleDataRow() {},
    };
    (client as unknown as { query(s: unknown): void }).query(submittable);
  });
}

/** COPY's text format: tab-separated, `\N` for null, backslash escapes. */
function copyField(value: string | number | null): string {
  if (value === null) return '\\N';
  return String(value).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** What the import stores for one CSV row, worked out before the clock starts: the COPY baseline does no checking and no date rules. */
export interface CopyRow {
  laReference: string;
  name: string;
  dateOfBirth: string;
  school: string;
  issuedOn: string;
  ncYear: number;
  reviewDeadline: string;
  latestMeetingDate: string;
}

/**
 * The bulk baseline for the caseload import: the same rows into the same tables (children,
 * plans, review cycles and one audit entry each) by bare COPY, in one transaction, reading
 * back only the generated ids each next table needs. Returns the seconds it took.
 */
export async function copyCaseload(databaseUrl: string, councilId: string, personId: number | null, rows: readonly CopyRow[]): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const started = process.hrtime.bigint();
    await client.query('begin');
    await copyFrom(client, 'children', ['council_id', 'la_reference', 'name', 'date_of_birth'], rows.map((r) => [councilId, r.laReference, r.name, r.dateOfBirth]));
    const children = await client.query<{ id: string; la_reference: string }>('select id, la_reference from children where council_id = $1 and la_reference = any($2::text[])', [
      councilId,
      rows.map((r) => r.laReference),
    ]);
    const childId = new Map(children.rows.map((c) => [c.la_reference, c.id]));
    await copyFrom(
      client,
      'plans',
      ['child_id', 'school_id', 'issued_on', 'nc_year', 'case_officer_id'],
      rows.map((r) => [childId.get(r.laReference) ?? null, r.school, r.issuedOn, r.ncYear, personId]),
    );
    const plans = await client.query<{ id: string; child_id: string }>('select id, child_id from plans where child_id = any($1::bigint[])', [[...childId.values()]]);
    const planOf = new Map(plans.rows.map((p) => [p.child_id, p.id]));
    await copyFrom(
      client,
      'review_cycles',
      ['id', 'plan_id', 'council_id', 'school_id', 'stage', 'review_deadline', 'latest_meeting_date'],
      rows.map((r) => [randomUUID(), planOf.get(childId.get(r.laReference) ?? '') ?? null, councilId, r.school, 'not-booked', r.reviewDeadline, r.latestMeetingDate]),
    );
    await copyFrom(
      client,
      'audit_log',
      ['actor_org', 'actor_user', 'actor_role', 'action', 'entity', 'entity_id', 'after'],
      rows.map((r) => [councilId, 'bench-officer', 'la-officer', 'child.imported', 'child', r.laReference, JSON.stringify({ childName: r.name, school: r.school, planIssued: r.issuedOn })]),
    );
    await client.query('commit');
    return Number(process.hrtime.bigint() - started) / 1e9;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
