import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { signDevToken } from '../bot/auth';
import { londonToday, plusDays } from '../shared';
import { launchChromium } from '../testkit/chromium';
import { caseloadCsv, caseloadRow } from './harness/caseload';
import { createHttpClient, type HttpClient } from './harness/http';
import { killAllServices, repoRoot, startServiceProcess } from './harness/service';
import { defaultPostgresUrl, pgliteTarget, postgresTarget, type StoreTarget } from './harness/stores';
import { routeValidOrigins } from '../testkit/teams-host/teamsHost';
import { scaled } from './harness/scale';
import { overdueToday } from '../bot/store/dashboard/today';
import { timelinessTrend } from '../bot/store/dashboard/timelinessTrend';
import { sen2Census } from '../bot/store/dashboard/sen2Census';
import type { Queryable } from '../bot/store/db';
import type { Principal } from '../bot/store/principal';
import { againstTarget } from './harness/against';

/** Four times the largest council (#21). */
const PLANS = scaled(100_000, 50);
const RUNS = scaled(30, 2);
const RENDERS = scaled(5, 1);

const ms = (x: number) => `${x.toLocaleString('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toLocaleString('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} KB`;
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

/**
 * The council dashboard: the timeliness report (and the Today and SEN2 views) for 25,000
 * plans with a year of meetings, reports and decisions, at the API of the built service on
 * PostgreSQL; then the tab's time to first render in headless Chromium and its JavaScript
 * size (minified and gzipped). Figures only, no pass/fail.
 */
export async function tabBenchmark(): Promise<void> {
  console.log(`Dashboard: ${PLANS.toLocaleString('en-GB')} plans with a year of reviews, ${RUNS} sequential requests per endpoint after one warm-up`);
  const url = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || defaultPostgresUrl;
  const postgres = await postgresTarget(url, 'ehcp_bench_tab').catch((error: Error) => {
    console.log(`  PostgreSQL: skipped, ${error.message}`);
    return undefined;
  });
  if (postgres) await benchReports(postgres);
  await benchFirstRender();
  describeBundle();
}

async function benchReports(target: StoreTarget): Promise<void> {
  try {
    const today = londonToday(new Date());
    const officer = await signDevToken({ dataDir: target.dataDir, role: 'la-officer', orgId: 'demo-council', userId: 'demo-officer' });
    const service = await startServiceProcess({ dataDir: target.dataDir, databaseUrl: target.databaseUrl, startTimeoutMs: 120_000 });
    const client = createHttpClient(service.url, officer, 4);
    try {
      // Plans issued 13 to 24 months ago, so each has had one review in the last year.
      const rows = Array.from({ length: PLANS }, (_, i) => caseloadRow(`BENCH-${i}`, i, plusDays(today, -400 - (i % 330)), today));
      const imported = await client.send('POST', '/api/caseload/import', { body: caseloadCsv(rows), contentType: 'text/csv' });
      if (imported.status !== 200) throw new Error(`the import answered ${imported.status}: ${imported.text.slice(0, 300)}`);
      await target.inspect((db) => giveAYearOfReviews(db, today));
      for (const [label, path, targetMs] of [
        ['GET /api/dashboard/timeliness', '/api/dashboard/timeliness', 300],
        ['GET /api/dashboard/today (page 1)', '/api/dashboard/today?pageSize=25', 300],
        ['GET /api/dashboard/sen2 (page 1)', '/api/dashboard/sen2?pageSize=25', 500],
        ['GET /api/dashboard/workload', '/api/dashboard/workload', 300],
      ] as const) {
        const times = await timeSequential(client, path);
        const p50 = quantile(times, 0.5);
        console.log(
          `  ${target.name.padEnd(10)} ${label.padEnd(36)} p50 ${ms(p50).padStart(9)}  p95 ${ms(quantile(times, 0.95)).padStart(9)}  max ${ms(times.at(-1) ?? 0).padStart(9)}   ${againstTarget(p50, { what: `p50 at ${PLANS.toLocaleString('en-GB')} plans under`, value: targetMs, unit: 'ms' })}`,
        );
      }
      if (process.env.BENCH_EXPLAIN === '1') await target.inspect((db) => explainDashboard(db, today));
    } finally {
      client.close();
      await service.stop().catch(() => service.kill());
    }
  } finally {
    await killAllServices();
    await target.dispose();
  }
}

