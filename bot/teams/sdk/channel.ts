import { App, type HttpRouteHandler, type IHttpServerAdapter } from '@microsoft/teams.apps';
import { type IToken, PUBLIC, withOverrides } from '@microsoft/teams.api';
import type { Logger } from '../../log/logger';
import type { OutgoingMessage } from './outgoing';
import { toSdkActivity } from './outgoing';
import { sdkLogger } from './sdkLogger';

/**
 * The Teams SDK v2 (`@microsoft/teams.apps` 2.1.0) behind one narrow seam. The SDK's `App`
 * checks channel tokens (`InboundActivityTokenValidator`: issuer, audience, signing keys,
 * expiry, `serviceurl` claim), builds the turn, and gives us its Bot Connector client; our
 * express service keeps the HTTP side: the SDK's `httpServerAdapter` option takes any
 * `IHttpServerAdapter`, and {@link RouteSeam} is one that only remembers the handler the SDK
 * registers, so `/api/messages` lives on the service's own port (teams.ts
 * `packages/apps/src/http/adapter.ts`).
 *
 * Nothing outside `bot/teams/sdk/` imports `@microsoft/teams.*`: the bot works on
 * {@link InboundTurn} and {@link ConversationSender}.
 */

/** Where replies and proactive messages go: a conversation on a Bot Connector. */
export interface ConversationAddress {
  serviceUrl: string;
  conversationId: string;
}

/** Sends to and updates activities in a conversation (the Bot Connector REST API). */
export interface ConversationSender {
  send(to: ConversationAddress, message: OutgoingMessage): Promise<{ id: string }>;
  update(to: ConversationAddress, activityId: string, message: OutgoingMessage): Promise<void>;
}

/** One authenticated activity, as the SDK delivered it (still unparsed: the bot parses it once). */
export interface InboundTurn {
  activity: unknown;
}

/** What a turn answers: nothing (200), or an invoke response (`{ status, body }`). */
export type TurnAnswer = { status: number; body?: unknown } | undefined;

export type TurnHandler = (turn: InboundTurn) => Promise<TurnAnswer>;

export interface ChannelOptions {
  /** The Azure Bot's app id; empty in local development (no tokens checked or sent). */
  clientId: string;
  clientSecret?: string | undefined;
  tenantId?: string | undefined;
  openIdMetadataUrl: string;
  tokenIssuer: string;
  /**
   * The bot's outbound token, instead of client credentials (tests and benchmarks, whose
   * connector stand-in accepts any JWT-shaped string). A secret, when given, wins.
   */
  outboundToken?: (() => Promise<string>) | undefined;
  logger: Logger;
}

/** A request to `/api/messages` as the service received it. */
export interface ChannelRequest {
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  /**
   * Development only: the caller is on the loopback interface and no token is expected
   * (Agents Playground). The SDK's seam for transports that authenticate themselves.
   */
  trustedLocal: boolean;
}

export interface TeamsChannel extends ConversationSender {
  handle(request: ChannelRequest): Promise<{ status: number; body?: unknown }>;
}

/** The SDK registers its messaging route here; we call it from express. */
class RouteSeam implements IHttpServerAdapter {
  handler: HttpRouteHandler | undefined;
  registerRoute(_method: 'POST', path: string, handler: HttpRouteHandler): void {
    if (path === MESSAGES) this.handler = handler;
  }
}

const MESSAGES = '/api/messages';
const MAX_CONNECTOR_CLIENTS = 32;

