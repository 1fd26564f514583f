import { createHash } from 'node:crypto';
import { type AuthenticationResult, ConfidentialClientApplication, type Configuration, LogLevel } from '@azure/msal-node';
import { z } from 'zod';
import { classifyAuthFailure } from './classifyAuthFailure';
import { IdentityError } from './errors';
import { type Logger, silentLogger } from '../log/logger';
import { FetchNetworkModule } from './networkModule';
import { permissionNames } from './permissions';
import { redactText } from '../log/redact';
import { TokenCache, type TokenCacheOptions } from './tokenCache';
import { readUserTokenClaims } from './userTokenClaims';

/** The Graph resource's default scope: every permission the tenant has consented to. */
export const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';

/** Settings for {@link TokenBroker}; the service's config module fills these from its environment. */
export interface TokenBrokerOptions {
  /** Application (client) id of the multi-tenant app registration. */
  clientId?: string;
  /** Client secret; give this or `clientCertificate`. */
  clientSecret?: string;
  /** Certificate credential (preferred in production): PEM private key and SHA-256 thumbprint. */
  clientCertificate?: { thumbprintSha256: string; privateKey: string; x5c?: string };
  /** Sign-in authority host. Default `https://login.microsoftonline.com`. */
  authorityHost?: string;
  /** Scopes for app-only tokens. Default `[GRAPH_DEFAULT_SCOPE]`. */
  appScopes?: string[];
  /** Scopes for on-behalf-of tokens. Default `[GRAPH_DEFAULT_SCOPE]`. */
  delegatedScopes?: string[];
  /** fetch used to reach Entra ID (MSAL's `networkClient`). Default the global fetch. */
  fetch?: typeof fetch;
  /**
   * Extra audiences accepted on user tokens for on-behalf-of (an Application ID URI that does
   * not end in the client id). The client id and any URI ending in `/{clientId}` always pass.
   */
  userTokenAudiences?: string[];
  /** Timeout for each request to Entra ID, ms. Default 10 s. */
  networkTimeoutMs?: number;
  logger?: Logger;
  /** How much of MSAL's own logging to pass on (never PII). Default `warning`. */
  msalLogLevel?: 'error' | 'warning' | 'info' | 'verbose';
  /** How long an administrator-side failure for one tenant is remembered, ms. Default 60 s. */
  tenantFailureCooldownMs?: number;
  /** The on-behalf-of token cache (app tokens are MSAL's own to cache). */
  cache?: TokenCacheOptions;
  /** Clock in epoch ms. */
  now?: () => number;
}

/** An access token for Graph; never log `token` (loggers redact the field anyway). */
export interface AccessToken {
  readonly token: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
  readonly tenantId: string;
  readonly kind: 'app' | 'on-behalf-of';
}

