import { isDeepStrictEqual } from 'node:util';
import { signDevToken } from '../../bot/auth';
import { plusDays, plusMonths } from '../../shared';
import { TEST_CLOCK_START, TEST_TODAY } from '../../testkit/service';
import { interleave, runBurst, type WriteOp } from './support/burst';
import { caseloadCsv, caseloadRow, issuedNineMonthsAgo, listAllReviews, meetingBody, pool, requiredInvitees } from '../../bench/harness/caseload';
import { countRows, findDamage } from './support/checks';
import { createHttpClient, type HttpClient } from '../../bench/harness/http';
import { startInstances } from '../../bench/harness/instances';
import { killAllServices, type ServiceProcess, startServiceProcess } from '../../bench/harness/service';
import { defaultPostgresUrl, pgliteTarget, postgresTarget, type StoreTarget } from '../../bench/harness/stores';

// The burst: 400 reviews booked 6 times each (each booking its own Idempotency-Key), 120
// decisions, 480 imports of two new children; 64 in flight; SIGKILL at the 1000th 2xx.
const NOT_BOOKED = 400;
const BOOKINGS_PER_REVIEW = 6;
const DECISIONS = 120;
const IMPORTS = 480;
const CONCURRENCY = 64;
const KILL_AFTER_ACKS = 1000;
const COUNCIL = 'demo-council';

interface Outcome {
  sent: number;
  ackedAtKill: number;
  ackedTotal: number;
  inFlightAtKill: number;
  lost: number;
  ackedByKind: Record<string, number>;
  lostByKind: Record<string, number>;
  refused: string[];
  damage: string[];
  replayMismatches: string[];
  /** Replays whose body has the same JSON value but not the same bytes (key order). */
  replaysNotByteIdentical: number;
  countsBefore: Record<string, number>;
  countsAfter: Record<string, number>;
}