/** Builds the SDK app around `onTurn` and initialises it (no listening: express does that). */
export async function createTeamsChannel(options: ChannelOptions, onTurn: TurnHandler): Promise<TeamsChannel> {
  const seam = new RouteSeam();
  // Every option is passed explicitly, even empty: the SDK falls back to CLIENT_ID,
  // CLIENT_SECRET, TENANT_ID, SERVICE_URL, CLOUD and DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS
  // from the environment, and this service reads its settings only in bot/config/env.ts.
  const app = new App({
    clientId: options.clientId,
    clientSecret: options.clientSecret ?? '',
    tenantId: options.tenantId ?? '',
    managedIdentityClientId: options.clientId,
    ...(options.outboundToken && !options.clientSecret ? { token: options.outboundToken } : {}),
    cloud: withOverrides(PUBLIC, { openIdMetadataUrl: options.openIdMetadataUrl, tokenIssuer: options.tokenIssuer }),
    httpServerAdapter: seam,
    messagingEndpoint: MESSAGES,
    serviceUrl: 'https://smba.trafficmanager.net/teams',
    dangerouslyAllowUnauthenticatedRequests: false,
    activity: { mentions: { stripText: true } },
    // Without a client id the SDK warns it will reject everything; in local development
    // the loopback seam below is what accepts requests, so that warning misleads.
    logger: sdkLogger(options.logger, 'teams-sdk', options.clientId ? [] : [/^No credentials configured/]),
    state: false,
  });
  // One catch-all route: the bot routes by itself (on the Action.Execute `verb`, which real
  // Teams requires, rather than the SDK's `data.action`). The SDK types this route's result
  // as void but returns any truthy result as the turn's response (app.process.ts `next`).
  app.on('activity', async (ctx) => (await onTurn({ activity: ctx.activity })) as unknown as undefined);
  await app.initialize();
  const handler = seam.handler;
  if (!handler) throw new Error(`The Teams SDK did not register ${MESSAGES}; its HttpServer contract has changed (check @microsoft/teams.apps).`);

  // One Bot Connector client per service URL, kept: the SDK's `fromServiceUrl` builds a new
  // HTTP client (an axios instance, its middleware, its token provider) on every call, which
  // was a sixth of a "my reviews" turn's CPU. Teams uses a handful of regional service URLs;
  // the bound only stops a stream of odd ones from growing the map.
  const clients = new Map<string, ReturnType<typeof app.api.fromServiceUrl>>();
  const client = (serviceUrl: string) => {
    let found = clients.get(serviceUrl);
    if (!found) {
      if (clients.size >= MAX_CONNECTOR_CLIENTS) clients.delete(clients.keys().next().value as string);
      found = app.api.fromServiceUrl({ serviceUrl });
      clients.set(serviceUrl, found);
    }
    return found;
  };
  return {
    async handle(request) {
      const body = request.body as { serviceUrl?: unknown } | null;
      if (request.trustedLocal) {
        const serviceUrl = typeof body?.serviceUrl === 'string' ? body.serviceUrl : '';
        const token: IToken = { appId: '', from: 'azure', fromId: '', serviceUrl, isExpired: () => false };
        return handler({ body: request.body, headers: flatHeaders(request.headers), token });
      }
      if (!options.clientId) return { status: 401, body: { error: 'The bot is not configured to accept channel tokens: set BOT_CLIENT_ID.' } };
      const refusal = precheck(request, options.tokenIssuer);
      if (refusal) return { status: 401, body: { error: refusal } };
      return handler({ body: request.body, headers: flatHeaders(request.headers) });
    },
    async send(to, message) {
      const sent = await client(to.serviceUrl).conversations.createActivity(to.conversationId, toSdkActivity(message));
      return { id: sent.id };
    },
    async update(to, activityId, message) {
      await client(to.serviceUrl).conversations.updateActivity(to.conversationId, activityId, toSdkActivity(message));
    },
  };
}

/**
 * Checks the SDK leaves to its caller. It sends a token whose issuer starts with the Entra
 * login host down its Agent 365 path, which checks no `serviceurl`; it skips the `serviceurl`
 * check when the activity names no serviceUrl; and jsonwebtoken accepts a token without
 * `exp`. A Teams bot takes Bot Framework channel tokens only, for activities that say
 * where to reply, that expire.
 */
function precheck(request: ChannelRequest, tokenIssuer: string): string | undefined {
  const body = request.body as { serviceUrl?: unknown } | null;
  if (typeof body?.serviceUrl !== 'string' || !body.serviceUrl) return 'The activity has no serviceUrl to check the token against.';
  const header = request.headers.authorization;
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return 'Missing authorization header.';
  const claims = unverifiedClaims(value.replace(/^Bearer\s+/i, ''));
  if (!claims) return 'The authorization header does not carry a JWT.';
  if (claims.iss !== tokenIssuer) return 'The token was not issued by the Bot Framework channel.';
  if (typeof claims.exp !== 'number') return 'The token has no expiry.';
  return undefined;
}

function unverifiedClaims(token: string): Record<string, unknown> | undefined {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return claims && typeof claims === 'object' ? claims : undefined;
  } catch {
    return undefined;
  }
}

function flatHeaders(headers: ChannelRequest['headers']): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(headers).filter((e): e is [string, string | string[]] => e[1] !== undefined));
}