/** An on-behalf-of exchange request. */
export interface OnBehalfOfRequest {
  /** The user's access token for this app, as sent by the add-in or tab. */
  userToken: string;
  /** The organisation being acted on; must match the token's `tid`. Default: the token's tenant. */
  tenantId?: string;
  /** Default: the broker's `delegatedScopes`. */
  scopes?: string[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{4,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;
const SHARED_TENANTS = new Set(['common', 'organizations', 'consumers']);

const optionsSchema = z
  .object({
    clientId: z
      .string({ error: 'clientId is missing: set the app registration’s Application (client) ID' })
      .regex(GUID, 'clientId must be the app registration’s Application (client) ID, a GUID'),
    clientSecret: z.string().min(1).optional(),
    clientCertificate: z
      .object({ thumbprintSha256: z.string().regex(/^[0-9a-f]{64}$/i), privateKey: z.string().min(1) })
      .passthrough()
      .optional(),
    authorityHost: z
      .string()
      .url()
      .refine((u) => u.startsWith('https://'), 'authorityHost must be an https:// URL')
      .optional(),
  })
  .refine((o) => o.clientSecret !== undefined || o.clientCertificate !== undefined, {
    message: 'no credential: set a client secret or a client certificate for the app registration',
    path: ['clientSecret'],
  });

interface TenantEntry {
  app: ConfidentialClientApplication;
  network: FetchNetworkModule;
  exchangesSinceClear: number;
  failure?: { error: IdentityError; until: number };
}

/** After this many OBO exchanges in one tenant, MSAL's own per-assertion cache is emptied. */
const MSAL_CACHE_CLEAR_EVERY = 500;

/**
 * Acquires Microsoft Graph tokens for many tenants: app-only (client credentials) for
 * scheduled work and on-behalf-of for requests from the add-in or tab.
 *
 * One MSAL `ConfidentialClientApplication` per tenant, so a tenant that is misconfigured,
 * unconsented or unknown fails on its own while the others carry on; its administrator-side
 * failure is remembered for a short cooldown so a broken tenant does not hammer Entra ID.
 * App-only tokens are cached by MSAL itself (per tenant and scopes, renewed five minutes
 * before expiry). On-behalf-of tokens are cached here, per user token and scopes: MSAL's
 * cache finds one only when Entra ID's reply names the scope asked for, and a `.default`
 * request is answered with the permissions it stands for, so MSAL would exchange every time.
 * Concurrent first requests for one token share one exchange. Tokens are never logged.
 */
export class TokenBroker {
  private readonly tenants = new Map<string, TenantEntry>();
  private readonly cache: TokenCache;
  /** App-token requests under way, so concurrent callers share one (MSAL caches the result). */
  private readonly appInFlight = new Map<string, Promise<AccessToken>>();
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly problem: IdentityError | undefined;
  private readonly clientId: string;
  private readonly authorityHost: string;

  constructor(private readonly options: TokenBrokerOptions) {
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? Date.now;
    this.cache = new TokenCache({ now: this.now, ...options.cache });
    this.clientId = options.clientId ?? '';
    this.authorityHost = (options.authorityHost ?? 'https://login.microsoftonline.com').replace(/\/+$/, '');
    const parsed = optionsSchema.safeParse(options);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`).join('; ');
      this.problem = new IdentityError(
        'not-configured',
        `Microsoft Graph access is not configured (${issues}). Register a multi-tenant app in Entra ID and give the service its client id and a secret or certificate.`,
      );
      this.logger.error('identity not configured', { code: this.problem.code, reason: issues });
    }
  }

  /** The configuration error every acquisition will fail with, if any (for health checks). */
  get configurationProblem(): IdentityError | undefined {
    return this.problem;
  }

  /** Where an administrator of `tenantId` grants the app's permissions. */
  adminConsentUrl(tenantId: string): string {
    return `${this.authorityHost}/${encodeURIComponent(tenantId)}/adminconsent?client_id=${encodeURIComponent(this.clientId)}`;
  }

  /**
   * An app-only token for acting in `tenantId` (client credentials).
   *
   * @throws IdentityError `not-configured`, `consent-missing`, `wrong-tenant`, `identity-unavailable`, `token-failed`
   * @example await broker.appToken('7f0c…') // { token, expiresAt, tenantId: '7f0c…', kind: 'app' }
   */
  async appToken(tenantId: string, scopes: string[] = this.options.appScopes ?? [GRAPH_DEFAULT_SCOPE]): Promise<AccessToken> {
    this.assertConfigured();
    const tenant = checkTenantId(tenantId);
    const key = TokenCache.key({ tenantId: tenant, subject: 'app', scopes });
    const pending = this.appInFlight.get(key);
    if (pending) return pending;
    const started = this.exchange(tenant, 'app', (app) => app.acquireTokenByClientCredential({ scopes })).finally(() => this.appInFlight.delete(key));
    this.appInFlight.set(key, started);
    return started;
  }

  /**
   * Exchanges the user's token for a Graph token in the user's tenant (on-behalf-of).
   *
   * @throws IdentityError `invalid-user-token`, `user-token-expired`, `wrong-tenant`, `consent-missing`, `interaction-required`, ...
   */
  async onBehalfOf(request: OnBehalfOfRequest): Promise<AccessToken> {
    this.assertConfigured();
    const claims = readUserTokenClaims(request.userToken);
    const tenant = checkTenantId(request.tenantId ?? claims.tenantId);
    if (tenant.toLowerCase() !== claims.tenantId.toLowerCase()) {
      throw new IdentityError(
        'wrong-tenant',
        `The signed-in user belongs to tenant ${claims.tenantId}, not ${tenant}; the add-in can act only in the user's own organisation.`,
        { tenantId: tenant },
      );
    }
    if (claims.expiresAt !== undefined && claims.expiresAt * 1000 <= this.now()) {
      throw new IdentityError('user-token-expired', 'The sign-in token sent by the add-in or tab has expired; sign in again and retry.', {
        tenantId: tenant,
      });
    }
    if (!this.acceptsAudience(claims.audience)) {
      throw new IdentityError(
        'invalid-user-token',
        `The sign-in token sent by the add-in or tab was issued for "${claims.audience ?? 'no audience'}", not for this app (${this.clientId}); the add-in must request a token for this app's API.`,
        { tenantId: tenant },
      );
    }
    const scopes = request.scopes ?? this.options.delegatedScopes ?? [GRAPH_DEFAULT_SCOPE];
    // Keyed by the assertion itself as well as the user: the claims were read without checking
    // the signature, so a cached Graph token is only handed back for the very same user token.
    const assertion = createHash('sha256').update(request.userToken).digest('base64url');
    const key = TokenCache.key({ tenantId: tenant, subject: `user:${claims.objectId}:${assertion}`, scopes });
    // A tenant's remembered failure refuses even a cached token, as for app tokens.
    const failure = this.tenants.get(tenant.toLowerCase())?.failure;
    if (failure && failure.until > this.now()) throw failure.error;
    const cached = await this.cache.getOrFetch(key, async () => {
      const fresh = await this.exchange(tenant, 'on-behalf-of', (app) => app.acquireTokenOnBehalfOf({ oboAssertion: request.userToken, scopes }));
      return { token: fresh.token, expiresAt: fresh.expiresAt };
    });
    return { token: cached.token, expiresAt: cached.expiresAt, tenantId: tenant, kind: 'on-behalf-of' };
  }

  /** Forgets a tenant's cached tokens, remembered failure and MSAL state (e.g. after an admin consents). */
  forget(tenantId: string): void {
    this.tenants.delete(tenantId.toLowerCase());
    this.cache.forgetTenant(tenantId);
  }

  private acceptsAudience(audience: string | undefined): boolean {
    if (audience === undefined) return false;
    const a = audience.toLowerCase();
    const id = this.clientId.toLowerCase();
    return a === id || a.endsWith(`/${id}`) || (this.options.userTokenAudiences ?? []).some((x) => x.toLowerCase() === a);
  }

  private assertConfigured(): void {
    if (this.problem) throw this.problem;
  }

  /** One call to MSAL (which may answer from its own cache), with failures classified and remembered. */
  private async exchange(
    tenantId: string,
    flow: AccessToken['kind'],
    call: (app: ConfidentialClientApplication) => Promise<AuthenticationResult | null>,
  ): Promise<AccessToken> {
    const entry = this.tenantEntry(tenantId);
    if (entry.failure && entry.failure.until > this.now()) throw entry.failure.error;
    let result: AuthenticationResult | null;
    try {
      result = await call(entry.app);
      if (!result?.accessToken) {
        throw new IdentityError('token-failed', `Entra ID returned no access token for tenant ${tenantId}.`, { tenantId });
      }
    } catch (error) {
      const failure = classifyAuthFailure(error, {
        tenantId,
        clientId: this.clientId,
        flow: flow === 'app' ? 'app' : 'on-behalf-of',
        adminConsentUrl: this.adminConsentUrl(tenantId),
        permissions: permissionNames(flow === 'app' ? 'application' : 'delegated'),
        ...(entry.network.lastDiscoveryFailure ? { discoveryFailure: entry.network.lastDiscoveryFailure } : {}),
      });
      const tenantLevel =
        failure.code === 'wrong-tenant' ||
        failure.code === 'not-configured' ||
        (flow === 'app' && failure.code === 'consent-missing');
      if (tenantLevel) {
        entry.failure = { error: failure, until: this.now() + (this.options.tenantFailureCooldownMs ?? 60_000) };
      }
      this.logger.warn('token acquisition failed', {
        tenantId,
        flow,
        code: failure.code,
        aadCode: failure.details.aadCode,
        correlationId: failure.details.correlationId,
      });
      throw failure;
    }
    entry.failure = undefined;
    const expiresAt = result.expiresOn ? result.expiresOn.getTime() : this.now() + 60 * 60_000;
    if (!result.fromCache) {
      this.logger.info('token acquired', { tenantId, flow, expiresAt: new Date(expiresAt).toISOString() });
      if (flow === 'on-behalf-of' && ++entry.exchangesSinceClear >= MSAL_CACHE_CLEAR_EVERY) {
        // MSAL keeps one entry per user assertion that it never reads back; ours is bounded.
        entry.app.clearCache();
        entry.exchangesSinceClear = 0;
      }
    }
    return { token: result.accessToken, expiresAt, tenantId, kind: flow };
  }

  private tenantEntry(tenantId: string): TenantEntry {
    const id = tenantId.toLowerCase();
    const existing = this.tenants.get(id);
    if (existing) return existing;
    const network = new FetchNetworkModule({
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      ...(this.options.networkTimeoutMs ? { timeoutMs: this.options.networkTimeoutMs } : {}),
    });
    const configuration: Configuration = {
      auth: {
        clientId: this.clientId,
        authority: `${this.authorityHost}/${tenantId}`,
        ...(this.options.clientCertificate
          ? { clientCertificate: this.options.clientCertificate }
          : { clientSecret: this.options.clientSecret ?? '' }),
      },
      system: {
        networkClient: network,
        loggerOptions: {
          piiLoggingEnabled: false,
          logLevel: msalLevel(this.options.msalLogLevel ?? 'warning'),
          loggerCallback: (level, message, containsPii) => {
            if (containsPii) return;
            const line = redactText(message);
            if (level === LogLevel.Error) this.logger.error(line, { component: 'msal', tenantId });
            else if (level === LogLevel.Warning) this.logger.warn(line, { component: 'msal', tenantId });
            else this.logger.info(line, { component: 'msal', tenantId });
          },
        },
      },
    };
    const entry: TenantEntry = { app: new ConfidentialClientApplication(configuration), network, exchangesSinceClear: 0 };
    this.tenants.set(id, entry);
    return entry;
  }
}

function msalLevel(level: NonNullable<TokenBrokerOptions['msalLogLevel']>): LogLevel {
  switch (level) {
    case 'error':
      return LogLevel.Error;
    case 'info':
      return LogLevel.Info;
    case 'verbose':
      return LogLevel.Verbose;
    default:
      return LogLevel.Warning;
  }
}

/** Accepts a tenant GUID or verified domain; refuses the shared `common`-style authorities. */
function checkTenantId(tenantId: string): string {
  const id = tenantId.trim();
  if (SHARED_TENANTS.has(id.toLowerCase())) {
    throw new IdentityError(
      'wrong-tenant',
      `"${id}" is not an organisation: act in a specific tenant, using its tenant id (a GUID) or primary domain.`,
      { tenantId: id },
    );
  }
  if (!GUID.test(id) && !DOMAIN.test(id)) {
    throw new IdentityError(
      'wrong-tenant',
      `"${id.slice(0, 80)}" is not a tenant id; use the organisation's tenant id (a GUID) or its primary domain such as council.onmicrosoft.com.`,
      { tenantId: id.slice(0, 80) },
    );
  }
  return id;
}
