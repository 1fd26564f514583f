import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signDevToken } from '../../bot/auth';
import type { Db } from '../../bot/store/db';
import { openPostgres } from '../../bot/store/openPostgres';
import { rememberConversation } from '../../bot/store/conversations';
import { enqueueReminder, type ReminderToQueue } from '../../bot/store/reminders/enqueueReminder';
import { plusDays } from '../../shared';
import { type ConnectorServer, startConnectorServer } from '../../testkit/bot-framework/connectorServer';
import { killAllServices, repoRoot, type ServiceProcess, startServiceProcess } from '../../bench/harness/service';
import { CLIENT_ID, type Harness, SECRET, SHARED_MAILBOX, startHarness, TENANT } from '../../testkit/graph-server/harness';
import { withSchema } from '../../testkit/stores';
import { everythingSent, personalDataIn } from './support/privacyScan';

/**
 * Two built service processes on one PostgreSQL, the recording Bot Connector and the local
 * Graph for mail: every due reminder delivered and none twice; one instance SIGKILLed in the
 * middle of a sweep; a 3-day stop and catch-up. The clock is injected (CLOCK_START).
 */
const base = process.env.TEST_DATABASE_URL;
const suite = base ? describe : describe.skip;

// Monday 23 November 2026, 09:00 in London: the demo is seeded relative to this day.
const D = '2026-11-23';
const MONDAY_9AM = Date.parse(`${D}T09:00:00Z`);
const THURSDAY_9AM = Date.parse(`${plusDays(D, 3)}T09:00:00Z`);

interface Row {
  id: number;
  kind: string;
  status: string;
  send_on: string;
  urgency: number;
  deadline: string | null;
  late: boolean;
  sent_at: Date | null;
  sent_by: string | null;
  last_error: string | null;
  attempts: number;
}

