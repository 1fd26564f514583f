import { silentLogger } from '../bot/log/logger';
import type { ReminderChannels } from '../bot/reminders/channels';
import { runDailyPass } from '../bot/store/reminders/dailyPass';
import { defaultSweepPolicy } from '../bot/reminders/policy';
import { sweepOnce } from '../bot/reminders/sweeper';
import type { Db } from '../bot/store/db';
import { migrate } from '../bot/store/migrate';
import { openPostgres } from '../bot/store/openPostgres';
import { claimDueReminders, DUE_REMINDERS_SQL } from '../bot/store/reminders/outbox';
import { defaultPostgresUrl, postgresTarget } from './harness/stores';
import { scaled } from './harness/scale';
import { againstTarget } from './harness/against';

const REVIEWS = scaled(100_000, 200);
const DUE_SHARE = 0.01;
const SWEEP = { what: 'under', value: 1000, unit: 'ms' };
// Monday 23 November 2026, 10:00 in London.
const TODAY = '2026-11-23';
const NOW = new Date(`${TODAY}T10:00:00Z`);

/**
 * The reminder sweep at scale, on PostgreSQL: 100,000 active reviews (70% not booked, 20%
 * booked with invitations and advice requests, 10% awaiting the decision), the day's
 * schedule written by the daily pass, then 1% of reviews with a reminder due today. Times
 * the daily pass, one sweep's claim (the query every tick runs), and draining all due
 * reminders through instant channels (the sweeper's own cost); prints the claim's plan.
 */
export async function remindersBenchmark(): Promise<void> {
  const url = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || defaultPostgresUrl;
  const target = await postgresTarget(url, 'ehcp_bench_reminders').catch((error: Error) => {
    console.log(`Reminders: skipped, ${error.message}`);
    return undefined;
  });
  if (!target) return;
  const db = await openPostgres(target.databaseUrl as string);
  try {
    await migrate(db);
    console.log(`Reminders: ${REVIEWS.toLocaleString('en-GB')} active reviews in PostgreSQL, ${DUE_SHARE * 100}% with a reminder due`);
    const loaded = await timed(() => loadReviews(db));
    console.log(`  load the reviews (SQL generate_series)       ${loaded.seconds.toFixed(1)} s`);

    const pass = await timed(() => runDailyPass(db, { today: TODAY, now: NOW, owner: 'bench', leaseMs: 3_600_000, batchSize: 1000, force: true }));
    console.log(
      `  write the day's schedule (daily pass)         ${pass.seconds.toFixed(1)} s: ${pass.value.reviews.toLocaleString('en-GB')} reviews, ${pass.value.written.toLocaleString('en-GB')} reminders written (${Math.round(pass.value.reviews / pass.seconds).toLocaleString('en-GB')} reviews/s)`,
    );
    const again = await timed(() => runDailyPass(db, { today: TODAY, now: NOW, owner: 'bench', leaseMs: 3_600_000, batchSize: 1000, force: true }));
    console.log(`  the same pass again (nothing to change)       ${again.seconds.toFixed(1)} s: ${again.value.written} written, ${again.value.cancelled} cancelled`);

    const due = await makeOnePercentDue(db);
    // As autovacuum would after the day's writes: the moved rows' old index entries go.
    await db.query('vacuum analyze reminder_outbox');
    const [{ n: pending } = { n: 0 }] = await db.query<{ n: number }>("select count(*)::int as n from reminder_outbox where status = 'pending'");
    console.log(`  outbox: ${pending.toLocaleString('en-GB')} pending reminders, ${due.toLocaleString('en-GB')} due today`);

    const plan = await db.query<{ 'QUERY PLAN': string }>(
      `explain (analyze, costs off, timing off, summary off) ${DUE_REMINDERS_SQL.replace(/\$1::date/g, `'${TODAY}'::date`).replace(/\$2::timestamptz/g, `'${NOW.toISOString()}'::timestamptz`).replace('$3', '50')}`,
    );
    console.log("  the sweep's query plan:");
    for (const line of plan) console.log(`    ${line['QUERY PLAN']}`);
    const usesIndex = plan.some((l) => l['QUERY PLAN'].includes('reminder_outbox_sweep'));
    console.log(`  uses the due-time index reminder_outbox_sweep: ${usesIndex ? 'yes' : 'NO'}`);

    const claims: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = await timed(() => db.transaction(async (tx) => {
        const claimed = await claimDueReminders(tx, { owner: 'bench-probe', now: NOW, today: TODAY, leaseMs: 60_000, limit: 50 });
        throw new Rollback(claimed.length);
      }).catch((e: unknown) => (e instanceof Rollback ? e.n : Promise.reject(e))));
      claims.push(t.seconds * 1000);
    }
    console.log(`  one sweep's claim (50 of ${due.toLocaleString('en-GB')} due, rolled back): median ${median(claims).toFixed(1)} ms   ${againstTarget(median(claims), { ...SWEEP, what: 'a whole sweep under' })}`);

    const instant: ReminderChannels = { teams: { send: async () => ({ id: 'bench' }) }, email: { send: async () => {} } };
    const sweep = () =>
      sweepOnce({
        db,
        channels: instant,
        now: () => NOW,
        owner: 'bench',
        policy: defaultSweepPolicy,
        leaseMs: 60_000,
        batchSize: 50,
        maxBatches: 1,
        intervalMs: 1000,
        publicUrl: () => 'https://ehcp.example',
        defaultCouncilTenant: '00000000-0000-4000-8000-000000000000',
        logger: silentLogger,
      });
    const sweeps: number[] = [];
    let total = { claimed: 0, sent: 0, dead: 0 };
    const started = process.hrtime.bigint();
    for (;;) {
      const t = await timed(sweep);
      if (t.value.claimed === 0) break;
      sweeps.push(t.seconds);
      total = { claimed: total.claimed + t.value.claimed, sent: total.sent + t.value.sent, dead: total.dead + t.value.dead };
    }
    const all = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(
      `  one sweep (claim 50, deliver through instant channels, record): median ${(median(sweeps) * 1000).toFixed(0)} ms, slowest ${(Math.max(...sweeps) * 1000).toFixed(0)} ms   ${againstTarget(Math.max(...sweeps) * 1000, { ...SWEEP, what: 'the slowest sweep under' })}`,
    );
    console.log(
      `  all ${total.claimed.toLocaleString('en-GB')} due reminders: ${sweeps.length} sweeps, ${all.toFixed(1)} s (${total.sent} sent, ${total.dead} dead letters, ${Math.round(total.claimed / all)} reminders/s per instance)`,
    );
  } finally {
    await db.close();
    await target.dispose();
  }
}