/**
 * With BENCH_EXPLAIN=1: the plan (EXPLAIN ANALYZE) of every query behind the Today,
 * Timeliness and SEN2 views, as the store functions send them, for the README.
 */
async function explainDashboard(db: Queryable, today: string): Promise<void> {
  const [officer] = await db.query<{ id: number }>("select id::int from people where entra_object_id = 'demo-officer'");
  const principal: Principal = { orgId: 'demo-council', orgKind: 'council', role: 'la-officer', userId: 'demo-officer', personId: officer?.id ?? 0, email: null, councilId: null };
  const explaining = (label: string): Queryable => ({
    query: async <T>(sql: string, params?: readonly unknown[]) => {
      const plan = await db.query<{ 'QUERY PLAN': string }>(`explain (analyze, costs off, buffers off) ${sql}`, params);
      console.log(`  plan: ${label}`);
      for (const line of plan) console.log(`    ${line['QUERY PLAN']}`);
      return db.query<T>(sql, params);
    },
    exec: (sql) => db.exec(sql),
  });
  await overdueToday(explaining('Today'), principal, { page: 1, pageSize: 25, sort: 'due', dir: 'asc' }, today);
  await timelinessTrend(explaining('Timeliness'), principal, today);
  await sen2Census(explaining('SEN2 census'), principal, today, { page: 1, pageSize: 25 }, today);
}

/** Meetings spread over the last year, reports 5-19 days after, decisions 14-41 days after (some late), each review concluded and the next one open. */
export async function giveAYearOfReviews(db: { query: (sql: string, params?: unknown[]) => Promise<unknown[]> }, today: string): Promise<void> {
  await db.query(
    `with bench as (
       select r.id, row_number() over (order by r.id) as n from review_cycles r join plans p on p.id = r.plan_id join children c on c.id = p.child_id
        where c.la_reference like 'BENCH-%' and r.stage = 'not-booked'
     )
     update review_cycles r set meeting_date = $1::date - 45 - (b.n % 320)::int, report_due = $1::date - 45 - (b.n % 320)::int + 14,
            decision_due = least(r.review_deadline, $1::date - 45 - (b.n % 320)::int + 28), stage = 'concluded'
       from bench b where b.id = r.id`,
    [today],
  );
  await db.query(
    `insert into meetings (review_id, meeting_date, invitations_sent_on, mode, source)
     select r.id, r.meeting_date, r.meeting_date - 20, 'in-person', 'import' from review_cycles r join plans p on p.id = r.plan_id join children c on c.id = p.child_id
      where c.la_reference like 'BENCH-%' and r.stage = 'concluded'`,
  );
  await db.query(
    `insert into reports (review_id, sent_on, recommendation)
     select r.id, r.meeting_date + 5 + (abs(hashtext(r.id)) % 15), 'maintain' from review_cycles r join plans p on p.id = r.plan_id join children c on c.id = p.child_id
      where c.la_reference like 'BENCH-%' and r.stage = 'concluded'`,
  );
  await db.query(
    `insert into decisions (review_id, outcome, notified_on, reasons, decided_by)
     select r.id, (array['maintain', 'amend', 'cease'])[1 + abs(hashtext(r.id)) % 3], r.meeting_date + 14 + (abs(hashtext(r.id)) % 28), 'Bench decision.',
            (select id from people where entra_object_id = 'demo-officer')
       from review_cycles r join plans p on p.id = r.plan_id join children c on c.id = p.child_id
      where c.la_reference like 'BENCH-%' and r.stage = 'concluded'`,
  );
  // and the next review of each plan, open, as recording a decision would start it
  await db.query(
    `insert into review_cycles (plan_id, council_id, school_id, previous_concluded_on, stage, review_deadline, latest_meeting_date)
     select r.plan_id, r.council_id, r.school_id, d.notified_on, 'not-booked', (d.notified_on + interval '1 year')::date - 1, (d.notified_on + interval '1 year')::date - 29
       from review_cycles r join decisions d on d.review_id = r.id join plans p on p.id = r.plan_id join children c on c.id = p.child_id
      where c.la_reference like 'BENCH-%'`,
  );
  await db.query('analyze');
}

