import { AuthConfigError } from './errors';

/** Options for `createEntraVerifier`. */
export interface EntraVerifierOptions {
  /** The API's app registration: Application (client) ID. */
  clientId: string;
  /** Tenant ids (GUIDs) whose users may call the service. */
  allowedTenants: string[];
  /** Default https://login.microsoftonline.com; a national cloud or a local test authority otherwise. */
  authorityHost?: string;
  /** Used to fetch the signing keys; for tests. */
  fetch?: typeof fetch;
  /** Allowed clock skew for exp and nbf. Default 60. */
  clockToleranceSeconds?: number;
}

/** {@link EntraVerifierOptions} checked and normalised. */
export interface EntraSettings {
  clientId: string;
  /** Lower-case tenant ids. */
  allowedTenants: ReadonlySet<string>;
  /** Origin with no trailing slash. */
  authorityHost: string;
  clockToleranceSeconds: number;
}

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * True for a GUID in its usual 8-4-4-4-12 form, the only form Entra uses for tenant and client ids.
 *
 * @example isGuid('72f988bf-86f1-41af-91ab-2d7cd011db47') // true
 */
export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && guid.test(value);
}

/**
 * Checks the verifier's settings once, at start-up, so a typo fails the deploy with a
 * message naming the setting instead of refusing every user later.
 */
export function entraSettingsFrom(opts: EntraVerifierOptions): EntraSettings {
  const clientId = opts.clientId?.trim() ?? '';
  if (!isGuid(clientId)) {
    throw new AuthConfigError(
      'invalid-config',
      `ENTRA_CLIENT_ID must be the API app registration's Application (client) ID, a GUID; got "${clientId}". Find it on the app registration's Overview page in the Microsoft Entra admin centre.`,
    );
  }
  const tenants = opts.allowedTenants.map((t) => t.trim()).filter((t) => t !== '');
  if (tenants.length === 0) {
    throw new AuthConfigError('invalid-config', 'ENTRA_ALLOWED_TENANTS is empty, so nobody could sign in; list the tenant ids (GUIDs) of the schools and local authorities that use the service, separated by commas.');
  }
  const notGuids = tenants.filter((t) => !isGuid(t));
  if (notGuids.length > 0) {
    throw new AuthConfigError(
      'invalid-config',
      `ENTRA_ALLOWED_TENANTS must list tenant ids (GUIDs), not domain names; fix ${notGuids.map((t) => `"${t}"`).join(', ')}. A tenant's id is on the Overview page of its Microsoft Entra admin centre.`,
    );
  }
  const authorityHost = authorityOrigin(opts.authorityHost ?? 'https://login.microsoftonline.com');
  const clockToleranceSeconds = opts.clockToleranceSeconds ?? 60;
  if (!Number.isFinite(clockToleranceSeconds) || clockToleranceSeconds < 0 || clockToleranceSeconds > 600) {
    throw new AuthConfigError('invalid-config', `clockToleranceSeconds must be between 0 and 600; got ${clockToleranceSeconds}.`);
  }
  return { clientId: clientId.toLowerCase(), allowedTenants: new Set(tenants.map((t) => t.toLowerCase())), authorityHost, clockToleranceSeconds };
}

/** The authority as an origin; plain http only for a loopback test authority. */
function authorityOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AuthConfigError('invalid-config', `ENTRA_AUTHORITY_HOST "${value}" is not a URL; use https://login.microsoftonline.com or your national cloud's sign-in host.`);
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new AuthConfigError('invalid-config', `ENTRA_AUTHORITY_HOST "${value}" must use https; signing keys fetched over plain http could be swapped in transit.`);
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new AuthConfigError('invalid-config', `ENTRA_AUTHORITY_HOST "${value}" must be a host only (like https://login.microsoftonline.com), without a tenant or path.`);
  }
  return url.origin;
}
