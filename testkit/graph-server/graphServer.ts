import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { driveRoute, itemJson } from './driveRoutes';
import { driveWriteRoute } from './driveWriteRoutes';
import { type FaultAction, FaultInjector, type FaultTarget } from './faults';
import { closeServer, graphErrorBody, headersOf, listenLocal, readBody, sendEmpty, sendJson } from './http';
import { outlookRoute } from './outlookRoutes';
import { type Caller, type Ctx, fail, isObject, type Out, type ServerPolicy } from './routing';
import { GraphTestState, type SeedDrive, type SeedTeamsApp, type SeedUser } from './state';
import { meetingRoute } from './meetingRoutes';
import { teamsRoute } from './teamsRoutes';
import { type TestTokenClaims, TestTokenSigner } from './tokens';

const MIB = 1024 * 1024;
/** Graph's limit on one request body (the reason small attachments must stay under 3 MB). */
export const MAX_REQUEST_BYTES = 4 * MIB;
/** Upload-session chunks may be at most this large. */
export const MAX_CHUNK_BYTES = 4 * MIB;
/** `$batch` takes at most this many requests. */
export const MAX_BATCH_REQUESTS = 20;

/** A request the server received, kept so tests can assert on what Graph would have been sent. */
export interface RecordedRequest {
  seq: number;
  /** Epoch ms when it arrived. */
  at: number;
  method: string;
  /** Path without query; for batch parts, the sub-request's URL path prefixed with `/v1.0`. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: Buffer;
  /** Parsed JSON body, when it was JSON. */
  json?: unknown;
  target: FaultTarget;
  /** True for sub-requests carried inside a `$batch` (not a round trip of their own). */
  viaBatch: boolean;
  /** Status answered, or `'dropped'` when the connection was cut. */
  status?: number | 'dropped';
}

/** Options for {@link startGraphTestServer}. */
export interface GraphTestServerOptions {
  /** Signer whose tokens are accepted (pass the identity server's). Default: a new one, see `issueToken`. */
  signer?: TestTokenSigner;
  users?: SeedUser[];
  drives?: SeedDrive[];
  teamsApps?: SeedTeamsApp[];
  /** Exchange RBAC for Applications: mailboxes each app id may reach. */
  mailboxScopes?: Record<string, string[]>;
  /** Shared mailboxes each user id may send as. */
  sendAs?: Record<string, string[]>;
  /** Sites.Selected grants: site ids each app id may read and write. */
  siteGrants?: Record<string, string[]>;
  /** Reads before a new Teams meeting's join URL appears (Graph provisions it asynchronously). Default 0. */
  joinUrlDelayReads?: number;
  /** Page size when the client sends no `$top`. Default 10. */
  pageSize?: number;
}

/** A running local Graph. */
export interface GraphTestServer {
  /** `http://127.0.0.1:port`: the Graph root; the API lives under `/v1.0`. */
  baseUrl: string;
  /** Every request received, in arrival order (batch parts follow their batch). */
  requests: RecordedRequest[];
  faults: FaultInjector;
  state: GraphTestState;
  /** Requests that cost a network round trip (batch parts excluded). */
  roundTrips(): number;
  /** Issues a token this server accepts (for tests that do not need MSAL). */
  issueToken(claims: { tenantId: string; appId: string; roles?: string[]; userId?: string; scp?: string[]; lifetimeSeconds?: number }): string;
  close(): Promise<void>;
}

/**
 * Starts a local stand-in for the Microsoft Graph endpoints this product uses, with Graph's
 * documented shapes: status codes, `{"error":{"code","message"}}` bodies, `@odata.nextLink`
 * paging, Outlook upload sessions (`nextExpectedRanges`), `$batch` (20 requests, 4 MB),
 * permission checks from the token's roles/scp, and injectable faults. It binds 127.0.0.1.
 */
