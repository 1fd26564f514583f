import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { londonToday } from '../../shared';
import { type PeriodicJob, startPeriodicJob } from './periodicJob';
import { startRetentionJob } from './retentionJob';
import { CallerCache } from '../api/callerCache';
import { type GraphAccess, onBehalfOfGraphAccess } from '../api/graphAccess';
import { brokerOnBehalfOf } from '../api/routes/teamsSso';
import { createDevVerifier, createEntraVerifier, type TokenVerifier } from '../auth';
import { type Config, configSummary } from '../config/env';
import type { LetterMailer } from '../letters/mailer';
import { createJsonLogger, type Logger } from '../log/logger';
import type { ReminderChannels } from '../reminders/channels';
import { DEV_DRIVE_ID, devFileStorage } from '../dev/devFiles';
import { startReminders } from '../reminders/startReminders';
import type { RunningSweeper } from '../reminders/sweeper';
import type { Db } from '../store/db';
import { expireIdempotencyKeys } from '../store/idempotency';
import { describeStore, openStore } from '../store/openStore';
import { seedDemoData } from '../store/seed/demoSeed';
import { createTeamsBot, type TeamsBot, type TeamsBotOptions } from '../teams';
import { decisionFormCard } from '../teams/decision/sendDecisionCard';
import { LinkThrottle } from '../advice/linkThrottle';
import { type AdviceStorage, graphAdviceStorage } from '../advice/storage';
import { appGraphClient } from '../graph/client';
import { brokerForSettings } from '../identity/brokerForSettings';
import { adviceOnFileReceived } from './botHooks';
import { createApp } from './createApp';
import { devCertificate } from './devCertificate';
import path from 'node:path';
import { type DevMailbox, devMailbox } from '../dev/devMailbox';
import type { LocalMail } from '../app/meetingReport/deps';
import { escapeHtml } from '../html/escapeHtml';
import { refuseIfInUse, startAdminSocket } from './adminSocket';

/** Advice storage through Graph as the app in each council's tenant, when the app registration is configured. */
function configuredAdviceStorage(config: Config, logger: Logger): AdviceStorage | undefined {
  const graph = config.graph;
  if (!graph) return undefined;
  const broker = brokerForSettings(graph, logger);
  return graphAdviceStorage((tenantId) => {
    if (!tenantId) throw new Error('The council has no Entra tenant id registered, so the service cannot reach its SharePoint.');
    return appGraphClient(broker, tenantId, { baseUrl: graph.baseUrl, logger });
  });
}

export interface RunningService {
  url: string;
  /** https://localhost:PORT when DEV_HTTPS_PORT is set (development sideloading of the add-in). */
  httpsUrl?: string;
  db: Db;
  server: Server;
  /** The Teams bot: proactive sends (the decision card) for the reminder engine. */
  teams: TeamsBot;
  /** The reminder sweeper, when reminders are on. */
  reminders: RunningSweeper | undefined;
  /** Stops taking requests, lets those in flight finish (up to the grace period), closes the store. */
  stop(): Promise<void>;
}

/** What tests may put in place of the configured pieces. */
export interface StartServiceOptions {
  logger?: Logger;
  now?: () => Date;
  teams?: TeamsBotOptions;
  reminderChannels?: ReminderChannels;
  /** Graph mail for decision letters; by default built from the EHCP_GRAPH_* settings (tests give one on the local Graph). */
  mailer?: LetterMailer;
  /** Where advice files go; default: Graph with the EHCP_GRAPH_* app registration, if configured. */
  adviceStorage?: AdviceStorage;
  adviceThrottle?: LinkThrottle;
  /** How the link pages wait out the throttle's delay (tests record the delays instead of waiting). */
  adviceSleep?: (ms: number) => Promise<void>;
  /** The add-in's Graph calls as the caller; default on-behalf-of from the config's app registration, if any. */
  graph?: GraphAccess;
  teamsJoinUrl?: { attempts: number; intervalMs: number };
}