suite('reminders from two service processes on one PostgreSQL', () => {
  let admin: Db;
  let db: Db;
  let schema: string;
  let dataDir: string;
  let connector: ConnectorServer;
  let harness: Harness;
  let url: string;
  let reviews: { id: string; la_reference: string }[];
  let people: Record<string, number>;
  const started: ServiceProcess[] = [];
  const t0 = Date.now();

  const env = (clockAt: number, extra: Record<string, string> = {}) => ({
    REMINDERS: 'on',
    // Processes started later start their clock later, so that all agree on the time.
    CLOCK_START: new Date(clockAt + (Date.now() - t0)).toISOString(),
    PUBLIC_URL: 'https://ehcp.example',
    BOT_CLIENT_ID: CLIENT_ID,
    BOT_CLIENT_SECRET: SECRET,
    BOT_TENANT_ID: TENANT,
    EHCP_GRAPH_CLIENT_ID: CLIENT_ID,
    EHCP_GRAPH_CLIENT_SECRET: SECRET,
    EHCP_GRAPH_BASE_URL: harness.graph.baseUrl,
    REMINDERS_MAILBOX: SHARED_MAILBOX.userPrincipalName,
    REMINDERS_SWEEP_INTERVAL_MS: '100',
    REMINDERS_LEASE_MS: '5000',
    REMINDERS_BATCH_SIZE: '5',
    REMINDERS_SEND_TIMEOUT_MS: '2000',
    REMINDERS_RETRY_BASE_MS: '200',
    NODE_OPTIONS: `--require ${path.join(repoRoot, 'test/reminders/support/routeFetchPreload.cjs')}`,
    EHCP_TEST_ROUTE_FETCH: JSON.stringify({ [harness.idp.publicOrigin]: harness.idp.url }),
    ...extra,
  });
  const start = async (clockAt: number, extra: Record<string, string> = {}) => {
    const service = await startServiceProcess({ dataDir, databaseUrl: url, env: env(clockAt, extra) });
    started.push(service);
    return service;
  };

  /** Every outbox id each message carries ("Reference: R-123"), as many times as it was delivered. */
  const deliveries = () => {
    const counts = new Map<number, number>();
    for (const text of everythingSent(connector, harness.graph)) {
      for (const m of text.matchAll(/R-(\d+)/g)) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
    }
    return counts;
  };
  const rows = (where: string, params: unknown[] = []) =>
    db.query<Row>(`select id::int as id, kind, status, send_on, urgency, deadline, late, sent_at, sent_by, last_error, attempts from reminder_outbox where ${where} order by id`, params);
  /** Waits until nothing due by `today` is left to send. */
  const drained = async (today: string, ms = 90_000) => {
    const until = Date.now() + ms;
    for (;;) {
      const [left] = await db.query<{ n: number }>(
        "select count(*)::int as n from reminder_outbox where status = 'pending' and send_on <= $1 and (expires_on is null or expires_on >= $1)",
        [today],
      );
      if (left?.n === 0) return;
      if (Date.now() > until) throw new Error(`${left?.n} reminders still pending after ${ms} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const nudges = (dueDays: number[], extra: Partial<ReminderToQueue> = {}): ReminderToQueue[] =>
    reviews.flatMap((r) =>
      dueDays.flatMap((d) => [
        { reviewId: r.id, kind: 'nudge' as const, recipient: { role: 'la-officer', personId: people['demo-officer'] as number, email: null }, dueOn: plusDays(D, d), ...extra },
        { reviewId: r.id, kind: 'nudge' as const, recipient: { role: 'senco', personId: people['demo-senco-2'] as number, email: null }, dueOn: plusDays(D, d), ...extra },
      ]),
    );
  const enqueue = (list: ReminderToQueue[]) => db.transaction(async (tx) => {
    for (const r of list) await enqueueReminder(tx, r, D);
  });

  beforeAll(async () => {
    harness = await startHarness();
    connector = await startConnectorServer();
    dataDir = mkdtempSync(path.join(tmpdir(), 'ehcp-reminders-'));
    schema = `t_rem_${process.pid}_${Date.now() % 100000}`;
    admin = await openPostgres(base as string, { maxConnections: 1 });
    await admin.query(`create schema ${schema}`);
    url = withSchema(base as string, schema);
    // Seed the demo (relative to D) with reminders off, so nothing is sent before the stage is set.
    const seeding = await start(MONDAY_9AM, { REMINDERS: 'off' });
    await seeding.stop();
    db = await openPostgres(url);
    reviews = await db.query('select r.id, c.la_reference from review_cycles r join plans p on p.id = r.plan_id join children c on c.id = p.child_id order by c.la_reference');
    people = Object.fromEntries((await db.query<{ entra_object_id: string; id: number }>('select entra_object_id, id::int as id from people')).map((p) => [p.entra_object_id, p.id]));
    // The officer and Oakfield's SENCO have a chat with the bot; Riverside's SENCO and the NHS are emailed.
    await db.transaction(async (tx) => {
      for (const who of ['demo-officer', 'demo-senco-1']) {
        await rememberConversation(tx, { conversationId: `a:${who}`, conversationType: 'personal', serviceUrl: connector.serviceUrl, tenantId: TENANT, botId: '28:bot', personId: people[who] as number, aadObjectId: who });
      }
    });
  }, 180_000);

  afterAll(async () => {
    await killAllServices();
    await db?.close();
    await admin?.query(`drop schema if exists ${schema} cascade`);
    await admin?.close();
    await connector?.close();
    await harness?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers every due reminder once between two instances, and dead-letters the one nobody can receive', async () => {
    // 34 reviews x 6 days x 2 people of nudges due by today, on top of what the demo's rules give.
    await enqueue(nudges([-5, -4, -3, -2, -1, 0]));
    const demo7 = reviews.find((r) => r.la_reference === 'DEMO-0007')!;
    await enqueue([{ reviewId: demo7.id, kind: 'nudge', recipient: { role: 'health', personId: null, email: null }, dueOn: D, action: 'Please send your advice.' }]);
    // Generous send timeout: a send that times out on a loaded machine after the server took it
    // is retried and delivered twice, which at-least-once allows; this test is about the claims.
    // (10 s was once not enough for an instance's first send, its token included, while CI ran
    // thirty suites on two cores: one reminder went twice.)
    const roomy = { REMINDERS_SEND_TIMEOUT_MS: '45000', REMINDERS_LEASE_MS: '120000' };
    const [a, b] = await Promise.all([start(MONDAY_9AM, roomy), start(MONDAY_9AM, roomy)]);
    await drained(D);
    const due = await rows("send_on <= $1 and status in ('sent', 'dead')", [D]);
    const sent = due.filter((r) => r.status === 'sent');
    const counts = deliveries();
    expect(sent.length).toBeGreaterThan(408);
    expect(sent.filter((r) => counts.get(r.id) !== 1).map((r) => [r.id, r.kind, counts.get(r.id) ?? 0])).toEqual([]);
    expect([...counts.values()].filter((n) => n > 1)).toEqual([]);
    // Both instances did some of the work.
    expect(new Set(sent.map((r) => r.sent_by)).size).toBe(2);
    expect(due.filter((r) => r.status === 'dead').map((r) => r.last_error)).toEqual(['no email or Teams conversation for the health representative of DEMO-0007: add one']);
    process.stdout.write(`two instances: ${sent.length} reminders delivered, ${[...counts.values()].filter((n) => n > 1).length} twice\n`);
    await Promise.all([a.stop(), b.stop()]);
  }, 180_000);

  it('lists the dead letter at GET /api/reminders/dead for the LA manager, and for nobody else', async () => {
    const service = await start(MONDAY_9AM, { REMINDERS: 'off' });
    const call = async (role: 'la-manager' | 'la-officer' | 'senco', orgId: string, userId: string) => {
      const token = await signDevToken({ dataDir, role, orgId, userId });
      const res = await fetch(`${service.url}/api/reminders/dead`, { headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, body: await res.json() };
    };
    const manager = await call('la-manager', 'demo-council', 'demo-manager');
    expect(manager.status).toBe(200);
    expect(manager.body.items).toEqual([
      expect.objectContaining({ laReference: 'DEMO-0007', kind: 'nudge', recipientRole: 'health', attempts: 1, lastError: 'no email or Teams conversation for the health representative of DEMO-0007: add one' }),
    ]);
    expect((await call('la-officer', 'demo-council', 'demo-officer')).status).toBe(403);
    expect((await call('senco', 'demo-school-1', 'demo-senco-1')).status).toBe(403);
    await service.stop();
  }, 60_000);

  it('loses nothing when one instance is SIGKILLed in the middle of a sweep, and says how many went twice', async () => {
    await enqueue(nudges([-12, -11, -10, -9, -8, -7]));
    const before = connector.sentActivities().length + harness.graph.state.sentMail.length;
    // Slow sends, so the kill lands with sends in flight.
    connector.faults.add({ action: { type: 'delay', ms: 60 }, times: Number.POSITIVE_INFINITY });
    const [victim, survivor] = await Promise.all([start(MONDAY_9AM), start(MONDAY_9AM)]);
    const until = Date.now() + 60_000;
    while (connector.sentActivities().length + harness.graph.state.sentMail.length < before + 60 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    await victim.kill();
    await drained(D);
    connector.faults.clear();
    const wave = await rows("kind = 'nudge' and send_on between $1 and $2", [plusDays(D, -12), plusDays(D, -7)]);
    const counts = deliveries();
    expect(wave.filter((r) => r.status !== 'sent')).toEqual([]);
    expect(wave.filter((r) => (counts.get(r.id) ?? 0) < 1)).toEqual([]);
    const twice = wave.filter((r) => (counts.get(r.id) ?? 0) > 1);
    // Claimed by the instance that died, and sent by the other once the lease ran out.
    const retaken = wave.filter((r) => r.attempts > 1 && r.sent_by !== null);
    process.stdout.write(`SIGKILL mid-sweep: ${wave.length} reminders, none lost, ${retaken.length} retaken after the lease expired, ${twice.length} delivered twice (at most one batch of 5 can be)\n`);
    // Duplicates only in the crash window: what the dead instance had sent but not yet recorded.
    expect(twice.length).toBeLessThanOrEqual(5);
    await survivor.stop();
  }, 180_000);

  it('catches up after 3 simulated days stopped: the missed reminders go once each, marked late, most urgent first', async () => {
    // Written on Monday for Tuesday and Wednesday, while every instance is stopped.
    const missed: ReminderToQueue[] = reviews.slice(0, 12).flatMap((r, i) => [
      { reviewId: r.id, kind: 'nudge', recipient: { role: 'la-officer', personId: people['demo-officer'] as number, email: null }, dueOn: plusDays(D, 1), urgency: i % 5, deadline: plusDays(D, 10 + i) },
      { reviewId: r.id, kind: 'nudge', recipient: { role: 'senco', personId: people['demo-senco-2'] as number, email: null }, dueOn: plusDays(D, 2), urgency: (i + 2) % 5, deadline: plusDays(D, 5 + i) },
    ]);
    await enqueue(missed);
    const restarted = await start(THURSDAY_9AM);
    await drained(plusDays(D, 3));
    await restarted.stop();
    const sentThisRun = await rows("status = 'sent' and sent_at >= $1", [new Date(THURSDAY_9AM).toISOString()]);
    const counts = deliveries();
    const caughtUp = sentThisRun.filter((r) => r.send_on > D && r.send_on < plusDays(D, 3));
    expect(caughtUp.length).toBeGreaterThanOrEqual(missed.length);
    expect(caughtUp.filter((r) => !r.late)).toEqual([]);
    expect(caughtUp.filter((r) => counts.get(r.id) !== 1)).toEqual([]);
    const order = [...sentThisRun].sort((x, y) => new Date(x.sent_at as Date).getTime() - new Date(y.sent_at as Date).getTime() || x.id - y.id);
    const rank = (r: Row) => `${r.urgency}|${r.deadline ?? '9999-12-31'}`;
    expect(order.map(rank)).toEqual([...order.map(rank)].sort());
    process.stdout.write(`catch-up after 3 days: ${caughtUp.length} missed reminders sent once each, late, in urgency order (${sentThisRun.length} sent on the day)\n`);
  }, 180_000);

  it('sent no demo child’s full name or date of birth in any message, card or email', async () => {
    const sent = everythingSent(connector, harness.graph);
    expect(sent.length).toBeGreaterThan(400);
    expect(await personalDataIn(sent, db)).toEqual([]);
  });
});