export async function startGraphTestServer(options: GraphTestServerOptions = {}): Promise<GraphTestServer> {
  const signer = options.signer ?? new TestTokenSigner();
  const state = new GraphTestState({
    ...(options.users ? { users: options.users } : {}),
    ...(options.drives ? { drives: options.drives } : {}),
    ...(options.teamsApps ? { teamsApps: options.teamsApps } : {}),
  });
  const policy: ServerPolicy = {
    mailboxScopes: options.mailboxScopes ?? {},
    sendAs: options.sendAs ?? {},
    siteGrants: options.siteGrants ?? {},
    joinUrlDelayReads: options.joinUrlDelayReads ?? 0,
    pageSize: options.pageSize ?? 10,
  };
  const faults = new FaultInjector();
  const requests: RecordedRequest[] = [];
  let origin = '';
  let seq = 0;

  const record = (r: Omit<RecordedRequest, 'seq' | 'at'>): RecordedRequest => {
    const full = { seq: ++seq, at: Date.now(), ...r };
    requests.push(full);
    return full;
  };

  const authenticate = (headers: Record<string, string>): Caller | Out => {
    const header = headers.authorization ?? '';
    const token = /^Bearer (.+)$/.exec(header)?.[1];
    if (!token) return fail(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    const claims: TestTokenClaims | undefined = signer.verify(token);
    if (!claims) return fail(401, 'InvalidAuthenticationToken', 'IDX14100: JWT is not well formed, there are no dots (.) or the signature is invalid.');
    if (claims.exp * 1000 <= Date.now()) return fail(401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.');
    if (claims.aud !== 'https://graph.microsoft.com' && claims.aud !== '00000003-0000-0000-c000-000000000000') {
      return fail(401, 'InvalidAuthenticationToken', 'Invalid audience.');
    }
    const isApp = claims.idtyp === 'app';
    return {
      claims,
      isApp,
      appId: claims.appid ?? '',
      ...(isApp ? {} : { userId: claims.oid }),
      permissions: new Set(isApp ? (claims.roles ?? []) : (claims.scp ?? '').split(' ').filter(Boolean)),
    };
  };

  const route = (ctx: Ctx): Out =>
    meetingRoute(ctx) ??
    outlookRoute(ctx) ??
    driveRoute(ctx) ??
    driveWriteRoute(ctx) ??
    teamsRoute(ctx) ??
    fail(400, 'BadRequest', `Resource not found for the segment '${ctx.path.split('/').filter(Boolean).pop() ?? ''}'.`);

  const faultOut = (action: FaultAction & { type: 'status' }): Out => ({
    status: action.status,
    body: graphErrorBody(
      action.code ?? (action.status === 429 ? 'TooManyRequests' : action.status === 503 ? 'ServiceNotAvailable' : 'InternalServerError'),
      action.message ?? (action.status === 429 ? 'Too many requests, please retry after the time given in Retry-After.' : 'The service is temporarily unavailable.'),
    ),
    headers: action.retryAfterSeconds !== undefined ? { 'Retry-After': String(action.retryAfterSeconds) } : {},
  });

  const batch = (caller: Caller, headers: Record<string, string>, json: unknown, parent: RecordedRequest): Out => {
    if (!isObject(json) || !Array.isArray(json.requests)) return fail(400, 'BadRequest', 'Invalid batch payload format.');
    const steps = json.requests as unknown[];
    if (steps.length === 0) return fail(400, 'BadRequest', 'The batch request must contain at least one request.');
    if (steps.length > MAX_BATCH_REQUESTS) return fail(400, 'BadRequest', `Number of batch requests cannot exceed ${MAX_BATCH_REQUESTS}.`);
    const ids = new Set<string>();
    for (const s of steps) {
      if (!isObject(s) || typeof s.id !== 'string' || typeof s.method !== 'string' || typeof s.url !== 'string') {
        return fail(400, 'BadRequest', 'Each batch request needs a string id, method and url.');
      }
      if (ids.has(s.id)) return fail(400, 'BadRequest', `Batch request contains duplicate request id ${s.id}.`);
      ids.add(s.id);
      if (/^https?:/i.test(s.url)) return fail(400, 'BadRequest', `Invalid request URL for request id ${s.id}: batch URLs are relative, like /me/events.`);
      const stepHeaders = isObject(s.headers) ? s.headers : {};
      const hasContentType = Object.keys(stepHeaders).some((k) => k.toLowerCase() === 'content-type');
      if (s.body !== undefined && !hasContentType) {
        return fail(400, 'BadRequest', `Write request id : ${s.id} does not contain Content-Type header or body.`);
      }
    }
    const results = new Map<string, number>();
    const responses: Record<string, unknown>[] = [];
    for (const raw of steps as Record<string, unknown>[]) {
      const id = String(raw.id);
      const method = String(raw.method).toUpperCase();
      const url = new URL(String(raw.url).replace(/^\/?/, '/'), 'http://batch.local');
      const stepHeaders = Object.fromEntries(Object.entries(isObject(raw.headers) ? raw.headers : {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
      const body = raw.body;
      const rec = record({
        method,
        path: `/v1.0${url.pathname}`,
        query: url.searchParams,
        headers: stepHeaders,
        body: Buffer.from(body === undefined ? '' : JSON.stringify(body)),
        ...(body !== undefined ? { json: body } : {}),
        target: 'batch-part',
        viaBatch: true,
      });
      const dependsOn = Array.isArray(raw.dependsOn) ? raw.dependsOn.map(String) : [];
      let out: Out;
      if (dependsOn.some((d) => (results.get(d) ?? 0) >= 400 || !results.has(d))) {
        out = fail(424, 'FailedDependency', 'Dependent request failed or was not executed.');
      } else if (url.pathname === '/$batch') {
        out = fail(400, 'BadRequest', 'Nested batch requests are not supported.');
      } else {
        const fault = faults.take('batch-part', method, url.pathname);
        out =
          fault?.type === 'status'
            ? faultOut(fault)
            : route({ method, path: url.pathname, query: url.searchParams, headers: { ...headers, ...stepHeaders }, json: body, caller, origin, state, policy });
      }
      rec.status = out.status;
      results.set(id, out.status);
      const outHeaders: Record<string, string> = { ...(out.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...out.headers };
      responses.push({ id, status: out.status, headers: outHeaders, ...(out.body !== undefined ? { body: out.body } : {}) });
    }
    parent.status = 200;
    // Graph may answer in any order; reversing makes sure clients match by id.
    return { status: 200, body: { responses: responses.reverse() } };
  };

  const upload = async (req: IncomingMessage, res: ServerResponse, socket: Socket, url: URL, headers: Record<string, string>, rec: RecordedRequest, fault: FaultAction | undefined): Promise<void> => {
    const sessionId = url.pathname.slice('/upload/'.length);
    const session = state.uploadSessions.get(sessionId);
    const body = (await readBody(req, MAX_CHUNK_BYTES + 1)) ?? Buffer.alloc(MAX_CHUNK_BYTES + 1);
    rec.body = body;
    const answer = (status: number, payload?: unknown, extra: Record<string, string> = {}) => {
      if (fault?.type === 'drop' && fault.afterCommit) {
        rec.status = 'dropped';
        socket.destroy();
        return;
      }
      rec.status = status;
      if (payload === undefined) sendEmpty(res, status, extra);
      else sendJson(res, status, payload, extra);
    };
    if (!session || session.expiresAt < Date.now()) {
      answer(404, graphErrorBody('ErrorItemNotFound', 'The upload session was not found or has expired.'));
      return;
    }
    if (url.searchParams.get('authtoken') !== session.authtoken) {
      answer(401, graphErrorBody('InvalidAuthenticationToken', 'The authtoken in the upload URL is missing or wrong.'));
      return;
    }
    if (headers.authorization) {
      answer(401, graphErrorBody('InvalidAudienceForResource', 'Do not send an Authorization header to an upload URL: it is pre-authenticated.'));
      return;
    }
    const status = () =>
      session.parentKind === 'drive'
        ? { expirationDateTime: new Date(session.expiresAt).toISOString(), nextExpectedRanges: [`${session.offset}-`] }
        : {
            '@odata.context': `${origin}/api/v2.0/$metadata#Microsoft.OutlookServices.UploadSession`,
            ExpirationDateTime: new Date(session.expiresAt).toISOString(),
            NextExpectedRanges: [String(session.offset)],
          };
    if (req.method === 'GET') {
      answer(200, status());
      return;
    }
    if (req.method === 'DELETE') {
      state.uploadSessions.delete(sessionId);
      answer(204);
      return;
    }
    if (req.method !== 'PUT') {
      answer(405, graphErrorBody('MethodNotAllowed', 'Upload URLs accept PUT, GET and DELETE.'));
      return;
    }
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(headers['content-range'] ?? '');
    if (!range) {
      answer(400, graphErrorBody('InvalidContentRange', "Content-Range must be 'bytes {start}-{end}/{total}'."));
      return;
    }
    const start = Number(range[1]);
    const end = Number(range[2]);
    const total = Number(range[3]);
    if (body.length > MAX_CHUNK_BYTES) {
      answer(413, graphErrorBody('RequestEntityTooLarge', `A chunk may be at most ${MAX_CHUNK_BYTES} bytes.`));
      return;
    }
    if (total !== session.size) {
      answer(400, graphErrorBody('InvalidContentRange', `The total size ${total} does not match the session's ${session.size}.`));
      return;
    }
    if (start !== session.offset) {
      answer(416, graphErrorBody('InvalidRange', `The range starts at ${start} but the next expected byte is ${session.offset}.`));
      return;
    }
    if (end < start || end >= total || body.length !== end - start + 1) {
      answer(400, graphErrorBody('InvalidContentRange', `Content-Range ${start}-${end} does not match the ${body.length} bytes sent.`));
      return;
    }
    session.received.push(body);
    session.offset += body.length;
    if (session.offset < session.size) {
      answer(200, status());
      return;
    }
    state.uploadSessions.delete(sessionId);
    if (session.parentKind === 'drive') {
      // OneDrive answers the last chunk with the new driveItem itself, not a Location.
      const stored = state.putItem(session.mailbox, session.parentId, session.name, { content: Buffer.concat(session.received), mimeType: 'application/octet-stream' }, session.conflictBehavior ?? 'replace');
      if (stored === 'conflict') answer(409, graphErrorBody('nameAlreadyExists', 'The specified item name already exists.'));
      else answer(201, itemJson({ state, origin } as Parameters<typeof itemJson>[0], stored));
      return;
    }
    const parent =
      session.parentKind === 'events'
        ? state.eventsOf(session.mailbox).get(session.parentId)
        : state.messagesOf(session.mailbox).get(session.parentId);
    const attachmentId = `AAMkAtt${sessionId.replace(/-/g, '')}`;
    parent?.attachments.set(attachmentId, {
      id: attachmentId,
      name: session.name,
      contentType: session.contentType,
      content: Buffer.concat(session.received),
      lastModifiedDateTime: new Date().toISOString(),
    });
    const kind = session.parentKind === 'events' ? 'Events' : 'Messages';
    answer(201, undefined, { Location: `${origin}/api/v2.0/Users('${session.mailbox}')/${kind}('${session.parentId}')/Attachments('${attachmentId}')` });
  };

  const download = (res: ServerResponse, url: URL, rec: RecordedRequest): void => {
    const itemId = state.downloads.get(url.pathname.slice('/download/'.length));
    const item = itemId ? state.driveItems.get(itemId) : undefined;
    if (!item) {
      rec.status = 404;
      sendJson(res, 404, graphErrorBody('itemNotFound', 'The download URL is not valid.'));
      return;
    }
    rec.status = 200;
    res.writeHead(200, { 'Content-Type': item.mimeType || 'application/octet-stream', 'Content-Length': String(item.content.length) });
    res.end(item.content);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // Kept now: once the body stream is abandoned, req.socket is detached.
    const socket = req.socket;
    const url = new URL(req.url ?? '/', origin);
    const method = (req.method ?? 'GET').toUpperCase();
    const headers = headersOf(req);
    const target: FaultTarget = url.pathname.startsWith('/upload/') ? 'upload' : url.pathname.startsWith('/download/') ? 'download' : 'graph';
    const rec = record({ method, path: url.pathname, query: url.searchParams, headers, body: Buffer.alloc(0), target, viaBatch: false });
    const fault = faults.take(target, method, url.pathname);
    if (fault?.type === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (fault?.type === 'drop' && !fault.afterCommit) {
      let seen = 0;
      const limit = fault.afterBodyBytes ?? 0;
      if (seen < limit) {
        for await (const chunk of req) {
          seen += (chunk as Buffer).length;
          if (seen >= limit) break;
        }
      }
      rec.status = 'dropped';
      socket.destroy();
      return;
    }
    if (fault?.type === 'status') {
      await readBody(req);
      const out = faultOut(fault);
      rec.status = out.status;
      sendJson(res, out.status, out.body, out.headers);
      return;
    }
    if (target === 'upload') return upload(req, res, socket, url, headers, rec, fault);
    if (target === 'download') return download(res, url, rec);

    const body = await readBody(req, MAX_REQUEST_BYTES);
    let out: Out;
    if (!body) {
      out = fail(413, 'RequestEntityTooLarge', `The request body exceeds the maximum of ${MAX_REQUEST_BYTES} bytes.`);
    } else if (!url.pathname.startsWith('/v1.0/')) {
      out = fail(400, 'BadRequest', 'Invalid version: the test Graph serves /v1.0 only.');
    } else {
      rec.body = body;
      let json: unknown;
      let parseError = false;
      // File content (a simple upload) is not JSON; only JSON bodies are parsed.
      const contentType = headers['content-type'] ?? '';
      if (body.length > 0 && (contentType === '' || contentType.includes('json'))) {
        try {
          json = JSON.parse(body.toString('utf8'));
          rec.json = json;
        } catch {
          parseError = true;
        }
      }
      const caller = authenticate(headers);
      const path = url.pathname.slice('/v1.0'.length);
      if ('status' in caller) out = caller;
      else if (parseError) out = fail(400, 'UnableToDeserializePostBody', 'Were unable to deserialize the request body as JSON.');
      else if (path === '/$batch' && method === 'POST') out = batch(caller, headers, json, rec);
      else out = route({ method, path, query: url.searchParams, headers, json, raw: body, caller, origin, state, policy });
    }
    if (fault?.type === 'drop' && fault.afterCommit) {
      rec.status = 'dropped';
      socket.destroy();
      return;
    }
    rec.status = out.status;
    if (out.body === undefined) sendEmpty(res, out.status, out.headers);
    else sendJson(res, out.status, out.body, out.headers);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, graphErrorBody('InternalServerError', error instanceof Error ? error.message : 'test server failure'));
    });
  });
  // Graph keeps idle connections open far longer than Node's default 5 s. On a loaded machine a
  // client's timer can fire late and reuse a socket this server has just closed: a POST then
  // fails as "outcome unknown", which real Graph would not cause.
  server.keepAliveTimeout = 65_000;
  origin = await listenLocal(server);
  return {
    baseUrl: origin,
    requests,
    faults,
    state,
    roundTrips: () => requests.filter((r) => !r.viaBatch).length,
    issueToken(claims) {
      const isApp = claims.userId === undefined;
      return signer.sign(
        {
          aud: 'https://graph.microsoft.com',
          iss: `https://sts.windows.net/${claims.tenantId}/`,
          tid: claims.tenantId,
          oid: claims.userId ?? `sp-${claims.appId}`,
          appid: claims.appId,
          idtyp: isApp ? 'app' : 'user',
          ...(isApp ? { roles: claims.roles ?? [] } : { scp: (claims.scp ?? []).join(' ') }),
        },
        claims.lifetimeSeconds ?? 3600,
      );
    },
    close: () => closeServer(server),
  };
}