/** Opens the store (migrating, seeding the demo in dev mode), then listens. */
export async function startService(config: Config, options: StartServiceOptions = {}): Promise<RunningService> {
  // LOG_LEVEL filters the service's own logger; a logger given by the caller keeps its own level.
  const logger: Logger = options.logger ?? createJsonLogger({ level: config.logLevel });
  const now = options.now ?? (config.clockStart ? clockFrom(config.clockStart) : () => new Date());
  const today = () => londonToday(now());
  logger.info('configuration', configSummary(config));
  const verifier: TokenVerifier =
    config.authMode === 'dev' ? await createDevVerifier({ dataDir: config.dataDir, production: config.production }) : createEntraVerifier({ ...config.entra });
  // PGlite allows one opener: refuse before opening a folder another service has open.
  if (!config.databaseUrl) await refuseIfInUse(config.dataDir);
  const db = await openStore(config, { ...config.database, logger });
  try {
    if (config.seedDemo) {
      const seeded = await seedDemoData(db, today());
      if (seeded.seeded) logger.info('seeded demo data', { cases: seeded.cases });
    }
  } catch (error) {
    await db.close();
    throw error;
  }
  // The embedded store's operator socket (backups while running; one service per data folder).
  const admin = db.kind === 'pglite' ? await startAdminSocket(db, config.dataDir, logger).catch(async (error: Error) => {
    await db.close();
    throw error;
  }) : undefined;
  const mailer = options.mailer ?? letterMailerFromConfig(config, logger);
  let ready = true;
  let url = '';
  const publicUrl = () => config.publicUrl ?? url;
  // Development without Graph: files go to a local folder (bot/dev/devFiles.ts) rather than nowhere.
  const graphStorage = options.adviceStorage ?? configuredAdviceStorage(config, logger);
  const localFiles = !graphStorage && config.devPages;
  const advice = {
    storage: graphStorage ?? (localFiles ? devFileStorage(path.join(config.dataDir, 'dev-files')) : undefined),
    defaultDriveId: config.advice.driveId ?? (localFiles ? DEV_DRIVE_ID : undefined),
    maxBytes: config.advice.maxBytes,
    throttle: options.adviceThrottle ?? new LinkThrottle(),
    ...(options.adviceSleep ? { sleep: options.adviceSleep } : {}),
    now,
    publicUrl,
  };
  const hooks = {
    onFileReceived: adviceOnFileReceived({ db, storage: advice.storage, today, maxBytes: advice.maxBytes, defaultDriveId: advice.defaultDriveId, logger }),
  };
  const teams = await createTeamsBot(config, { db, today, publicUrl, logger, mailer, letterFiles: { storage: advice.storage, defaultDriveId: advice.defaultDriveId } }, { ...hooks, ...options.teams }).catch(async (error: Error) => {
    await admin?.close();
    await db.close();
    throw error;
  });
  const mailbox = config.devPages ? devMailbox(path.join(config.dataDir, 'dev-mail')) : undefined;
  // One broker for the callers' Graph tokens: the add-in's calls and the tab's SSO exchange.
  const userBroker = config.graph ? brokerForSettings(config.graph, logger) : undefined;
  const graph = options.graph ?? (userBroker && config.graph ? onBehalfOfGraphAccess(userBroker, { baseUrl: config.graph.baseUrl, logger }) : undefined);
  const app = createApp({
    db,
    callers: new CallerCache(),
    verifier,
    today,
    logger,
    importMaxRows: config.importMaxRows,
    trustProxy: config.trustProxy,
    mailer,
    publicUrl,
    ready: () => ready,
    logRequests: config.logLevel === 'info',
    teamsEndpoint: teams.endpoint,
    advice,
    addinDir: config.addinDir,
    graph,
    teamsJoinUrl: options.teamsJoinUrl,
    meetingTab: { teamsAppId: config.reminders.teamsAppId, publicUrl },
    tab: { authMode: config.authMode, clientId: config.authMode === 'entra' ? config.entra.clientId : null },
    onBehalfOf: userBroker ? brokerOnBehalfOf(userBroker) : undefined,
    devMailbox: mailbox,
    localMail: mailbox && !config.graph ? localMail(mailbox, now) : undefined,
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = createServer(app);
    s.once('error', reject);
    s.listen(config.port, config.host, () => resolve(s));
  }).catch(async (error: NodeJS.ErrnoException) => {
    await admin?.close();
    await db.close();
    throw error.code === 'EADDRINUSE' ? new Error(`Port ${config.port} is already in use; stop the other process or set PORT to a free port.`) : error;
  });
  server.keepAliveTimeout = 65_000;
  const port = (server.address() as AddressInfo).port;
  url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  logger.info('store', { store: describeStore(config) });
  let https: Server | undefined;
  let httpsUrl: string | undefined;
  if (config.devHttpsPort !== undefined) {
    const tls = await devCertificate(config.dataDir);
    https = await new Promise<Server>((resolve, reject) => {
      const s = createHttpsServer({ key: tls.key, cert: tls.cert }, app);
      s.once('error', reject);
      s.listen(config.devHttpsPort, config.host, () => resolve(s as unknown as Server));
    });
    httpsUrl = `https://localhost:${(https.address() as AddressInfo).port}`;
    logger.info('development HTTPS for sideloading the add-in', { url: `${httpsUrl}/addin/taskpane.html`, certificate: tls.certFile });
  }
  const cleanUp = startIdempotencyCleanUp(db, config.idempotencyTtlHours, logger);
  const retention = startRetentionJob(db, today, logger, advice.storage);
  const sweeper = startReminders(config, { db, now, publicUrl, logger, channels: options.reminderChannels, devMailbox: mailbox, decisionCard: (reviewId) => decisionFormCard({ db, today, publicUrl }, reviewId) });

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      ready = false;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const closedTls = https ? new Promise<void>((resolve) => https?.close(() => resolve())) : Promise.resolve();
      server.closeIdleConnections();
      https?.closeAllConnections();
      const grace = setTimeout(() => server.closeAllConnections(), config.shutdownGraceMs);
      await closed;
      await closedTls;
      clearTimeout(grace);
      await cleanUp.stop();
      await retention.stop();
      // A sweep in progress finishes (and records what it sent) before the store closes.
      await sweeper?.stop();
      await admin?.close();
      await db.close();
    })();
    return stopping;
  };
  return { url, ...(httpsUrl ? { httpsUrl } : {}), db, server, teams, reminders: sweeper, stop };
}

