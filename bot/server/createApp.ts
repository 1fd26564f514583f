import express, { type Express } from 'express';
import type { ApiContext } from '../api/context';
import { errorHandler } from '../api/http';
import { openApiDocument } from '../api/openapi';
import { caseloadRoutes } from '../api/routes/caseload';
import { contactRoutes } from '../api/routes/contacts';
import { type OutlookRouteOptions, outlookRoutes } from '../api/routes/outlook';
import { reportRoutes } from '../api/routes/reports';
import { reviewRoutes } from '../api/routes/reviews';

export interface AppOptions extends ApiContext, Pick<OutlookRouteOptions, 'graph' | 'teamsJoinUrl'> {
  /** The built Outlook add-in, served at /addin/. */
  addinDir?: string | undefined;
  publicUrl: () => string;
  /** False once shutdown has begun: /readyz says so, so a load balancer stops sending. */
  ready: () => boolean;
  logRequests: boolean;
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
  if (options.addinDir) app.use('/addin', addinStatic(options.addinDir));
  app.use('/api', express.json({ limit: '1mb' }));
  app.use(caseloadRoutes(options));
  app.use(reviewRoutes(options));
  app.use(reportRoutes(options));
  app.use(contactRoutes(options));
  app.use(outlookRoutes(options));
  app.use('/api', (req, res) => {
    res.status(404).json({ error: 'no-such-endpoint', message: `${req.method} ${req.originalUrl} is not an endpoint of this API; see /api/openapi.json.` });
  });
  app.use(errorHandler(options.logger));
  return app;
}

/**
 * The add-in's files. Outlook caches add-in pages hard, so HTML is never cached (a new
 * build shows at once) while the hashed-by-build bundles may be cached briefly.
 */
function addinStatic(dir: string) {
  return express.static(dir, {
    index: false,
    fallthrough: true,
    setHeaders(res, file) {
      res.set('Cache-Control', file.endsWith('.html') ? 'no-cache' : 'public, max-age=300');
      res.set('X-Content-Type-Options', 'nosniff');
    },
  });
}
