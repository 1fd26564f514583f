import { constants, randomUUID, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer, listenLocal, readBody, sendJson } from './http';
import { type TestTokenClaims, TestTokenSigner } from './tokens';

/** An app registration as one test tenant sees it. */
export interface TestTenantApp {
  /** The client secret the service may present. */
  secret?: string;
  /** A certificate credential: the service signs a client assertion with its private key. */
  certificate?: { publicKeyPem: string; thumbprintSha256: string };
  /** Application permissions an administrator granted (become `roles`). Empty: token without roles. */
  applicationPermissions?: string[];
  /** Delegated permissions consented for the tenant; undefined means never consented (AADSTS65001). */
  delegatedPermissions?: string[];
  /** Conditional access demands MFA for on-behalf-of (AADSTS50076 with a claims challenge). */
  requireMfa?: boolean;
}

/** One test tenant: which app registrations exist in it. Apps absent here give AADSTS700016. */
export interface TestTenant {
  apps: Record<string, TestTenantApp>;
}

/** Options for {@link startIdentityTestServer}. */
export interface IdentityTestServerOptions {
  /** Tenants by id (GUID). Unknown tenants answer AADSTS90002 like the real authority. */
  tenants: Record<string, TestTenant>;
  /** The public authority origin used in documents (the client reaches it through routing). */
  publicOrigin?: string;
  /** Lifetime of issued Graph tokens, seconds. Default 3599. */
  tokenLifetimeSeconds?: number;
}

/** A request the identity server received. */
export interface IdentityRequest {
  method: string;
  path: string;
  /** Form fields of a token request (secrets included: this is the test's own record). */
  form: Record<string, string>;
  at: number;
}

/** A running test identity server. */
export interface IdentityTestServer {
  /** Local `http://127.0.0.1:port` origin. */
  url: string;
  /** The origin MSAL is configured with (`https://login.microsoftonline.com` by default). */
  publicOrigin: string;
  requests: IdentityRequest[];
  /** Every access token issued, for "never logged" assertions. */
  issuedTokens: string[];
  signer: TestTokenSigner;
  /** Issues a user's access token for the app (what the add-in sends): `aud` is the client id. */
  issueUserToken(user: { tenantId: string; objectId: string; clientId: string; upn?: string; lifetimeSeconds?: number }): string;
  /** Verifies a token this server issued; returns its claims, or undefined if forged. */
  verify(token: string): TestTokenClaims | undefined;
  /** Makes the next `count` token requests fail with `status` (e.g. 503 for an outage). */
  failNextTokenRequests(count: number, status: number): void;
  close(): Promise<void>;
}

const GRAPH_AUDIENCE = 'https://graph.microsoft.com';
const BOT_FRAMEWORK_AUDIENCE = 'https://api.botframework.com';
const OBO_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/**
 * Starts a local stand-in for the Entra ID v2.0 endpoints MSAL uses for confidential
 * clients: OpenID discovery, instance discovery and the token endpoint (client credentials
 * and on-behalf-of), answering with the documented OAuth2 wire format including AADSTS
 * error bodies. Reach it by routing `publicOrigin` to `url` (see `routeFetch`).
 */
