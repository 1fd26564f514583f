import { signDevToken } from '../bot/auth';
import { cycleDates } from '../bot/store/reviews/cycleDates';
import { londonToday, plusDays, plusMonths } from '../shared';
import { againstBaseline, againstEarlier, againstTarget } from './harness/against';
import { caseloadCsv, caseloadRow, DEMO_SCHOOLS, issuedNineMonthsAgo, listAllReviews, meetingBody } from './harness/caseload';
import { createHttpClient, type HttpAnswer, type HttpClient } from './harness/http';
import { killAllServices, startServiceProcess } from './harness/service';
import { defaultPostgresUrl, pgliteTarget, postgresTarget, type StoreTarget } from './harness/stores';
import { type CopyRow, copyCaseload } from './service/bulkCopy';
import { describeImport, describeLoad } from './service/format';
import { type LoadFigures, runLoad, runOpenLoop } from './service/load';
import { scaled } from './harness/scale';

const PLANS = scaled(50_000, 50);
const CLIENTS = 50;
const REQUESTS = scaled(5_000, 50);
const MAX_SECONDS = scaled(10, 2);
/** The open-loop runs: each write offered at WRITE_RATE a second, reads at READ_RATE, for OPEN_SECONDS. */
const WRITE_RATE = scaled(100, 5);
const READ_RATE = scaled(800, 10);
const OPEN_SECONDS = scaled(10, 1);

/** The issue's figures from a month earlier on this machine (#21), where no same-run baseline exists. */
const EARLIER = { importPerSecond: 14_800, readsPerSecond: 991, bookingsPerSecond: 263 };

/**
 * The built service in a child process (so the load generator has its own event loop), on
 * PGlite and on PostgreSQL: importing 50,000 plans in one CSV, then reading and booking
 * distinct reviews with 50 keep-alive clients (closed loop). On PostgreSQL also: the import
 * against a bare COPY of the same rows and an unchanged re-import, and the open-loop runs
 * (reads, and the three writes at a fixed offered rate, latency from the scheduled start).
 * Each figure is printed beside its target or its same-run baseline.
 */
export async function serviceBenchmark(): Promise<void> {
  console.log(`Service API: built service as a child process, ${CLIENTS} keep-alive clients, ${REQUESTS.toLocaleString('en-GB')} requests or ${MAX_SECONDS} s per endpoint`);
  await benchStore(pgliteTarget('ehcp-bench'));
  const url = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || defaultPostgresUrl;
  const postgres = await postgresTarget(url, 'ehcp_bench').catch((error: Error) => {
    console.log(`  PostgreSQL: skipped, ${error.message}`);
    return undefined;
  });
  if (postgres) await benchStore(postgres);
}

const pad = (target: StoreTarget) => target.name.padEnd(10);

