import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { GraphAccess } from '../../bot/api/graphAccess';
import { signDevToken } from '../../bot/auth';
import { loadConfig } from '../../bot/config/env';
import { userGraphClient } from '../../bot/graph/client';
import { TokenBroker } from '../../bot/identity/tokenBroker';
import type { Logger } from '../../bot/log/logger';
import { type RunningService, startService } from '../../bot/server/startService';
import { builtAddin } from '../builtAddin';
import { startGraphTestServer, type GraphTestServer } from '../graph-server/graphServer';
import { type IdentityTestServer, startIdentityTestServer } from '../graph-server/identityServer';
import { routeFetch } from '../graph-server/routeFetch';
import { saveAppointmentToGraph, type SavedAppointment } from '../graph-server/saveAppointment';
import type { SeedUser } from '../graph-server/state';
import { officeStandInBundle } from '../office/standInScript';
import type { StandInInit } from '../office/officeStandIn';
import { hostPage, sendCheckPage } from './hostPage';

/**
 * Development only: the Outlook add-in outside Outlook. One process runs the real service
 * (development sign-in, the demo council, on its own data folder) whose Graph calls go to the
 * local Graph and Entra stand-ins, and a page that plays Outlook: an appointment being
 * composed (subject, times, attendees, body: the office-js stand-in from testkit/office),
 * the task pane beside it, and a Send button that runs the add-in's Smart Alerts handler and
 * shows what Outlook would say. Everything the browser loads comes through this page's
 * origin: the stand-in and the page are added, the rest (the built add-in, /api) is the
 * service's own. The product bundle itself never loads the stand-in
 * (test/addin/preview.test.ts checks dist/addin).
 */

export const PREVIEW_TENANT = '7f0c5d9e-1c1b-4c53-9d9a-2f5c0f6b1a01';
const CLIENT_ID = 'c0ffee00-1234-4abc-8def-0123456789ab';
const SECRET = 'preview-only-secret';
/** demo-senco-1 as the local Graph knows them: the mailbox the appointment is saved in. */
export const PREVIEW_SENCO: SeedUser = { id: '9b8a7c6d-5e4f-4a3b-2c1d-665544332211', userPrincipalName: 'senco@oakfield.example', displayName: 'Demo SENCO (Oakfield)' };

export interface AddinPreview {
  /** The page to open: Outlook, previewed. */
  url: string;
  service: RunningService;
  graph: GraphTestServer;
  close(): Promise<void>;
}

export interface AddinPreviewOptions {
  /** Where the preview's own service keeps its store (not `npm start`'s ./data: PGlite has one opener). */
  dataDir: string;
  /** The page's port; 0 for any free one. */
  port: number;
  logger: Logger;
  /** The service's clock (tests fix it). */
  now?: () => Date;
}