export async function startIdentityTestServer(options: IdentityTestServerOptions): Promise<IdentityTestServer> {
  const publicOrigin = (options.publicOrigin ?? 'https://login.microsoftonline.com').replace(/\/+$/, '');
  const lifetime = options.tokenLifetimeSeconds ?? 3599;
  const signer = new TestTokenSigner();
  const requests: IdentityRequest[] = [];
  const issuedTokens: string[] = [];
  const outage = { remaining: 0, status: 503 };
  const tenantOf = (id: string) => options.tenants[id.toLowerCase()] ?? options.tenants[id];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://local');
    const body = (await readBody(req)) ?? Buffer.alloc(0);
    const form = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
    requests.push({ method: req.method ?? 'GET', path: url.pathname, form, at: Date.now() });

    if (req.method === 'GET' && url.pathname === '/common/discovery/instance') {
      const host = new URL(publicOrigin).host;
      sendJson(res, 200, {
        tenant_discovery_endpoint: `${publicOrigin}/common/v2.0/.well-known/openid-configuration`,
        'api-version': '1.1',
        metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
      });
      return;
    }
    const discovery = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(url.pathname);
    if (req.method === 'GET' && discovery?.[1]) {
      const tenant = decodeURIComponent(discovery[1]);
      if (!tenantOf(tenant)) {
        aadError(res, 400, 'invalid_tenant', 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
        return;
      }
      sendJson(res, 200, {
        token_endpoint: `${publicOrigin}/${tenant}/oauth2/v2.0/token`,
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
        jwks_uri: `${publicOrigin}/${tenant}/discovery/v2.0/keys`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        issuer: `${publicOrigin}/${tenant}/v2.0`,
        request_uri_parameter_supported: false,
        userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
        authorization_endpoint: `${publicOrigin}/${tenant}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${publicOrigin}/${tenant}/oauth2/v2.0/devicecode`,
        http_logout_supported: true,
        frontchannel_logout_supported: true,
        end_session_endpoint: `${publicOrigin}/${tenant}/oauth2/v2.0/logout`,
        claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nonce', 'tid', 'oid'],
        kerberos_endpoint: `${publicOrigin}/${tenant}/kerberos`,
        tenant_region_scope: 'EU',
        cloud_instance_name: 'microsoftonline.com',
        cloud_graph_host_name: 'graph.windows.net',
        msgraph_host: 'graph.microsoft.com',
        rbac_url: 'https://pas.windows.net',
      });
      return;
    }
    const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(url.pathname);
    if (req.method === 'POST' && token?.[1]) {
      if (outage.remaining > 0) {
        outage.remaining--;
        aadError(res, outage.status, 'temporarily_unavailable', 90033, 'A transient error has occurred. Please try again.');
        return;
      }
      tokenEndpoint(res, decodeURIComponent(token[1]), form);
      return;
    }
    aadError(res, 404, 'invalid_request', 90100, `The request path ${url.pathname} is not supported by the test authority.`);
  };

  const tokenEndpoint = (res: ServerResponse, tenantId: string, form: Record<string, string>): void => {
    const tenant = tenantOf(tenantId);
    if (!tenant) {
      aadError(res, 400, 'invalid_request', 90002, `Tenant '${tenantId}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
      return;
    }
    const clientId = form.client_id ?? '';
    const app = tenant.apps[clientId];
    if (!app) {
      aadError(
        res,
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId}' was not found in the directory '${tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
      );
      return;
    }
    const credential = checkCredential(form, app, `${publicOrigin}/${tenantId}/oauth2/v2.0/token`, clientId);
    if (credential === 'bad-assertion') {
      aadError(res, 401, 'invalid_client', 700027, 'Client assertion failed signature validation, or its audience, issuer, subject or lifetime is wrong.');
      return;
    }
    if (credential === 'bad-secret') {
      aadError(
        res,
        401,
        'invalid_client',
        7000215,
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
      );
      return;
    }
    const scopes = (form.scope ?? '').split(' ').filter(Boolean);
    const resourceScopes = scopes.filter((s) => s.startsWith(GRAPH_AUDIENCE));
    if (form.grant_type === 'client_credentials' && scopes.includes(`${BOT_FRAMEWORK_AUDIENCE}/.default`)) {
      // The bot's token for the Bot Connector (the Teams proactive send), not Graph's.
      const access = signer.sign({ aud: BOT_FRAMEWORK_AUDIENCE, iss: `https://sts.windows.net/${tenantId}/`, tid: tenantId, oid: `sp-${clientId}`, appid: clientId, idtyp: 'app' }, lifetime);
      issuedTokens.push(access);
      sendJson(res, 200, { token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token: access });
      return;
    }
    if (form.grant_type === 'client_credentials') {
      if (resourceScopes.length !== 1 || resourceScopes[0] !== `${GRAPH_AUDIENCE}/.default`) {
        aadError(res, 400, 'invalid_scope', 1002012, `The provided value for scope ${form.scope ?? ''} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
        return;
      }
      const access = signer.sign(
        { aud: GRAPH_AUDIENCE, iss: `https://sts.windows.net/${tenantId}/`, tid: tenantId, oid: `sp-${clientId}`, appid: clientId, roles: app.applicationPermissions ?? [], idtyp: 'app' },
        lifetime,
      );
      issuedTokens.push(access);
      sendJson(res, 200, { token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token: access });
      return;
    }
    if (form.grant_type === OBO_GRANT && form.requested_token_use === 'on_behalf_of') {
      const user = signer.verify(form.assertion ?? '');
      if (user?.idtyp !== 'user') {
        aadError(res, 400, 'invalid_grant', 50013, 'Assertion failed signature validation.');
        return;
      }
      if (user.exp * 1000 <= Date.now()) {
        aadError(res, 400, 'invalid_grant', 500133, 'Assertion is not within its valid time range. Ensure that the access token is not expired before using it for user assertion, or request a new token.');
        return;
      }
      if (user.aud !== clientId && user.aud !== `api://${clientId}`) {
        aadError(res, 400, 'invalid_grant', 50013, `Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was '${user.aud}' and the expected audience is '${clientId}' or one of the Application Uris of this application with App ID '${clientId}'.`);
        return;
      }
      if (user.tid.toLowerCase() !== tenantId.toLowerCase()) {
        aadError(res, 400, 'invalid_grant', 50020, `User account from identity provider 'https://sts.windows.net/${user.tid}/' does not exist in tenant '${tenantId}' and cannot access the application '${clientId}' in that tenant.`);
        return;
      }
      if (!app.delegatedPermissions) {
        aadError(res, 400, 'invalid_grant', 65001, `The user or administrator has not consented to use the application with ID '${clientId}' named 'EHCP Review Assistant'. Send an interactive authorization request for this user and resource.`, { suberror: 'consent_required' });
        return;
      }
      if (app.requireMfa) {
        aadError(res, 400, 'invalid_grant', 50076, "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access 'https://graph.microsoft.com'.", {
          suberror: 'basic_action',
          claims: '{"access_token":{"capolids":{"essential":true,"values":["a1b2c3d4-0000-0000-0000-000000000001"]}}}',
        });
        return;
      }
      const access = signer.sign(
        { aud: GRAPH_AUDIENCE, iss: `https://sts.windows.net/${tenantId}/`, tid: tenantId, oid: user.oid, appid: clientId, scp: app.delegatedPermissions.join(' '), idtyp: 'user', ...(user.upn ? { upn: user.upn } : {}) },
        lifetime,
      );
      issuedTokens.push(access);
      sendJson(res, 200, {
        token_type: 'Bearer',
        scope: app.delegatedPermissions.map((p) => `${GRAPH_AUDIENCE}/${p}`).join(' '),
        expires_in: lifetime,
        ext_expires_in: lifetime,
        access_token: access,
      });
      return;
    }
    aadError(res, 400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${form.grant_type ?? ''}'.`);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) aadError(res, 500, 'server_error', 90000, error instanceof Error ? error.message : 'internal error');
    });
  });
  const url = await listenLocal(server);
  return {
    url,
    publicOrigin,
    requests,
    issuedTokens,
    signer,
    issueUserToken(user) {
      const token = signer.sign(
        { aud: user.clientId, iss: `https://login.microsoftonline.com/${user.tenantId}/v2.0`, tid: user.tenantId, oid: user.objectId, scp: 'access_as_user', idtyp: 'user', ...(user.upn ? { upn: user.upn } : {}) },
        user.lifetimeSeconds ?? 3600,
      );
      issuedTokens.push(token);
      return token;
    },
    verify: (token) => signer.verify(token),
    failNextTokenRequests(count, status) {
      outage.remaining = count;
      outage.status = status;
    },
    close: () => closeServer(server),
  };
}