async function benchStore(target: StoreTarget): Promise<void> {
  try {
    const today = londonToday(new Date());
    const token = await signDevToken({ dataDir: target.dataDir, role: 'la-officer', orgId: 'demo-council', userId: 'bench-officer' });
    const service = await startServiceProcess({ dataDir: target.dataDir, databaseUrl: target.databaseUrl, startTimeoutMs: 120_000 });
    const client = createHttpClient(service.url, token, CLIENTS);
    try {
      const rows = Array.from({ length: PLANS }, (_, i) => caseloadRow(`BENCH-${i}`, i, plusDays(issuedNineMonthsAgo(today), -(i % 20)), today));
      const csv = caseloadCsv(rows);
      const imported = await importCsv(client, csv, PLANS, 'created');
      const importLine = `  ${pad(target)} import ${PLANS.toLocaleString('en-GB')} plans (one CSV, ${(csv.length / 1e6).toFixed(1)} MB): ${describeImport(PLANS, imported)}`;
      if (target.databaseUrl) {
        const copy = await copyBaseline(target.databaseUrl, today);
        console.log(`${importLine}   ${againstBaseline(PLANS / imported, { what: 'bare COPY of the same rows into the same tables', value: PLANS / copy, unit: 'plans/s', goal: 0.5 })}`);
        const again = await importCsv(client, csv, PLANS, 'unchanged');
        console.log(
          `  ${pad(target)} re-import of the unchanged file: ${describeImport(PLANS, again)}   ${againstBaseline(imported / again, { what: 'first import', value: 1, unit: '', goal: 2 }).replace('ratio', 'speed-up')}`,
        );
      } else {
        console.log(`${importLine}   ${againstEarlier(PLANS / imported, { what: 'PostgreSQL a month ago', value: EARLIER.importPerSecond, unit: 'plans/s' })}`);
      }

      const ids = (await listAllReviews(client, 'not-booked')).filter((r) => r.laReference.startsWith('BENCH-')).map((r) => r.id);
      // The closed loop books from the front of the list, the open loop from the back: each booking is a first one.
      const idOf = (i: number) => ids[i % ids.length] as string;
      const health = await runLoad(() => client.send('GET', '/healthz'), { clients: CLIENTS, requests: REQUESTS, maxSeconds: MAX_SECONDS, expectStatus: 200 });
      console.log(`  ${pad(target)} GET  /healthz (the HTTP floor)    ${describeLoad(health)}`);
      const reads = await runLoad((i) => client.send('GET', `/api/reviews/${idOf(i)}`), { clients: CLIENTS, requests: REQUESTS, maxSeconds: MAX_SECONDS, expectStatus: 200 });
      console.log(
        `  ${pad(target)} GET  /api/reviews/{id}          ${describeLoad(reads)}   ${againstBaseline(reads.perSecond, { what: 'GET /healthz', value: health.perSecond, unit: 'req/s' })} ${againstTarget(reads.p99, { what: 'p99 under', value: 50, unit: 'ms' })}${target.databaseUrl ? ` ${againstEarlier(reads.perSecond, { what: 'a month ago', value: EARLIER.readsPerSecond, unit: 'req/s' })}` : ''}`,
      );
      const writes = await runLoad(
        (i) => client.send('POST', `/api/reviews/${idOf(i)}/meeting`, { body: meetingBody(today, 21 + (i % 14)), headers: { 'idempotency-key': `bench-${i}` } }),
        { clients: CLIENTS, requests: REQUESTS, maxSeconds: MAX_SECONDS, expectStatus: 201 },
      );
      console.log(
        `  ${pad(target)} POST /api/reviews/{id}/meeting  ${describeLoad(writes)}   ${againstBaseline(writes.perSecond, { what: 'GET /api/reviews/{id}', value: reads.perSecond, unit: 'req/s' })}${target.databaseUrl ? ` ${againstEarlier(writes.perSecond, { what: 'a month ago', value: EARLIER.bookingsPerSecond, unit: 'req/s' })}` : ''}`,
      );
      if (target.databaseUrl) await openLoop(target, client, service.url, token, today, ids.slice(-Math.min(ids.length - writes.requests, WRITE_RATE * OPEN_SECONDS)), reads);
    } finally {
      client.close();
      await service.stop().catch(() => service.kill());
    }
  } finally {
    await killAllServices();
    await target.dispose();
  }
}

/** Imports the CSV; returns the seconds it took, after checking every row was `created` (or `unchanged`). */
async function importCsv(client: HttpClient, csv: string, rows: number, expect: 'created' | 'unchanged'): Promise<number> {
  const answer = await client.send('POST', '/api/caseload/import', { body: csv, contentType: 'text/csv' });
  if (answer.status !== 200 || JSON.parse(answer.text)[expect] !== rows) throw new Error(`the import answered ${answer.status}, not ${rows} ${expect}: ${answer.text.slice(0, 300)}`);
  return answer.ms / 1000;
}

/** The same number of rows as the import, into the same tables by bare COPY (other references, the same council). */
async function copyBaseline(databaseUrl: string, today: string): Promise<number> {
  const rows: CopyRow[] = Array.from({ length: PLANS }, (_, i) => {
    const issuedOn = plusDays(issuedNineMonthsAgo(today), -(i % 20));
    const dateOfBirth = plusMonths(today, -12 * 8 - (i % 11));
    const dates = cycleDates({ planIssued: issuedOn, dateOfBirth, ncYear: 3 });
    return { laReference: `COPY-${i}`, name: `Crash Child ${i}`, dateOfBirth, school: DEMO_SCHOOLS[i % 2] as string, issuedOn, ncYear: 3, reviewDeadline: dates.review_deadline, latestMeetingDate: dates.latest_meeting_date };
  });
  return copyCaseload(databaseUrl, 'demo-council', null, rows);
}