async function timeSequential(client: HttpClient, path: string): Promise<number[]> {
  const warm = await client.send('GET', path);
  if (warm.status !== 200) throw new Error(`${path} answered ${warm.status}: ${warm.text.slice(0, 300)}`);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push((await client.send('GET', path)).ms);
  return times.sort((a, b) => a - b);
}

/** Time from navigation to the Today table's first row (data fetched and rendered), and to first contentful paint. */
async function benchFirstRender(): Promise<void> {
  const target = pgliteTarget('ehcp-bench-tab');
  const browser = await launchChromium();
  try {
    const manager = await signDevToken({ dataDir: target.dataDir, role: 'la-manager', orgId: 'demo-council', userId: 'demo-manager' });
    const service = await startServiceProcess({ dataDir: target.dataDir, startTimeoutMs: 120_000 });
    try {
      const renders: number[] = [];
      const paints: number[] = [];
      for (let i = 0; i <= RENDERS; i++) {
        // a fresh context each time: nothing cached, as a first open in Teams
        const context = await browser.newContext();
        const page = await context.newPage();
        await routeValidOrigins(page);
        await page.goto(`${service.url}/tab/?view=today#devToken=${manager}`);
        await page.waitForSelector('table[aria-label="Overdue reviews"] tbody tr');
        const [rendered, paint] = await page.evaluate(() => [performance.now(), performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN]);
        if (i > 0) {
          renders.push(rendered as number);
          paints.push(paint as number);
        }
        await context.close();
      }
      renders.sort((a, b) => a - b);
      paints.sort((a, b) => a - b);
      console.log(
        `  Chromium   tab first render (Today with its data, demo on PGlite, ${RENDERS} cold loads)  median ${ms(quantile(renders, 0.5))}  worst ${ms(renders.at(-1) ?? 0)};  first contentful paint median ${ms(quantile(paints, 0.5))}`,
      );
    } finally {
      await service.stop().catch(() => service.kill());
    }
  } finally {
    await browser.close();
    await killAllServices();
    await target.dispose();
  }
}

/** The JavaScript the first render loads (the entry and its static imports) and the chunks loaded later, minified and gzipped. */
function describeBundle(): void {
  const dir = path.join(repoRoot, 'dist', 'tab');
  const meta = JSON.parse(readFileSync(path.join(dir, 'meta.json'), 'utf8')) as { outputs: Record<string, { imports: { path: string; kind: string }[]; entryPoint?: string }> };
  const size = (file: string) => {
    const bytes = readFileSync(path.join(repoRoot, file));
    return { min: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
  };
  const entry = Object.keys(meta.outputs).find((f) => meta.outputs[f]?.entryPoint && f.endsWith('.js')) as string;
  const initial = new Set<string>();
  const visit = (file: string) => {
    if (initial.has(file)) return;
    initial.add(file);
    for (const i of meta.outputs[file]?.imports ?? []) if (i.kind === 'import-statement') visit(i.path);
  };
  visit(entry);
  const js = Object.keys(meta.outputs).filter((f) => f.endsWith('.js'));
  const sum = (files: string[]) => files.map(size).reduce((a, b) => ({ min: a.min + b.min, gz: a.gz + b.gz }), { min: 0, gz: 0 });
  const first = sum([...initial]);
  const later = sum(js.filter((f) => !initial.has(f)));
  console.log(`  Bundle     first render loads ${kb(first.min)} min, ${kb(first.gz)} gzipped (${initial.size} files); later, on demand (charts, MSAL): ${kb(later.min)} min, ${kb(later.gz)} gzipped`);
}
