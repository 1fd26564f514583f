import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

/** A key the authority can sign with; published or not. */
export interface TestSigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/** What {@link EntraTestAuthority.issue} puts in a token. */
export interface IssueOptions {
  tenantId: string;
  /** The API's client id; becomes `aud` unless `claims.aud` overrides it. */
  clientId: string;
  /** Claims to add or replace; `undefined` removes the claim. */
  claims?: Record<string, unknown>;
  /** Default: the newest published key. */
  key?: TestSigningKey;
  /** Seconds from now; default 3600 (Entra gives 60-90 minutes). */
  expiresIn?: number;
  /** Seconds from now for nbf and iat; default 0. */
  notBefore?: number;
}

/** What {@link EntraTestAuthority.issueChannelToken} puts in a Bot Framework channel token. */
export interface ChannelTokenOptions {
  /** The bot's app id; becomes `aud` unless `claims.aud` overrides it. */
  appId: string;
  /** The activity's `serviceUrl`; becomes the lowercase `serviceurl` claim. */
  serviceUrl: string;
  /** Claims to add or replace; `undefined` removes the claim. */
  claims?: Record<string, unknown>;
  key?: TestSigningKey;
  /** Seconds from now; default 3600. Negative: already expired. */
  expiresIn?: number;
}

/** A running stand-in for the Entra ID v2.0 key endpoint and token issuer. */
export interface EntraTestAuthority {
  /** Local `http://127.0.0.1:port`. */
  url: string;
  /** The host written into issuers and key documents: `url` unless a public origin was given. */
  publicOrigin: string;
  /** How many times the keys document was fetched. */
  readonly keysRequests: number;
  /** Keys in the published document, oldest first. */
  readonly published: TestSigningKey[];
  /** Publishes a new key (rotation); tokens are signed with it from now on. `issuer` pins it to one issuer. */
  rotate(options?: { issuer?: string }): Promise<TestSigningKey>;
  /** A key that is not published, for forgeries; `kid` may copy a published one. */
  unpublishedKey(kid?: string): Promise<TestSigningKey>;
  /** Signs an RS256 access token with realistic v2.0 claims. */
  issue(options: IssueOptions): Promise<string>;
  /**
   * The Bot Framework OpenID metadata URL this authority serves (`.../openidconfiguration`,
   * whose `jwks_uri` is the same path ending in `/keys`, as the Teams SDK derives it).
   */
  botFrameworkMetadataUrl: string;
  /** The issuer of channel tokens: Bot Framework's own, `https://api.botframework.com`. */
  botFrameworkIssuer: string;
  /** Signs an RS256 token as the Bot Framework channel does for an activity it delivers. */
  issueChannelToken(options: ChannelTokenOptions): Promise<string>;
  /** Makes the keys endpoint answer `status` (e.g. 503) until called with undefined. */
  failKeys(status: number | undefined): void;
  close(): Promise<void>;
}

const BOT_METADATA_PATH = '/botframework/v1/.well-known/openidconfiguration';
const BOT_KEYS_PATH = '/botframework/v1/.well-known/keys';
const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

/** The client id of the Outlook add-in (the token's `azp`): a different app from the API. */
export const addinClientId = '5b1c8e3a-0d4f-4a6e-9c2b-7e8f9a0b1c2d';

/**
 * Starts a local Microsoft Entra ID stand-in: `GET /common/discovery/v2.0/keys` serves the
 * published RSA keys in Entra's format (kid, x5t, use sig, templated issuer), and `issue`
 * signs tokens with the same claims a v2.0 access token for a custom API carries.
 */
