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
import { createApp } from './createApp';

export interface RunningService {
  url: string;
  db: Db;
  server: Server;
  /** Stops taking requests, lets those in flight finish (up to the grace period), closes the store. */
  stop(): Promise<void>;
}

/** Opens the store (migrating, seeding the demo in dev mode), then listens. */
export async function startService(config: Config, options: { logger?: Logger; now?: () => Date } = {}): Promise<RunningService> {
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
  const app = createApp({ db, callers: new CallerCache(), verifier, today, logger, publicUrl: () => config.publicUrl ?? url, ready: () => ready, logRequests: config.logLevel === 'info',
    tab: { authMode: config.authMode, clientId: config.authMode === 'entra' ? config.entra.clientId : null },
  });
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