class Rollback extends Error {
  constructor(readonly n: number) {
    super('rollback');
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const started = process.hrtime.bigint();
  const value = await fn();
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, value };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/** The reviews, straight into the tables in a few statements (the API would take minutes). */
async function loadReviews(db: Db): Promise<void> {
  await db.exec(`
    insert into organisations (id, kind, name) values ('bench-council', 'council', 'Bench Council');
    insert into organisations (id, kind, name, council_id) select 'bench-school-' || g, 'school', 'Bench School ' || g, 'bench-council' from generate_series(1, 400) g;
    insert into people (org_id, entra_object_id, email, role) select 'bench-school-' || g, 'senco-' || g, 'senco' || g || '@bench.example', 'senco' from generate_series(1, 400) g;
    insert into people (org_id, entra_object_id, email, role) values ('bench-council', 'officer', 'officer@bench.example', 'la-officer'), ('bench-council', 'manager', 'manager@bench.example', 'la-manager');
    insert into children (council_id, la_reference, name, date_of_birth)
      select 'bench-council', 'B-' || g, 'Bench Child ' || g, date '2012-09-01' + (g % 3000) from generate_series(1, ${REVIEWS}) g;
    insert into plans (child_id, school_id, issued_on, nc_year)
      select c.id, 'bench-school-' || (1 + c.id % 400), date '${TODAY}' - (20 + (c.id * 7919) % 340)::int, 1 + c.id % 10 from children c;
    insert into review_cycles (plan_id, council_id, school_id, review_deadline, latest_meeting_date, stage)
      select p.id, 'bench-council', p.school_id, (p.issued_on + interval '1 year' - interval '1 day')::date, (p.issued_on + interval '1 year' - interval '29 days')::date, 'not-booked' from plans p;
    -- 20% booked two weeks before their latest meeting date, 10% met and reported.
    update review_cycles set stage = case when plan_id % 10 = 9 then 'reported' else 'booked' end, meeting_date = latest_meeting_date - (case when plan_id % 10 = 9 then 300 else 14 end)
     where plan_id % 10 >= 7;
    update review_cycles set meeting_date = date '${TODAY}' - (plan_id % 20)::int where stage = 'reported';
    insert into meetings (review_id, meeting_date, invitations_sent_on, mode)
      select id, meeting_date, meeting_date - 28, case when plan_id % 3 = 0 then 'virtual' else 'in-person' end from review_cycles where meeting_date is not null;
    insert into invitations (review_id, role, email, sent_on)
      select r.id, x.role, x.role || '-' || r.plan_id || '@bench.example', r.meeting_date - 28
        from review_cycles r cross join (values ('parent'), ('school'), ('la-send-officer'), ('health'), ('social-care')) as x(role) where r.meeting_date is not null;
    insert into advice_requests (review_id, from_role, email, requested_on, due_on)
      select r.id, x.role, x.role || '-' || r.plan_id || '@bench.example', r.meeting_date - 28, r.meeting_date - 15
        from review_cycles r cross join (values ('health'), ('social-care')) as x(role) where r.meeting_date is not null;
    insert into reports (review_id, sent_on, recommendation) select id, meeting_date + 1, 'maintain' from review_cycles where stage = 'reported';
    analyze;
  `);
}

/**
 * Exactly 1% of reviews with a reminder due today: everything the pass made due is moved
 * to tomorrow, then one pending reminder of every hundredth review is brought to today.
 */
async function makeOnePercentDue(db: Db): Promise<number> {
  await db.query(`update reminder_outbox set send_on = date '${TODAY}' + 1, expires_on = null where status = 'pending' and send_on <= date '${TODAY}'`);
  const rows = await db.query<{ n: number }>(
    `with pick as (
       select distinct on (o.review_id) o.id from reminder_outbox o join review_cycles r on r.id = o.review_id
        where o.status = 'pending' and r.plan_id % ${Math.round(1 / DUE_SHARE)} = 0 order by o.review_id, o.id),
     moved as (update reminder_outbox o set send_on = date '${TODAY}', expires_on = null from pick where o.id = pick.id returning 1)
     select count(*)::int as n from moved`,
  );
  return rows[0]?.n ?? 0;
}
