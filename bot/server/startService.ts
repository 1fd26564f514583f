import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { londonToday } from '../../shared';
import { CallerCache } from '../api/callerCache';
import { createDevVerifier, createEntraVerifier, type TokenVerifier } from '../auth';
import type { Config } from '../config/env';
import type { LetterMailer } from '../letters/mailer';
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
export interface StartServiceOptions {
  logger?: Logger;
  now?: () => Date;
  /** Graph mail for decision letters; by default built from the EHCP_GRAPH_* settings (tests give one on the local Graph). */
  mailer?: LetterMailer;
}

export async function startService(config: Config, options: StartServiceOptions = {}): Promise<RunningService> {
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
  const mailer = options.mailer ?? letterMailerFromConfig(config, logger);
  let ready = true;
  let url = '';
  const app = createApp({ db, callers: new CallerCache(), verifier, today, logger, mailer, publicUrl: () => config.publicUrl ?? url, ready: () => ready, logRequests: config.logLevel === 'info' });
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

/**
 * The letters' Graph mail from the EHCP_GRAPH_* settings, or none when they are not set
 * (letters can then only be downloaded). MSAL and the Graph SDK load only when configured.
 */
function letterMailerFromConfig(config: Config, logger: Logger): LetterMailer | undefined {
  const graph = config.graph;
  if (!graph) return undefined;
  // require, not import(): the build is CommonJS.
  const { TokenBroker } = require('../identity/tokenBroker') as typeof import('../identity/tokenBroker');
  const { graphLetterMailer } = require('../letters/mailer') as typeof import('../letters/mailer');
  const broker = new TokenBroker({
    clientId: graph.clientId,
    ...(graph.clientSecret ? { clientSecret: graph.clientSecret } : {}),
    ...(graph.certificate ? { clientCertificate: { thumbprintSha256: graph.certificate.thumbprintSha256, privateKey: readFileSync(graph.certificate.keyPath, 'utf8') } } : {}),
    authorityHost: graph.authorityHost,
    logger,
  });
  return graphLetterMailer(broker, { baseUrl: graph.baseUrl, version: graph.version, logger });
}