/** Start, fill, burst, SIGKILL, restart, look: the whole run for one store, in beforeAll. */
async function crashRun(target: StoreTarget, processes: number): Promise<Outcome> {
  // The service runs on the test clock, so the seeded dates and its today agree whatever day this runs.
  const today = TEST_TODAY;
  const token = await signDevToken({ dataDir: target.dataDir, role: 'la-officer', orgId: COUNCIL, userId: 'crash-officer' });
  const options = { dataDir: target.dataDir, databaseUrl: target.databaseUrl, env: { CLOCK_START: TEST_CLOCK_START } };
  // Several processes sit behind one round-robin port, and all of them are killed at once.
  const start = (): Promise<Pick<ServiceProcess, 'url' | 'kill' | 'stop'>> => (processes === 1 ? startServiceProcess(options) : startInstances(processes, options));
  let service = await start();
  let client: HttpClient = createHttpClient(service.url, token, CONCURRENCY);

  // Reviews to book, and reviews awaiting their decision (meeting 20 days ago, report sent).
  const nbRows = Array.from({ length: NOT_BOOKED }, (_, i) => caseloadRow(`CRASH-NB-${i}`, i, issuedNineMonthsAgo(today), today));
  const adRows = Array.from({ length: DECISIONS }, (_, i) => caseloadRow(`CRASH-AD-${i}`, i, plusMonths(today, -10), today));
  const imported = await client.send('POST', '/api/caseload/import', { body: caseloadCsv([...nbRows, ...adRows]), contentType: 'text/csv' });
  if (imported.status !== 200 || JSON.parse(imported.text).created !== NOT_BOOKED + DECISIONS) throw new Error(`setup import: ${imported.status} ${imported.text}`);
  const listed = await listAllReviews(client, 'not-booked');
  const notBooked = listed.filter((r) => r.laReference.startsWith('CRASH-NB-'));
  const toDecide = listed.filter((r) => r.laReference.startsWith('CRASH-AD-'));
  if (notBooked.length !== NOT_BOOKED || toDecide.length !== DECISIONS) throw new Error(`setup: listed ${notBooked.length} + ${toDecide.length} reviews`);
  const tooEarly = notBooked.find((r) => r.latestMeetingDate < plusDays(today, 21 + 14));
  if (tooEarly) throw new Error(`setup: review ${tooEarly.id} must be met by ${tooEarly.latestMeetingDate}, too soon for the burst's bookings`);
  const meetingHeld = plusDays(today, -20);
  await pool(toDecide.length, CONCURRENCY, async (i) => {
    const id = toDecide[i]!.id;
    const booked = await client.send('POST', `/api/reviews/${id}/meeting`, {
      body: { meetingDate: meetingHeld, invitationsSentOn: plusDays(meetingHeld, -20), invitees: requiredInvitees, mode: 'in-person' },
    });
    const reported = booked.status === 201 ? await client.send('POST', `/api/reviews/${id}/report`, { body: { sentOn: plusDays(today, -5), recommendation: 'maintain' } }) : booked;
    if (reported.status !== 201) throw new Error(`setup: review ${id} answered ${reported.status}: ${reported.text}`);
  });

  // The lanes of the burst: one per review (its bookings in turn), one per decision, one per import.
  const lanes: WriteOp[][] = [];
  notBooked.forEach((review, r) => {
    lanes.push(
      Array.from({ length: BOOKINGS_PER_REVIEW }, (_, k) => {
        const body = meetingBody(today, 21 + ((r + k * 2) % 14));
        return { kind: 'meeting', lane: review.id, path: `/api/reviews/${review.id}/meeting`, body, key: `crash-meeting-${r}-${k}`, reviewId: review.id, meetingDate: body.meetingDate, state: 'unsent' };
      }),
    );
  });
  const outcomes = ['maintain', 'amend', 'cease'];
  toDecide.forEach((review, i) => {
    const outcome = outcomes[i % 3]!;
    lanes.push([{ kind: 'decision', lane: review.id, path: `/api/reviews/${review.id}/decision`, body: { outcome, notifiedOn: today, reasons: 'Crash test decision.', ...(outcome === 'amend' ? { proposedAmendments: 'F: weekly speech and language therapy' } : {}) }, key: `crash-decision-${i}`, reviewId: review.id, outcome, state: 'unsent' }]);
  });
  for (let i = 0; i < IMPORTS; i++) {
    const refs = [`CRASH-IM-${i}-a`, `CRASH-IM-${i}-b`];
    const body = caseloadCsv(refs.map((ref, j) => caseloadRow(ref, i + j, issuedNineMonthsAgo(today), today)));
    lanes.push([{ kind: 'import', lane: `import-${i}`, path: '/api/caseload/import', body, contentType: 'text/csv', key: `crash-import-${i}`, laReferences: refs, state: 'unsent' }]);
  }
  const ops = interleave(lanes);

  const burst = await runBurst(client, ops, { concurrency: CONCURRENCY, killAfterAcks: KILL_AFTER_ACKS, kill: () => void service.kill() });
  await service.kill();
  client.close();

  // Back up on the same store: it must recover by itself.
  service = await start();
  if (target.exclusive) await service.stop();
  const { damage, countsBefore } = await target.inspect(async (db) => ({ damage: await findDamage(db, COUNCIL, ops), countsBefore: await countRows(db) }));
  if (target.exclusive) service = await start();

  // Every acknowledged write again, with its key: the stored answer, nothing written.
  client = createHttpClient(service.url, token, CONCURRENCY);
  const acked = ops.filter((op) => op.state === 'acked');
  const replayMismatches: string[] = [];
  let byteDifferent = 0;
  await pool(acked.length, CONCURRENCY, async (i) => {
    const op = acked[i]!;
    const again = await client.send('POST', op.path, { body: op.body, contentType: op.contentType, headers: { 'idempotency-key': op.key } });
    // Express adds a weak ETag of the body's bytes to answers without one; only a strong ETag is the service's own.
    const strongEtag = op.etag?.startsWith('W/') ? undefined : op.etag;
    const etagSame = strongEtag === undefined || again.headers.etag === strongEtag;
    if (again.text !== op.text) byteDifferent++;
    const same = again.status === op.status && again.headers['idempotent-replayed'] === 'true' && etagSame && isDeepStrictEqual(JSON.parse(again.text), JSON.parse(op.text!));
    if (!same) replayMismatches.push(`${op.key}: first ${op.status} ${op.text} / replay ${again.status} (replayed: ${again.headers['idempotent-replayed']}) ${again.text}`);
  });
  client.close();
  if (target.exclusive) await service.stop();
  const countsAfter = await target.inspect(countRows);
  if (!target.exclusive) await service.stop();

  return {
    sent: ops.filter((o) => o.state !== 'unsent').length,
    ackedAtKill: burst.ackedAtKill,
    ackedTotal: acked.length,
    inFlightAtKill: burst.inFlightAtKill,
    lost: ops.filter((o) => o.state === 'lost').length,
    ackedByKind: Object.fromEntries(['meeting', 'decision', 'import'].map((k) => [k, acked.filter((o) => o.kind === k).length])),
    lostByKind: Object.fromEntries(['meeting', 'decision', 'import'].map((k) => [k, ops.filter((o) => o.kind === k && o.state === 'lost').length])),
    refused: ops.filter((o) => o.state === 'refused').map((o) => `${o.key}: ${o.status} ${o.text}`),
    damage,
    replayMismatches,
    replaysNotByteIdentical: byteDifferent,
    countsBefore,
    countsAfter,
  };
}