/** How often expired idempotency answers are deleted. */
export const IDEMPOTENCY_CLEANUP_EVERY_MS = 60 * 60 * 1000;

/** Deletes expired idempotency answers now and then hourly, inside the service. */
function startIdempotencyCleanUp(db: Db, ttlHours: number, logger: Logger): PeriodicJob {
  return startPeriodicJob(
    async () => {
      const removed = await expireIdempotencyKeys(db, ttlHours);
      if (removed) logger.info('expired idempotency answers removed', { removed, olderThanHours: ttlHours });
    },
    IDEMPOTENCY_CLEANUP_EVERY_MS,
    (error) => logger.warn('idempotency clean-up failed; will try again', { error: error.message }),
  );
}

/**
 * A clock that reads `start` (CLOCK_START, development and tests only) when the process
 * started and runs at normal speed, so processes started together agree on the time.
 */
function clockFrom(start: Date): () => Date {
  return () => new Date(start.getTime() + Math.round(performance.now()));
}

/**
 * The letters' Graph mail from the EHCP_GRAPH_* settings, or none when they are not set
 * (letters can then only be downloaded). MSAL and the Graph SDK load only when configured.
 */
function letterMailerFromConfig(config: Config, logger: Logger): LetterMailer | undefined {
  const graph = config.graph;
  if (!graph) return undefined;
  // require, not import(): the build is CommonJS.
  const { brokerForSettings } = require('../identity/brokerForSettings') as typeof import('../identity/brokerForSettings');
  const { graphLetterMailer } = require('../letters/mailer') as typeof import('../letters/mailer');
  const broker = brokerForSettings(graph, logger);
  return graphLetterMailer(broker, { baseUrl: graph.baseUrl, version: graph.version, logger });
}

/** Development: an email for Graph, written to the local mailbox with its attachments named (their bytes stay out). */
function localMail(mailbox: DevMailbox, now: () => Date): LocalMail {
  return async (from, mail) => {
    const body = 'html' in mail.body ? mail.body.html : `<pre>${escapeHtml(mail.body.text)}</pre>`;
    const attached = (mail.attachments ?? []).map((a) => `<li>${escapeHtml(a.name)} (${a.content.length} bytes)</li>`).join('');
    await mailbox.deliver(
      { channel: 'email', to: mail.to.map((r) => r.email).join(', '), subject: mail.subject, html: `<p>From: ${escapeHtml(from)}</p>${body}${attached ? `<p>Attached:</p><ul>${attached}</ul>` : ''}` },
      now(),
    );
  };
}
