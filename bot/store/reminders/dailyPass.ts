import type { IsoDate, TermCalendar } from '../../../shared';
import type { Db } from '../db';
import { scheduleReminders } from './scheduleReminders';

export interface DailyPassOptions {
  today: IsoDate;
  now: Date;
  owner: string;
  /** How long this instance holds the day while it runs; renewed each batch. */
  leaseMs: number;
  batchSize?: number | undefined;
  terms?: TermCalendar | undefined;
  /** Run even if the day's pass is done (the benchmark). */
  force?: boolean | undefined;
}

export interface DailyPassResult {
  ran: boolean;
  reviews: number;
  written: number;
  cancelled: number;
}

const lease = (now: Date, ms: number) => new Date(now.getTime() + ms).toISOString();

/**
 * The day's schedule: every active review's date-driven reminders written (and the ones it
 * no longer implies cancelled), a batch of reviews per transaction. Once a day across all
 * instances: the first to claim the day runs it; if it dies, another retakes the day when
 * the lease runs out and simply runs it again (every write is idempotent).
 * Active: not concluded, or concluded in the last 4 weeks (the next review's deadline).
 */
export async function runDailyPass(db: Db, options: DailyPassOptions): Promise<DailyPassResult> {
  const claimed = await db.query(
    `insert into reminder_daily_passes (day, owner, lease_until) values ($1, $2, $3)
     on conflict (day) do update set owner = excluded.owner, lease_until = excluded.lease_until, done_at = null
      where ($5 or reminder_daily_passes.done_at is null) and (reminder_daily_passes.lease_until < $4 or reminder_daily_passes.owner = $2 or $5)
     returning day`,
    [options.today, options.owner, lease(options.now, options.leaseMs), options.now.toISOString(), options.force ?? false],
  );
  if (claimed.length === 0) return { ran: false, reviews: 0, written: 0, cancelled: 0 };
  const batch = options.batchSize ?? 1000;
  const total = { ran: true, reviews: 0, written: 0, cancelled: 0 };
  for (let after = ''; ; ) {
    const ids = await db.query<{ id: string }>(
      `select r.id from review_cycles r
        where r.id > $1 and (r.stage <> 'concluded' or exists (select 1 from decisions d where d.review_id = r.id and d.notified_on >= $2::date - 28))
          -- an erased child's reviews stay for the counts, and nobody is reminded about them
          and not exists (select 1 from plans p join children c on c.id = p.child_id where p.id = r.plan_id and c.erased_at is not null)
        order by r.id limit $3`,
      [after, options.today, batch],
    );
    if (ids.length === 0) break;
    const result = await db.transaction((tx) => scheduleReminders(tx, ids.map((r) => r.id), options.today, { terms: options.terms }));
    total.reviews += result.reviews;
    total.written += result.written;
    total.cancelled += result.cancelled;
    after = ids[ids.length - 1]!.id;
    await db.query('update reminder_daily_passes set lease_until = $3 where day = $1 and owner = $2', [options.today, options.owner, lease(options.now, options.leaseMs)]);
  }
  await db.query('update reminder_daily_passes set done_at = $3, reviews = $4, written = $5, cancelled = $6 where day = $1 and owner = $2', [
    options.today,
    options.owner,
    options.now.toISOString(),
    total.reviews,
    total.written,
    total.cancelled,
  ]);
  return total;
}