export async function startAddinPreview(options: AddinPreviewOptions): Promise<AddinPreview> {
  const addinDir = builtAddin();
  const idp: IdentityTestServer = await startIdentityTestServer({
    tenants: { [PREVIEW_TENANT]: { apps: { [CLIENT_ID]: { secret: SECRET, applicationPermissions: ['Calendars.ReadWrite'], delegatedPermissions: ['User.Read', 'Calendars.ReadWrite', 'Files.Read.All'] } } } },
  });
  const graph = await startGraphTestServer({ users: [PREVIEW_SENCO], signer: idp.signer });
  const broker = new TokenBroker({ clientId: CLIENT_ID, clientSecret: SECRET, fetch: routeFetch({ [idp.publicOrigin]: idp.url }), logger: options.logger });
  const graphToken = () => idp.issueUserToken({ tenantId: PREVIEW_TENANT, objectId: PREVIEW_SENCO.id, clientId: CLIENT_ID, upn: PREVIEW_SENCO.userPrincipalName });
  // Development sign-in cannot be exchanged on-behalf-of, so the add-in's Graph calls are the SENCO's in the local Graph.
  const access: GraphAccess = { forCaller: () => userGraphClient(broker, graphToken(), PREVIEW_TENANT, { baseUrl: graph.baseUrl, logger: options.logger }) };
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: options.dataDir, AUTH_MODE: 'dev', SEED_DEMO: 'true', ADDIN_DIR: addinDir, LOG_LEVEL: 'warn', REMINDERS: 'off' });
  const service = await startService(config, { logger: options.logger, graph: access, ...(options.now ? { now: options.now } : {}) });
  const token = await signDevToken({ dataDir: options.dataDir, role: 'senco', orgId: 'demo-school-1', userId: 'demo-senco-1' });
  const standIn = officeStandInBundle();
  const init = (now: Date): StandInInit => {
    // A new appointment next week at 10:00 London, as Outlook opens one.
    const start = new Date(now.getTime() + 7 * 86_400_000);
    start.setUTCHours(10, 0, 0, 0);
    return {
      requirementSets: { Mailbox: '1.13' },
      item: { subject: '', start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString(), requiredAttendees: [], optionalAttendees: [], body: '', location: '' },
      userProfile: { emailAddress: PREVIEW_SENCO.userPrincipalName, displayName: PREVIEW_SENCO.displayName, timeZone: 'GMT Standard Time' },
      platform: 'OfficeOnline',
      latencyMs: 5,
    };
  };

  const page = createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`The preview could not answer: ${error.message}\n`);
    });
  });
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://preview');
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (url.pathname === '/') return send(200, 'text/html; charset=utf-8', hostPage(service.url));
    if (url.pathname === '/preview/send-check.html') return send(200, 'text/html; charset=utf-8', sendCheckPage());
    if (url.pathname === '/preview/office-standin.js') {
      // The pane's Office: installed from the preview's initial appointment; saveAsync writes it to the local Graph as Outlook would.
      return send(200, 'application/javascript', `${standIn}\n__officeStandInModule.installOfficeStandIn(globalThis, ${JSON.stringify(init(options.now?.() ?? new Date()))});\n${paneGlue(token)}`);
    }
    if (url.pathname === '/preview/office-standin-module.js') return send(200, 'application/javascript', standIn);
    if (url.pathname === '/preview/save' && req.method === 'POST') {
      const item = JSON.parse((await body(req)).toString('utf8')) as SavedAppointment;
      const bearer = graph.issueToken({ tenantId: PREVIEW_TENANT, appId: CLIENT_ID, userId: PREVIEW_SENCO.id, scp: ['Calendars.ReadWrite'] });
      try {
        return send(200, 'application/json', JSON.stringify({ id: await saveAppointmentToGraph(graph.baseUrl, PREVIEW_SENCO.id, bearer, item) }));
      } catch (e) {
        return send(502, 'application/json', JSON.stringify({ error: (e as Error).message }));
      }
    }
    if (url.pathname === '/addin/taskpane.html') {
      const html = await readFile(path.join(addinDir, 'taskpane.html'), 'utf8');
      return send(200, 'text/html; charset=utf-8', html.replace(/<script src="https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js"><\/script>/, '<script src="/preview/office-standin.js"></script>'));
    }
    // Everything else is the service's: the built add-in, /api, /tab.
    const upstream = await fetch(`${service.url}${req.url}`, {
      method: req.method,
      headers: Object.fromEntries(Object.entries(req.headers).filter(([k, v]) => typeof v === 'string' && k !== 'host' && k !== 'connection')) as Record<string, string>,
      body: req.method === 'GET' || req.method === 'HEAD' ? undefined : new Uint8Array(await body(req)),
    });
    const headers: Record<string, string> = {};
    upstream.headers.forEach((v, k) => {
      if (k !== 'content-encoding' && k !== 'content-length' && k !== 'transfer-encoding' && k !== 'connection') headers[k] = v;
    });
    res.writeHead(upstream.status, headers);
    res.end(Buffer.from(await upstream.arrayBuffer()));
  };
  await new Promise<void>((resolve) => page.listen(options.port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
  return {
    url,
    service,
    graph,
    async close() {
      await new Promise<void>((resolve) => {
        page.close(() => resolve());
        page.closeAllConnections();
      });
      await service.stop();
      await graph.close();
      await idp.close();
    },
  };
}

/** The pane's glue: the development token, and saveAsync through the preview to the local Graph. */
function paneGlue(token: string): string {
  return `globalThis.ehcpTokenSource = async function () { return ${JSON.stringify(token)}; };
globalThis.__officeStandIn.onSave = async function (item) {
  var res = await fetch('/preview/save', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(item) });
  var answer = await res.json();
  if (!res.ok) throw new Error(answer.error);
  return answer.id;
};`;
}

function body(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
