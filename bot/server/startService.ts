import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { londonToday } from '../../shared';
import { CallerCache } from '../api/callerCache';
import { createDevVerifier, createEntraVerifier, type TokenVerifier } from '../auth';
import type { Config } from '../config/env';
import { createJsonLogger, type Logger } from '../log/logger';
import type { Db } from '../store/db';
import { describeStore, openStore } from '../store/openStore';
import { seedDemoData } from '../store/seed/demoSeed';
import { LinkThrottle } from '../advice/linkThrottle';
import { type AdviceStorage, graphAdviceStorage } from '../advice/storage';
import { appGraphClient } from '../graph/client';
import { TokenBroker } from '../identity/tokenBroker';
import { createApp } from './createApp';

/** What tests (and the bot at merge) may put in place of the configured pieces. */
export interface ServiceOptions {
  logger?: Logger;
  now?: () => Date;
  /** Where advice files go; default: Graph with the EHCP_GRAPH_* app registration, if configured. */
  adviceStorage?: AdviceStorage;
  adviceThrottle?: LinkThrottle;
}

/** Advice storage through Graph as the app in each council's tenant, when the app registration is configured. */
function configuredAdviceStorage(config: Config, logger: Logger): AdviceStorage | undefined {
  const { clientId, clientSecret, authorityHost, baseUrl } = config.graph;
  if (!clientId || !clientSecret) return undefined;
  const broker = new TokenBroker({ clientId, clientSecret, authorityHost, logger });
  return graphAdviceStorage((tenantId) => {
    if (!tenantId) throw new Error('The council has no Entra tenant id registered, so the service cannot reach its SharePoint.');
    return appGraphClient(broker, tenantId, { baseUrl, logger });
  });
}

export interface RunningService {
  url: string;
  db: Db;
  server: Server;
  /** Stops taking requests, lets those in flight finish (up to the grace period), closes the store. */
  stop(): Promise<void>;
}

/** Opens the store (migrating, seeding the demo in dev mode), then listens. */
export async function startService(config: Config, options: ServiceOptions = {}): Promise<RunningService> {
  const levels = { info: 0, warn: 1, error: 2 };
  const base = options.logger ?? createJsonLogger();
  const logger: Logger = {
    info: (m, f) => levels[config.logLevel] <= 0 && base.info(m, f),
    warn: (m, f) => levels[config.logLevel] <= 1 && base.warn(m, f),
    error: (m, f) => base.error(m, f),
  };
  const now = options.now ?? (() => new Date());
  const today = () => londonToday(now());
  const verifier: TokenVerifier =
    config.authMode === 'dev' ? await createDevVerifier({ dataDir: config.dataDir }) : createEntraVerifier({ ...config.entra });
  const db = await openStore(config);
  try {
    if (config.seedDemo) {
      const seeded = await seedDemoData(db, today());
      if (seeded.seeded) logger.info('seeded demo data', { cases: seeded.cases });
    }
  } catch (error) {
    await db.close();
    throw error;
  }
  let ready = true;
  let url = '';
  const publicUrl = () => config.publicUrl ?? url;
  const advice = {
    storage: options.adviceStorage ?? configuredAdviceStorage(config, logger),
    defaultDriveId: config.advice.driveId,
    maxBytes: config.advice.maxBytes,
    throttle: options.adviceThrottle ?? new LinkThrottle(),
    now,
    publicUrl,
  };
  const app = createApp({ db, callers: new CallerCache(), verifier, today, logger, publicUrl, ready: () => ready, logRequests: config.logLevel === 'info', advice });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = createServer(app);
    s.once('error', reject);
    s.listen(config.port, config.host, () => resolve(s));
  }).catch(async (error: NodeJS.ErrnoException) => {
    await db.close();
    throw error.code === 'EADDRINUSE' ? new Error(`Port ${config.port} is already in use; stop the other process or set PORT to a free port.`) : error;
  });
  server.keepAliveTimeout = 65_000;
  const port = (server.address() as AddressInfo).port;
  url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  logger.info('store', { store: describeStore(config) });

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      ready = false;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const grace = setTimeout(() => server.closeAllConnections(), config.shutdownGraceMs);
      await closed;
      clearTimeout(grace);
      await db.close();
    })();
    return stopping;
  };
  return { url, db, server, stop };
}
