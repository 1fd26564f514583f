import express, { type Express, type RequestHandler } from 'express';
import { type ApiContext, signInFirst } from '../api/context';
import { errorHandler } from '../api/http';
import { refuseNulBytes } from '../api/inputFaults';
import { openApiDocument } from '../api/openapi';
import { type AdviceSettings, adviceRoutes, redactAdvicePath } from '../api/routes/advice';
import { meetingReportRoutes } from '../api/routes/meetingReport';
import { caseloadRoutes } from '../api/routes/caseload';
import { reminderRoutes } from '../api/routes/reminders';
import { councilRoutes } from '../api/routes/council';
import { placementRoutes } from '../api/routes/placements';
import { dataProtectionRoutes } from '../api/routes/dataProtection';
import { letterRoutes } from '../api/routes/letters';
import { contactRoutes } from '../api/routes/contacts';
import { type OutlookRouteOptions, outlookRoutes } from '../api/routes/outlook';
import { reportRoutes } from '../api/routes/reports';
import { reviewRoutes } from '../api/routes/reviews';
import { redactText } from '../log/redact';
import { dashboardRoutes } from '../api/routes/dashboard';
import { type OnBehalfOfExchange, teamsSsoRoutes } from '../api/routes/teamsSso';
import { type TabClientConfig, tabRoutes } from './tabStatic';
import type { LocalMail } from '../app/meetingReport/deps';
import type { DevMailbox } from '../dev/devMailbox';
import { devRoutes } from '../dev/devRoutes';
import { storeAnswers } from '../store/db';

export interface AppOptions extends ApiContext, Pick<OutlookRouteOptions, 'graph' | 'teamsJoinUrl' | 'meetingTab'> {
  /** The built Outlook add-in, served at /addin/. */
  addinDir?: string | undefined;
  publicUrl: () => string;
  /** False once shutdown has begun: /readyz says so, so a load balancer stops sending. */
  ready: () => boolean;
  logRequests: boolean;
  /** The Teams bot's `POST /api/messages` (bot/teams), on this same app and port. */
  teamsEndpoint?: RequestHandler | undefined;
  /** The one-time link pages and advice storage; without them the service serves no /advice pages. */
  advice?: AdviceSettings | undefined;
  /** How the Teams tab signs in (served at /tab/config.json). */
  tab?: TabClientConfig | undefined;
  /** The on-behalf-of exchange for Teams SSO tokens, when the service has a client credential. */
  onBehalfOf?: OnBehalfOfExchange;
  /** TRUST_PROXY: whose X-Forwarded-For gives the client's address (default: nobody's). */
  trustProxy?: boolean | number | string[] | undefined;
  /** Development only: the local mailbox served at /dev/mail; absent, /dev/* is 404. */
  devMailbox?: DevMailbox | undefined;
  /** Development only: email the service would send through Graph, to the local mailbox instead. */
  localMail?: LocalMail | undefined;
}

/** The service's HTTP application: health, the API and its OpenAPI description. */
export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', options.trustProxy ?? false);
  if (options.logRequests) {
    app.use((req, res, next) => {
      const started = process.hrtime.bigint();
      res.on('finish', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        // The advice pages' path is the one-time token: never log it.
        options.logger.info('request', { method: req.method, path: redactAdvicePath(req.path), status: res.statusCode, ms: Math.round(ms * 10) / 10 });
      });
      next();
    });
  }
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (!options.ready()) {
      res.status(503).json({ status: 'not-ready' });
      return;
    }
    try {
      await storeAnswers(options.db);
      res.json({ status: 'ready' });
    } catch (error) {
      // The reason is for the operator's log, not for whoever asks.
      options.logger.warn('not ready: the store does not answer', { error: redactText((error as Error).message) });
      res.status(503).json({ status: 'not-ready' });
    }
  });
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument(options.publicUrl()));
  });
  if (options.devMailbox) app.use('/dev', devRoutes(options.devMailbox));
  // Sign-in first, then bodies: nothing under /api reads a body for a caller it does not know.
  app.use('/api', signInFirst(options));
  if (options.advice) app.use(adviceRoutes(options, options.advice));
  if (options.addinDir) app.use('/addin', addinStatic(options.addinDir));
  if (options.tab) app.use(tabRoutes(options.tab));
  app.use('/api', express.json({ limit: '1mb' }));
  app.use('/api', refuseNulBytes);
  app.use(caseloadRoutes(options));
  // The decision task sends the letter, with its stored copies, whichever face records it.
  const letterFiles = options.advice ? { storage: options.advice.storage, defaultDriveId: options.advice.defaultDriveId } : undefined;
  app.use(reviewRoutes({ ...options, letterFiles }));
  app.use(reportRoutes(options));
  if (options.teamsEndpoint) app.post('/api/messages', options.teamsEndpoint);
  app.use(reminderRoutes(options));
  app.use(councilRoutes(options));
  app.use(letterRoutes({ ...options, letterFiles }));
  app.use(contactRoutes(options));
  app.use(outlookRoutes(options));
  app.use(meetingReportRoutes({ ...options, reportStorage: options.advice ? { storage: options.advice.storage, defaultDriveId: options.advice.defaultDriveId } : undefined }));
  app.use(dashboardRoutes(options));
  app.use(teamsSsoRoutes(options));
  app.use(placementRoutes(options));
  app.use(dataProtectionRoutes({ ...options, storage: options.advice?.storage }));
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
