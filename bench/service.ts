import { signDevToken } from '../bot/auth';
import { londonToday, plusDays } from '../shared';
import { caseloadCsv, caseloadRow, issuedNineMonthsAgo, listAllReviews, meetingBody } from './harness/caseload';
import { createHttpClient } from './harness/http';
import { killAllServices, startServiceProcess } from './harness/service';
import { defaultPostgresUrl, pgliteTarget, postgresTarget, type StoreTarget } from './harness/stores';
import { describeImport, describeLoad } from './service/format';
import { runLoad } from './service/load';
import { scaled } from './harness/scale';

const PLANS = scaled(50_000, 50);
const CLIENTS = 50;
const REQUESTS = scaled(5_000, 50);
const MAX_SECONDS = scaled(10, 2);
const READ_TARGET = 'target: p99 under 50 ms for reads at 50 clients on PostgreSQL';

/**
 * The built service in a child process (so the load generator has its own event loop),
 * on PGlite and on PostgreSQL: importing 50,000 plans in one CSV, then reading and
 * booking distinct reviews with 50 keep-alive clients. Figures only, no pass/fail.
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

async function benchStore(target: StoreTarget): Promise<void> {
  try {
    const today = londonToday(new Date());
    const token = await signDevToken({ dataDir: target.dataDir, role: 'la-officer', orgId: 'demo-council', userId: 'bench-officer' });
    const service = await startServiceProcess({ dataDir: target.dataDir, databaseUrl: target.databaseUrl, startTimeoutMs: 120_000 });
    const client = createHttpClient(service.url, token, CLIENTS);
    try {
      const rows = Array.from({ length: PLANS }, (_, i) => caseloadRow(`BENCH-${i}`, i, plusDays(issuedNineMonthsAgo(today), -(i % 20)), today));
      const csv = caseloadCsv(rows);
      const imported = await client.send('POST', '/api/caseload/import', { body: csv, contentType: 'text/csv' });
      if (imported.status !== 200 || JSON.parse(imported.text).created !== PLANS) throw new Error(`the import answered ${imported.status}: ${imported.text.slice(0, 300)}`);
      console.log(`  ${target.name.padEnd(10)} import ${PLANS.toLocaleString('en-GB')} plans (one CSV, ${(csv.length / 1e6).toFixed(1)} MB): ${describeImport(PLANS, imported.ms / 1000)}`);

      const ids = (await listAllReviews(client, 'not-booked')).filter((r) => r.laReference.startsWith('BENCH-')).map((r) => r.id);
      const idOf = (i: number) => ids[i % ids.length] as string;
      const reads = await runLoad((i) => client.send('GET', `/api/reviews/${idOf(i)}`), { clients: CLIENTS, requests: REQUESTS, maxSeconds: MAX_SECONDS, expectStatus: 200 });
      const readLine = `  ${target.name.padEnd(10)} GET  /api/reviews/{id}          ${describeLoad(reads)}`;
      console.log(target.name === 'PostgreSQL' ? `${readLine}   [${READ_TARGET}]` : readLine);
      const writes = await runLoad(
        (i) => client.send('POST', `/api/reviews/${idOf(i)}/meeting`, { body: meetingBody(today, 21 + (i % 14)), headers: { 'idempotency-key': `bench-${i}` } }),
        { clients: CLIENTS, requests: REQUESTS, maxSeconds: MAX_SECONDS, expectStatus: 201 },
      );
      console.log(`  ${target.name.padEnd(10)} POST /api/reviews/{id}/meeting  ${describeLoad(writes)}`);
    } finally {
      client.close();
      await service.stop().catch(() => service.kill());
    }
  } finally {
    await killAllServices();
    await target.dispose();
  }
}
