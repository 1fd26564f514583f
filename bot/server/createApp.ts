import express, { type Express } from 'express';
import type { ApiContext } from '../api/context';
import { errorHandler } from '../api/http';
import { openApiDocument } from '../api/openapi';
import { caseloadRoutes } from '../api/routes/caseload';
import { dashboardRoutes } from '../api/routes/dashboard';
import { reportRoutes } from '../api/routes/reports';
import { reviewRoutes } from '../api/routes/reviews';
import { type OnBehalfOfExchange, teamsSsoRoutes } from '../api/routes/teamsSso';
import { type TabClientConfig, tabRoutes } from './tabStatic';

export interface AppOptions extends ApiContext {
  publicUrl: () => string;
  /** False once shutdown has begun: /readyz says so, so a load balancer stops sending. */
  ready: () => boolean;
  logRequests: boolean;
  /** How the Teams tab signs in (served at /tab/config.json). */
  tab: TabClientConfig;
  /** The on-behalf-of exchange for Teams SSO tokens, when the service has a client credential. */
  onBehalfOf?: OnBehalfOfExchange;
}

/** The service's HTTP application: health, the API and its OpenAPI description. */
export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  if (options.logRequests) {
    app.use((req, res, next) => {
      const started = process.hrtime.bigint();
      res.on('finish', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        options.logger.info('request', { method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 });
      });
      next();
    });
  }
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (!options.ready()) {
      res.status(503).json({ status: 'shutting-down' });
      return;
    }
    try {
      await options.db.query('select 1');
      res.json({ status: 'ready', store: options.db.kind });
    } catch (error) {
      res.status(503).json({ status: 'store-unavailable', message: (error as Error).message });
    }
  });
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument(options.publicUrl()));
  });
  app.use(tabRoutes(options.tab));
  app.use('/api', express.json({ limit: '1mb' }));
  app.use(caseloadRoutes(options));
  app.use(reviewRoutes(options));
  app.use(reportRoutes(options));
  app.use(dashboardRoutes(options));
  app.use(teamsSsoRoutes(options));
  app.use('/api', (req, res) => {
    res.status(404).json({ error: 'no-such-endpoint', message: `${req.method} ${req.originalUrl} is not an endpoint of this API; see /api/openapi.json.` });
  });
  app.use(errorHandler(options.logger));
  return app;
}