/**
 * The open-loop runs on PostgreSQL: reads at READ_RATE, then booking, recording advice and
 * recording the decision each at WRITE_RATE, for OPEN_SECONDS each, on reviews imported for
 * the purpose (advice on reviews booked for four weeks ahead, decisions on meetings held
 * three days ago), so each write is a first one.
 */
async function openLoop(target: StoreTarget, closed: HttpClient, url: string, token: string, today: string, unbooked: string[], closedReads: LoadFigures): Promise<void> {
  const n = WRITE_RATE * OPEN_SECONDS;
  const rows = Array.from({ length: 2 * n }, (_, i) =>
    caseloadRow(`OPEN-${i}`, i, plusDays(issuedNineMonthsAgo(today), -(i % 20)), today, i < n ? plusDays(today, 28) : plusDays(today, -3)),
  );
  await importCsv(closed, caseloadCsv(rows), 2 * n, 'created');
  const listed = [...(await listAllReviews(closed, 'booked')), ...(await listAllReviews(closed, 'awaiting-report'))].filter((r) => r.laReference.startsWith('OPEN-'));
  const ahead = listed.filter((r) => Number(r.laReference.slice(5)) < n).map((r) => r.id);
  const held = listed.filter((r) => Number(r.laReference.slice(5)) >= n).map((r) => r.id);
  if (ahead.length < n || held.length < n || unbooked.length < n) throw new Error(`the open-loop runs need ${n} reviews of each kind: ${unbooked.length} unbooked, ${ahead.length} booked ahead, ${held.length} held`);
  // Enough sockets that the generator never waits for one: the open loop's queue is the service's.
  const client = createHttpClient(url, token, 1024);
  try {
    console.log(`  ${pad(target)} open loop: each endpoint offered a fixed rate for ${OPEN_SECONDS} s, latency from each request's scheduled start`);
    const reads = await runOpenLoop((i) => client.send('GET', `/api/reviews/${unbooked[i % unbooked.length]}`), { rate: READ_RATE, seconds: OPEN_SECONDS, expectStatus: 200 });
    console.log(`  ${pad(target)} GET  /api/reviews/{id}    at ${READ_RATE} req/s  ${describeLoad(reads)}   ${againstTarget(reads.p99, { what: `p99 at ${READ_RATE} req/s under`, value: 50, unit: 'ms' })} [closed-loop p99, same run: ${closedReads.p99.toFixed(1)} ms]`);
    const writes: [string, (i: number) => Promise<HttpAnswer>, number][] = [
      ['POST .../meeting (book)    ', (i) => client.send('POST', `/api/reviews/${unbooked[i]}/meeting`, { body: meetingBody(today, 21 + (i % 14)), headers: { 'idempotency-key': `open-book-${i}` } }), 201],
      [
        'POST .../advice            ',
        (i) => client.send('POST', `/api/reviews/${ahead[i]}/advice`, { body: { fromRole: 'health', author: 'School nurse', receivedOn: today }, headers: { 'idempotency-key': `open-advice-${i}` } }),
        201,
      ],
      [
        'POST .../decision          ',
        (i) =>
          client.send('POST', `/api/reviews/${held[i]}/decision`, {
            body: { outcome: 'maintain', notifiedOn: today, reasons: 'The plan still meets the needs.', consideredInstead: 'The advice and the meeting.' },
            headers: { 'idempotency-key': `open-decision-${i}` },
          }),
        201,
      ],
    ];
    for (const [label, send, status] of writes) {
      const figures = await runOpenLoop(send, { rate: WRITE_RATE, seconds: OPEN_SECONDS, expectStatus: status });
      console.log(`  ${pad(target)} ${label} at ${WRITE_RATE} req/s  ${describeLoad(figures)}   ${againstTarget(figures.p99, { what: `p99 at ${WRITE_RATE} writes/s under`, value: 100, unit: 'ms' })}`);
    }
  } finally {
    client.close();
  }
}
