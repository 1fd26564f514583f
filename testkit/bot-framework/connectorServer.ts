import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FaultAction, FaultInjector } from '../graph-server/faults';

/** One request the bot made to the connector, as received. */
export interface ConnectorCall {
  method: string;
  /** e.g. `/v3/conversations/a:1/activities/1234` (conversation ids decoded). */
  path: string;
  conversationId: string | null;
  /** The `Authorization` header sent (the bot's outbound token), if any. */
  authorization: string | undefined;
  body: unknown;
  at: Date;
}

/** A running stand-in for the Bot Framework connector (the `serviceUrl` Teams gives). */
export interface ConnectorServer {
  /** `http://127.0.0.1:port/` with a trailing slash, as Teams sends service URLs. */
  serviceUrl: string;
  /** Every call, oldest first. */
  readonly calls: ConnectorCall[];
  /** The activities sent (POST to a conversation's activities, or a reply to one), oldest first. */
  sentActivities(conversationId?: string): Record<string, unknown>[];
  /** Faults to inject (429 with Retry-After, 5xx, dropped connections, delays). */
  faults: FaultInjector;
  /** Waits until at least `n` activities have been sent, or rejects after `ms`. */
  waitForActivities(n: number, ms?: number): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

const activityPath = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;

/**
 * Starts a local connector speaking the Bot Connector REST API's wire format
 * (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference):
 * - `POST /v3/conversations/{id}/activities` (send) and `POST .../activities/{activityId}` (reply)
 *   answer `{"id": "..."}` (a ResourceResponse);
 * - `PUT /v3/conversations/{id}/activities/{activityId}` (update) answers `{"id"}` too;
 * - `POST /v3/conversations` (create a conversation) answers a ConversationResourceResponse.
 * It records everything, so tests can assert on what the bot sent.
 */
export async function startConnectorServer(): Promise<ConnectorServer> {
  const calls: ConnectorCall[] = [];
  const faults = new FaultInjector();
  const waiters: { n: number; resolve: () => void }[] = [];
  const sent = () => calls.filter((c) => c.method === 'POST' && activityPath.test(c.path));

  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await readBody(req);
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] as string);
    const fault = faults.take('graph', req.method ?? 'GET', path);
    if (fault && (await applyFault(fault, res))) return;
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      json(res, 400, { error: { code: 'BadSyntax', message: 'The request body is not JSON.' } });
      return;
    }
    const match = activityPath.exec(path);
    calls.push({ method: req.method ?? 'GET', path, conversationId: match?.[1] ?? null, authorization: req.headers.authorization, body, at: new Date() });
    if (match && (req.method === 'POST' || req.method === 'PUT')) {
      json(res, req.method === 'POST' ? 201 : 200, { id: match[2] && req.method === 'PUT' ? match[2] : `${Date.now()}${Math.floor(Math.random() * 1000)}` });
    } else if (req.method === 'POST' && path === '/v3/conversations') {
      json(res, 201, { id: `a:${randomUUID()}`, activityId: String(Date.now()), serviceUrl: url });
    } else if (req.method === 'DELETE' && match) {
      json(res, 200, {});
    } else {
      json(res, 404, { error: { code: 'NotFound', message: `${req.method} ${path} is not a connector endpoint this stand-in knows` } });
      return;
    }
    for (const w of [...waiters]) {
      if (sent().length >= w.n) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  return {
    serviceUrl: url,
    calls,
    faults,
    sentActivities: (conversationId) =>
      sent()
        .filter((c) => conversationId === undefined || c.conversationId === conversationId)
        .map((c) => c.body as Record<string, unknown>),
    waitForActivities(n, ms = 10_000) {
      if (sent().length >= n) return Promise.resolve(sent().map((c) => c.body as Record<string, unknown>));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the connector received ${sent().length} activities, not ${n}, within ${ms} ms`)), ms);
        waiters.push({
          n,
          resolve: () => {
            clearTimeout(timer);
            resolve(sent().map((c) => c.body as Record<string, unknown>));
          },
        });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

/** True if the fault answered (or cut) the request. */
async function applyFault(fault: FaultAction, res: ServerResponse): Promise<boolean> {
  if (fault.type === 'delay') {
    await new Promise((r) => setTimeout(r, fault.ms));
    return false;
  }
  if (fault.type === 'drop') {
    res.socket?.destroy();
    return true;
  }
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
  res.writeHead(fault.status, headers).end(JSON.stringify({ error: { code: fault.code ?? 'ServiceError', message: fault.message ?? `injected ${fault.status}` } }));
  return true;
}
