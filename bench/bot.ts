import { randomUUID } from 'node:crypto';
import { loadConfig } from '../bot/config/env';
import { silentLogger } from '../bot/log/logger';
import { startService } from '../bot/server/startService';
import { startEntraTestAuthority, unsecuredJwt } from '../testkit/entraTestAuthority';
import { startConnectorChild } from './harness/connectorChild';
import { signDevToken } from '../bot/auth';
import { againstBaseline, againstTarget } from './harness/against';
import { createHttpClient, type HttpAnswer } from './harness/http';
import { defaultPostgresUrl, pgliteTarget, postgresTarget, type StoreTarget } from './harness/stores';
import { describeLoad } from './service/format';
import { runLoad } from './service/load';
import { scaled } from './harness/scale';

const BOT_ID = '7d4b9c2e-1f3a-4b5c-8d6e-9f0a1b2c3d4e';
const TENANT = '11111111-2222-4333-8444-555555555555';
const CLIENTS = Number(process.env.BOT_BENCH_CLIENTS ?? 20);
const REQUESTS = scaled(2_000, 20);
const MAX_SECONDS = scaled(10, 2);

/**
 * `/api/messages`: a SENCO's "my reviews" turn, end to end with authentication on (an RS256
 * channel token checked against a local Bot Framework issuer's keys), the demo caseload,
 * and the reply (a card) sent to a local recording connector in a process of its own. The
 * service and the load generator share one process, for the turn and for the read it is
 * compared with alike, so the figures are a floor, not a ceiling.
 */
export async function botBenchmark(): Promise<void> {
  console.log(`Teams bot: POST /api/messages "my reviews" turn, auth on, reply to a local connector, ${CLIENTS} keep-alive clients, ${REQUESTS.toLocaleString('en-GB')} turns or ${MAX_SECONDS} s`);
  await benchStore(pgliteTarget('ehcp-bench-bot'));
  const url = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || defaultPostgresUrl;
  const postgres = await postgresTarget(url, 'ehcp_bench_bot').catch((error: Error) => {
    console.log(`  PostgreSQL: skipped, ${error.message}`);
    return undefined;
  });
  if (postgres) await benchStore(postgres);
}

async function benchStore(target: StoreTarget): Promise<void> {
  const rig = await startBotRig(target);
  try {
    const figures = await runLoad(rig.turn, { clients: CLIENTS, requests: REQUESTS, maxSeconds: MAX_SECONDS, expectStatus: 200 });
    const replies = await rig.replies();
    // The baseline: the API's read of one review on the same service, store and clients.
    const officer = await signDevToken({ dataDir: target.dataDir, role: 'la-officer', orgId: 'demo-council', userId: 'demo-officer' });
    const api = createHttpClient(rig.service.url, officer, CLIENTS);
    const [first] = await rig.service.db.query<{ id: string }>("select id from review_cycles where council_id = 'demo-council' order by id limit 1");
    const reads = await runLoad(() => api.send('GET', `/api/reviews/${first?.id}`), { clients: CLIENTS, requests: REQUESTS, maxSeconds: MAX_SECONDS, expectStatus: 200 });
    api.close();
    console.log(`  ${target.name.padEnd(10)} GET  /api/reviews/{id} (baseline)  ${describeLoad(reads)}`);
    console.log(
      `  ${target.name.padEnd(10)} POST /api/messages (my reviews) ${describeLoad(figures)}; ${replies.toLocaleString('en-GB')} replies at the connector   ${againstBaseline(figures.perSecond, { what: 'GET /api/reviews/{id}', value: reads.perSecond, unit: 'req/s', goal: 0.5 })} ${againstTarget(figures.p99, { what: `p99 at ${CLIENTS} clients under`, value: 200, unit: 'ms' })}`,
    );
  } finally {
    await rig.close();
  }
}

/** The service in this process with the bot's channel tokens checked, a local connector (another process) for its replies, and a "my reviews" turn to send. */
export interface BotRig {
  service: Awaited<ReturnType<typeof startService>>;
  /** Sends turn `i` (two SENCOs, alternately) and resolves with the service's answer. */
  turn(i: number): Promise<HttpAnswer>;
  /** How many replies the connector has received. */
  replies(): Promise<number>;
  close(): Promise<void>;
}

/** Starts {@link BotRig} on `target` (bench/profile.ts profiles the same turn). */
export async function startBotRig(target: StoreTarget): Promise<BotRig> {
  const authority = await startEntraTestAuthority();
  const connector = await startConnectorChild();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: target.dataDir,
    DATABASE_URL: target.databaseUrl,
    // Development sign-in on this benchmark's own database, on purpose (the safe-defaults
    // check refuses DATABASE_URL without it); the bot's channel tokens are checked as in production.
    AUTH_MODE: 'dev',
    SEED_DEMO: 'true',
    REMINDERS: 'off',
    LOG_LEVEL: 'warn',
    BOT_CLIENT_ID: BOT_ID,
    BOT_OPENID_METADATA_URL: authority.botFrameworkMetadataUrl,
  });
  // One token for the run, as the SDK's client-credentials provider keeps one until it expires.
  const outbound = unsecuredJwt({ aud: 'https://api.botframework.com', exp: Math.floor(Date.now() / 1000) + 3600 });
  const outboundToken = async () => outbound;
  const service = await startService(config, { logger: silentLogger, teams: { outboundToken } });
  await service.db.query("update organisations set entra_tenant_id = $1 where id like 'demo-%'", [TENANT]);
  const token = await authority.issueChannelToken({ appId: BOT_ID, serviceUrl: connector.serviceUrl });
  const client = createHttpClient(service.url, token, CLIENTS);
  const activity = (i: number) => ({
    type: 'message',
    id: randomUUID(),
    text: 'my reviews',
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    from: { id: '29:1-demo-senco-1', aadObjectId: i % 2 ? 'demo-senco-1' : 'demo-senco-2' },
    recipient: { id: `28:${BOT_ID}` },
    conversation: { id: `a:bench-${i % 2}`, conversationType: 'personal', tenantId: TENANT },
  });
  return {
    service,
    turn: (i) => client.send('POST', '/api/messages', { body: activity(i) }),
    replies: () => connector.sent(),
    async close() {
      client.close();
      try {
        await service.stop();
      } finally {
        await connector.close();
        await authority.close();
        await target.dispose();
      }
    },
  };
}