export async function startEntraTestAuthority(options: { publicOrigin?: string } = {}): Promise<EntraTestAuthority> {
  const published: TestSigningKey[] = [];
  const issuers = new Map<string, string>();
  let keysRequests = 0;
  let failStatus: number | undefined;

  const server: Server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === BOT_METADATA_PATH) {
      // Bot Framework's document (login.botframework.com/v1/.well-known/openidconfiguration), cut to what validators read.
      const doc = { issuer: BOT_FRAMEWORK_ISSUER, jwks_uri: `${url}${BOT_KEYS_PATH}`, id_token_signing_alg_values_supported: ['RS256'], token_endpoint_auth_methods_supported: ['private_key_jwt'] };
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(doc));
      return;
    }
    if (req.method === 'GET' && req.url === BOT_KEYS_PATH) {
      keysRequests++;
      if (failStatus !== undefined) {
        res.writeHead(failStatus, { 'content-type': 'application/json' }).end('{"error":"temporarily_unavailable"}');
        return;
      }
      // Bot Framework keys carry endorsements: the channels each key may sign for.
      const keys = published.map((k) => ({ ...k.publicJwk, use: 'sig', kid: k.kid, x5t: k.kid, endorsements: ['msteams', 'webchat'] }));
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ keys }));
      return;
    }
    if (req.method === 'GET' && req.url === '/common/discovery/v2.0/keys') {
      keysRequests++;
      if (failStatus !== undefined) {
        res.writeHead(failStatus, { 'content-type': 'application/json' }).end('{"error":"temporarily_unavailable"}');
        return;
      }
      const keys = published.map((k) => ({ ...k.publicJwk, use: 'sig', kid: k.kid, x5t: k.kid, issuer: issuers.get(k.kid) ?? `${publicOrigin}/{tenantid}/v2.0` }));
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ keys }));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not_found"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const publicOrigin = options.publicOrigin ?? url;

  const makeKey = async (kid: string): Promise<TestSigningKey> => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
    const { kty, n, e } = await exportJWK(publicKey);
    return { kid, privateKey, publicJwk: { kty, n, e } as JWK };
  };
  const rotate = async (rotateOptions: { issuer?: string } = {}) => {
    const key = await makeKey(randomUUID().replaceAll('-', '').slice(0, 27));
    if (rotateOptions.issuer) issuers.set(key.kid, rotateOptions.issuer);
    published.push(key);
    return key;
  };
  await rotate();

  return {
    url,
    publicOrigin,
    get keysRequests() {
      return keysRequests;
    },
    published,
    rotate,
    unpublishedKey: (kid) => makeKey(kid ?? randomUUID().slice(0, 27)),
    async issue(o) {
      const key = o.key ?? published.at(-1)!;
      const now = Math.floor(Date.now() / 1000);
      const start = now + (o.notBefore ?? 0);
      const claims: Record<string, unknown> = {
        aud: o.clientId,
        iss: `${publicOrigin}/${o.tenantId}/v2.0`,
        iat: start,
        nbf: start,
        exp: now + (o.expiresIn ?? 3600),
        aio: 'AWQAm/8YAAAA',
        azp: addinClientId,
        azpacr: '0',
        name: 'Sam Jones',
        oid: '690222be-ff1a-4d56-abd1-7e4f7d38e474',
        preferred_username: 'sam.jones@school.example',
        rh: '0.AQ8Avv-',
        scp: 'access_as_user',
        sub: 'HKZpfaHyWadeOouYlitjrI-KffTm222X5rrV3xDqfKQ',
        tid: o.tenantId,
        uti: randomUUID().slice(0, 22),
        ver: '2.0',
      };
      for (const [name, value] of Object.entries(o.claims ?? {})) {
        if (value === undefined) delete claims[name];
        else claims[name] = value;
      }
      return new SignJWT(claims).setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid: key.kid }).sign(key.privateKey);
    },
    botFrameworkMetadataUrl: `${url}${BOT_METADATA_PATH}`,
    botFrameworkIssuer: BOT_FRAMEWORK_ISSUER,
    async issueChannelToken(o) {
      const key = o.key ?? published.at(-1)!;
      const now = Math.floor(Date.now() / 1000);
      const claims: Record<string, unknown> = { serviceurl: o.serviceUrl, nbf: now, exp: now + (o.expiresIn ?? 3600), iss: BOT_FRAMEWORK_ISSUER, aud: o.appId };
      for (const [name, value] of Object.entries(o.claims ?? {})) {
        if (value === undefined) delete claims[name];
        else claims[name] = value;
      }
      return new SignJWT(claims).setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid: key.kid, x5t: key.kid }).sign(key.privateKey);
    },
    failKeys(status) {
      failStatus = status;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        // fetch keeps connections alive; without this, close waits out their idle timeout.
        server.closeAllConnections();
      }),
  };
}

/** Builds an unsigned `alg: none` JWT with `claims`, as an attacker would. */
export function unsecuredJwt(claims: Record<string, unknown>, kid?: string): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ typ: 'JWT', alg: 'none', ...(kid ? { kid } : {}) })}.${part(claims)}.`;
}

/** The claims of a token, read without checking it (to copy them into a forgery). */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
}
