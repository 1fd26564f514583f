import type { Queryable } from '../db';

/** A council's stored retention schedule, as written (parsed by bot/app/retention), with who confirmed it. */
export interface StoredRetentionSchedule {
  councilId: string;
  schedule: unknown;
  version: number;
  confirmedAt: string | null;
  confirmedBy: number | null;
}

/** The council's schedule, or null when it has never saved one (the defaults apply, unconfirmed). */
export async function readRetentionSchedule(tx: Queryable, councilId: string): Promise<StoredRetentionSchedule | null> {
  const [row] = await tx.query<{ schedule: unknown; version: number; confirmed_at: Date | string | null; confirmed_by: string | number | null }>(
    'select schedule, version, confirmed_at, confirmed_by from retention_schedules where council_id = $1',
    [councilId],
  );
  if (!row) return null;
  return {
    councilId,
    schedule: typeof row.schedule === 'string' ? JSON.parse(row.schedule) : row.schedule,
    version: row.version,
    confirmedAt: row.confirmed_at === null ? null : new Date(row.confirmed_at).toISOString(),
    confirmedBy: row.confirmed_by === null ? null : Number(row.confirmed_by),
  };
}

/**
 * Saves the schedule as the next version. Confirming is part of saving: a changed schedule
 * that is not confirmed again stops deleting until it is, so nobody deletes by a figure
 * that no one signed off.
 */
export async function writeRetentionSchedule(tx: Queryable, councilId: string, schedule: unknown, confirmedBy: number | null): Promise<StoredRetentionSchedule> {
  await tx.query(
    `insert into retention_schedules (council_id, schedule, confirmed_at, confirmed_by)
     values ($1, $2, case when $3::bigint is null then null else now() end, $3)
     on conflict (council_id) do update
       set schedule = excluded.schedule, version = retention_schedules.version + 1,
           confirmed_at = excluded.confirmed_at, confirmed_by = excluded.confirmed_by, updated_at = now()`,
    [councilId, JSON.stringify(schedule), confirmedBy],
  );
  return (await readRetentionSchedule(tx, councilId)) as StoredRetentionSchedule;
}

/** Every council on the service, for the daily job. */
export async function councilIds(tx: Queryable): Promise<string[]> {
  const rows = await tx.query<{ id: string }>("select id from organisations where kind = 'council' order by id");
  return rows.map((r) => r.id);
}

/**
 * Holds the council's row until the transaction ends, so two saves of its schedule are
 * ordered (If-Match then means what it says), and two processes' retention runs of one day
 * are too: the second finds what the first left. `no key update`, not `update`: the writes
 * that only refer to the council (a review, an audit entry) take a key-share lock on its row,
 * which this one does not block, so a retention run does not hold up the council's work.
 */
export async function lockCouncilForRetention(tx: Queryable, councilId: string): Promise<void> {
  await tx.query('select 1 from organisations where id = $1 for no key update', [councilId]);
}