/**
 * Checks the client's credential: `client_secret`, or a `private_key_jwt` client assertion
 * (PS256 with `x5t#S256`, as MSAL signs it) verified against the registered public key.
 */
function checkCredential(form: Record<string, string>, app: TestTenantApp, tokenEndpoint: string, clientId: string): 'ok' | 'bad-secret' | 'bad-assertion' {
  if (form.client_assertion_type === 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') {
    const cert = app.certificate;
    const [header, payload, signature] = (form.client_assertion ?? '').split('.');
    if (!cert || !header || !payload || !signature) return 'bad-assertion';
    try {
      const h = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>;
      const p = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
      const thumbprint = Buffer.from(cert.thumbprintSha256, 'hex').toString('base64url');
      const pss = h.alg === 'PS256';
      if ((h.alg !== 'PS256' && h.alg !== 'RS256') || (h['x5t#S256'] !== thumbprint && h.x5t === undefined)) return 'bad-assertion';
      const valid = verify(
        'sha256',
        Buffer.from(`${header}.${payload}`),
        pss ? { key: cert.publicKeyPem, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST } : cert.publicKeyPem,
        Buffer.from(signature, 'base64url'),
      );
      const now = Date.now() / 1000;
      if (!valid || p.aud !== tokenEndpoint || p.iss !== clientId || p.sub !== clientId || typeof p.exp !== 'number' || p.exp < now) return 'bad-assertion';
      return 'ok';
    } catch {
      return 'bad-assertion';
    }
  }
  return app.secret !== undefined && form.client_secret === app.secret ? 'ok' : 'bad-secret';
}

/** Writes an Entra ID v2.0 error body: `error`, `error_description` starting `AADSTSnnn:`, `error_codes`, ... */
function aadError(res: ServerResponse, status: number, error: string, code: number, description: string, extra: Record<string, string> = {}): void {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
  sendJson(res, status, {
    error,
    error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    ...extra,
  });
}