function crashSuite(makeTarget: () => Promise<StoreTarget>, processes = 1) {
  let target: StoreTarget | undefined;
  let outcome: Outcome;

  beforeAll(async () => {
    target = await makeTarget();
    outcome = await crashRun(target, processes);
    const { damage: _d, replayMismatches: _r, countsBefore: _b, countsAfter: _a, refused, ...figures } = outcome;
    console.log(`crash test on ${target.name}, ${processes} process${processes === 1 ? '' : 'es'}: ${JSON.stringify({ ...figures, refused: refused.length, damage: _d.length, replayMismatches: _r.length })}`);
  }, 170_000);

  afterAll(async () => {
    await killAllServices();
    await target?.dispose();
  }, 30_000);

  it('was killed with writes acknowledged and others still in flight', () => {
    expect(outcome.ackedAtKill).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(outcome.inFlightAtKill).toBeGreaterThan(0);
    expect(outcome.lost).toBeGreaterThan(0);
  });

  it('refused no write before the kill', () => {
    expect(outcome.refused).toEqual([]);
  });

  it('keeps every acknowledged write, once and whole, with its audit entry', () => {
    expect(outcome.damage).toEqual([]);
  });

  it('answers every acknowledged write replayed with its Idempotency-Key with the first answer', () => {
    expect(outcome.replayMismatches).toEqual([]);
  });

  it('replays every acknowledged answer byte for byte (migration 2 keeps them as sent)', () => {
    expect(outcome.replaysNotByteIdentical).toBe(0);
  });

  it('writes nothing for the replays', () => {
    expect(outcome.countsAfter).toEqual(outcome.countsBefore);
  });
}

describe('SIGKILL mid-burst on PGlite', () => {
  crashSuite(async () => pgliteTarget('ehcp-crash'));
});

// CI must run the PostgreSQL variant; locally it needs TEST_DATABASE_URL.
const pgUrl = process.env.TEST_DATABASE_URL;
const describePostgres = pgUrl || process.env.CI ? describe : describe.skip;
if (!pgUrl && !process.env.CI) console.warn(`TEST_DATABASE_URL is not set: skipping the PostgreSQL crash test (set it, e.g. to ${defaultPostgresUrl}, to run it).`);

describePostgres('SIGKILL mid-burst on PostgreSQL', () => {
  crashSuite(async () => {
    if (!pgUrl) throw new Error('TEST_DATABASE_URL must be set in CI: the PostgreSQL crash test cannot be skipped there.');
    return postgresTarget(pgUrl, 'ehcp_crash');
  });
});

// Two processes on one PostgreSQL behind one port, both SIGKILLed at once (the deployment down,
// not one instance: the survivor would finish the burst), the replays spread over two new ones.
describePostgres('SIGKILL mid-burst on two service processes on one PostgreSQL', () => {
  crashSuite(async () => {
    if (!pgUrl) throw new Error('TEST_DATABASE_URL must be set in CI: the PostgreSQL crash test cannot be skipped there.');
    return postgresTarget(pgUrl, 'ehcp_crash_two');
  }, 2);
});
