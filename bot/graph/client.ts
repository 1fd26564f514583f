import { Client, type Middleware, RedirectHandler } from '@microsoft/microsoft-graph-client';
import { type Logger, silentLogger } from '../log/logger';
import type { AccessToken, TokenBroker } from '../identity/tokenBroker';
import { type CallerContext, GraphCallError, type GraphOperation, toCallError } from './errors';
import { FetchTransport, GraphAuthMiddleware, ThrottleRetryMiddleware, type TokenSource } from './middleware';
import { type RetryOptions, type RetryPolicy, retryPolicy } from './retry';

/** Settings for {@link createGraphClient}. */
export interface GraphClientOptions {
  /** Returns a Graph token for every request (a broker caches it). */
  tokens: TokenSource;
  /** Who is calling: decides which permission a 403 names. */
  caller: CallerContext;
  /** Graph root. Default `https://graph.microsoft.com`; tests give the local server. */
  baseUrl?: string;
  /** API version. Default `v1.0`. */
  version?: string;
  /** fetch to send with. Default the global one. */
  fetch?: typeof fetch;
  /** Wait for response headers per attempt, ms. Default 30 s. */
  timeoutMs?: number;
  retry?: RetryOptions;
  logger?: Logger;
}

/** A Graph client bound to one caller, plus what the product's functions need around it. */
export interface GraphClient {
  /** The Microsoft Graph SDK client (`sdk.api(path)...`). */
  readonly sdk: Client;
  /** `${baseUrl}/${version}`, e.g. `https://graph.microsoft.com/v1.0`. */
  readonly root: string;
  readonly origin: string;
  readonly caller: CallerContext;
  readonly policy: RetryPolicy;
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
  readonly logger: Logger;
  /**
   * A URL Graph returned (e.g. `@odata.nextLink`) as a path the SDK accepts. Refuses URLs
   * outside this Graph root, so a response can never redirect our token elsewhere.
   */
  relativePath(url: string, op: GraphOperation): string;
  /** Runs one SDK call, turning failures into `GraphCallError` / `IdentityError`. */
  call<T>(op: GraphOperation, run: (sdk: Client) => Promise<T>): Promise<T>;
}

/**
 * Builds a Graph client on `@microsoft/microsoft-graph-client` with our middleware chain:
 * token by origin -> throttling/retry -> the SDK's RedirectHandler -> fetch with a timeout.
 *
 * @example createGraphClient({ tokens: async () => token, caller: { mode: 'app', tenantId } })
 */
export function createGraphClient(options: GraphClientOptions): GraphClient {
  const baseUrl = (options.baseUrl ?? 'https://graph.microsoft.com').replace(/\/+$/, '');
  const version = options.version ?? 'v1.0';
  const origin = new URL(baseUrl).origin;
  const root = `${baseUrl}/${version}`;
  const logger = options.logger ?? silentLogger;
  const policy = retryPolicy(options.retry);
  const fetchImpl = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const chain: Middleware[] = [
    new GraphAuthMiddleware(origin, options.tokens),
    new ThrottleRetryMiddleware(policy, logger),
    new RedirectHandler(),
    new FetchTransport(fetchImpl, timeoutMs),
  ];
  const sdk = Client.initWithMiddleware({ baseUrl, defaultVersion: version, middleware: chain });
  return {
    sdk,
    root,
    origin,
    caller: options.caller,
    policy,
    fetch: fetchImpl,
    timeoutMs,
    logger,
    relativePath(url, op) {
      if (!url.startsWith(`${root}/`)) {
        throw new GraphCallError('graph-invalid-response', `Microsoft Graph returned a link outside ${root} while trying to ${op.name}; refusing to follow it.`, {
          operation: op.name,
        });
      }
      return url.slice(root.length);
    },
    async call(op, run) {
      try {
        return await run(sdk);
      } catch (error) {
        throw toCallError(error, op, options.caller);
      }
    },
  };
}

/** Options shared by the broker-backed constructors. */
export type BrokeredClientOptions = Omit<GraphClientOptions, 'tokens' | 'caller'>;

/** A client acting as the app itself in `tenantId` (scheduled work). */
export function appGraphClient(broker: TokenBroker, tenantId: string, options: BrokeredClientOptions = {}): GraphClient {
  return createGraphClient({
    ...options,
    tokens: async () => (await broker.appToken(tenantId)).token,
    caller: { mode: 'app', tenantId, adminConsentUrl: broker.adminConsentUrl(tenantId) },
  });
}

/** A client acting as the signed-in user whose token the add-in or tab sent (on-behalf-of). */
export function userGraphClient(broker: TokenBroker, userToken: string, tenantId: string, options: BrokeredClientOptions = {}): GraphClient {
  const exchange = (): Promise<AccessToken> => broker.onBehalfOf({ userToken, tenantId });
  return createGraphClient({
    ...options,
    tokens: async () => (await exchange()).token,
    caller: { mode: 'delegated', tenantId, adminConsentUrl: broker.adminConsentUrl(tenantId) },
  });
}
