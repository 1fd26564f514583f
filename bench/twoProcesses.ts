import { loadavg } from 'node:os';
import { signDevToken } from '../bot/auth';
import { londonToday, plusDays } from '../shared';
import { againstBaseline } from './harness/against';
import { caseloadCsv, caseloadRow, issuedNineMonthsAgo, listAllReviews, meetingBody } from './harness/caseload';
import { createHttpClient } from './harness/http';
import { type Instances, startInstances } from './harness/instances';
import { scaled } from './harness/scale';
import { killAllServices } from './harness/service';
import { defaultPostgresUrl, postgresTarget, type StoreTarget } from './harness/stores';
import { describeLoad } from './service/format';
import { type LoadFigures, runLoad } from './service/load';

const CLIENTS = 50;
const REQUESTS = scaled(5_000, 50);
const MAX_SECONDS = scaled(10, 2);
// Every booking is a first one: enough unbooked reviews for the three runs' bookings.
const PLANS = 3 * REQUESTS + scaled(1_000, 10);

interface Figures {
  reads: LoadFigures;
  writes: LoadFigures;
  /** Reads straight to the one process, without the proxy: what the proxy costs. */
  direct?: LoadFigures;
}

/**
 * One service process against two on the same PostgreSQL, in the same run, both behind the
 * same round robin (bench/harness/roundRobin.ts) in this process, so the proxy's own cost is
 * on both sides: GET /api/reviews/{id} and POST /api/reviews/{id}/meeting, closed loop, 50
 * keep-alive clients. Two processes are the shape of a deployment behind a load balancer
 * (README, "Several instances"); on a 2-core machine they share the cores with PostgreSQL
 * and this generator, so the ratio here says little of what two hosts would give.
 */
export async function twoProcessesBenchmark(): Promise<void> {
  console.log(`Two service processes on one PostgreSQL against one, behind one round-robin port: ${CLIENTS} keep-alive clients, ${REQUESTS.toLocaleString('en-GB')} requests or ${MAX_SECONDS} s per endpoint`);
  const url = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || defaultPostgresUrl;
  const target = await postgresTarget(url, 'ehcp_bench_two').catch((error: Error) => {
    console.log(`  PostgreSQL: skipped, ${error.message}`);
    return undefined;
  });
  if (!target) return;
  try {
    const today = londonToday(new Date());
    const token = await signDevToken({ dataDir: target.dataDir, role: 'la-officer', orgId: 'demo-council', userId: 'bench-officer' });
    const ids = await importPlans(target, token, today);
    // One, two, one again: the machine's load drifts, and the two runs of one process either
    // side of the two show by how much; the baseline is their mean.
    const ownIds = (run: number) => ids.slice(run * REQUESTS, (run + 1) * REQUESTS);
    const before = await measure(target, 1, token, today, ownIds(0), 0);
    report('one process  ', before);
    const two = await measure(target, 2, token, today, ownIds(1), 1);
    const after = await measure(target, 1, token, today, ownIds(2), 2);
    report('one, again   ', after);
    const mean = (f: (x: Figures) => LoadFigures): LoadFigures => ({ ...f(before), perSecond: (f(before).perSecond + f(after).perSecond) / 2 });
    report('two processes', two, { reads: mean((x) => x.reads), writes: mean((x) => x.writes) });
  } finally {
    await killAllServices();
    await target.dispose();
  }
}

const start = (target: StoreTarget, count: number) => startInstances(count, { dataDir: target.dataDir, databaseUrl: target.databaseUrl, startTimeoutMs: 120_000 });

/** The plans both runs read and book, imported once; their review ids, in one order. */
async function importPlans(target: StoreTarget, token: string, today: string): Promise<string[]> {
  const instances = await start(target, 1);
  const client = createHttpClient(instances.url, token, CLIENTS);
  try {
    const rows = Array.from({ length: PLANS }, (_, i) => caseloadRow(`TWO-${i}`, i, plusDays(issuedNineMonthsAgo(today), -(i % 20)), today));
    const answer = await client.send('POST', '/api/caseload/import', { body: caseloadCsv(rows), contentType: 'text/csv' });
    if (answer.status !== 200 || JSON.parse(answer.text).created !== PLANS) throw new Error(`the import answered ${answer.status}, not ${PLANS} created: ${answer.text.slice(0, 300)}`);
    return (await listAllReviews(client, 'not-booked')).filter((r) => r.laReference.startsWith('TWO-')).map((r) => r.id);
  } finally {
    client.close();
    await instances.stop();
  }
}

/** Reads then bookings through `count` processes; `ids` are run number `run`'s own reviews to book. */
async function measure(target: StoreTarget, count: number, token: string, today: string, ids: string[], run: number): Promise<Figures & { load: string }> {
  const instances: Instances = await start(target, count);
  const client = createHttpClient(instances.url, token, CLIENTS);
  const straight = createHttpClient(instances.processes[0]?.url as string, token, CLIENTS);
  try {
    const load = loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
    const idOf = (i: number) => ids[i % ids.length] as string;
    const reads = await runLoad((i) => client.send('GET', `/api/reviews/${idOf(i)}`), { clients: CLIENTS, requests: REQUESTS, maxSeconds: MAX_SECONDS, expectStatus: 200 });
    const writes = await runLoad(
      (i) => client.send('POST', `/api/reviews/${idOf(i)}/meeting`, { body: meetingBody(today, 21 + (i % 14)), headers: { 'idempotency-key': `two-run${run}-${i}` } }),
      { clients: CLIENTS, requests: Math.min(REQUESTS, ids.length), maxSeconds: MAX_SECONDS, expectStatus: 201 },
    );
    if (instances.proxy.sent.some((n) => n === 0)) throw new Error(`the round robin sent no request to one of the ${count} processes (${instances.proxy.sent.join(' + ')})`);
    if (count > 1) return { reads, writes, load };
    const direct = await runLoad((i) => straight.send('GET', `/api/reviews/${idOf(i)}`), { clients: CLIENTS, requests: REQUESTS, maxSeconds: MAX_SECONDS, expectStatus: 200 });
    return { reads, writes, direct, load };
  } finally {
    client.close();
    straight.close();
    await instances.stop();
  }
}

function report(label: string, figures: Figures & { load: string }, baseline?: Figures): void {
  const vs = (figure: LoadFigures, base: LoadFigures | undefined, what: string) => (base ? `   ${againstBaseline(figure.perSecond, { what, value: base.perSecond, unit: 'req/s' })}` : '');
  const what = 'one process (mean of the runs before and after)';
  console.log(`  ${label} GET  /api/reviews/{id}          ${describeLoad(figures.reads)}${vs(figures.reads, baseline?.reads, what)}   [load ${figures.load}]`);
  console.log(`  ${label} POST /api/reviews/{id}/meeting  ${describeLoad(figures.writes)}${vs(figures.writes, baseline?.writes, what)}`);
  if (figures.direct) console.log(`  ${label} GET  /api/reviews/{id}, no proxy ${describeLoad(figures.direct)}   ${againstBaseline(figures.direct.perSecond, { what: 'the same through the round robin', value: figures.reads.perSecond, unit: 'req/s' })}`);
}
