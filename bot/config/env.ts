import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting the service reads, from environment variables, in this one place.
 * `env.template` at the repository root lists them with their defaults.
 */
const schema = z
  .object({
    NODE_ENV: z.string().optional(),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z.string().url().optional(),
    AUTH_MODE: z.enum(['dev', 'entra']).optional(),
    ENTRA_CLIENT_ID: z.string().uuid().optional(),
    ENTRA_ALLOWED_TENANTS: z.string().optional(),
    ENTRA_AUTHORITY_HOST: z.string().url().default('https://login.microsoftonline.com'),
    PUBLIC_URL: z.string().url().optional(),
    SEED_DEMO: z.enum(['true', 'false']).optional(),
    LOG_LEVEL: z.enum(['info', 'warn', 'error']).default('info'),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10000),
  })
  .transform((e, ctx) => {
    const authMode = e.AUTH_MODE ?? (e.ENTRA_CLIENT_ID ? 'entra' : 'dev');
    const production = e.NODE_ENV === 'production';
    if (authMode === 'dev' && production) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_MODE'], message: 'development sign-in is refused when NODE_ENV=production; set ENTRA_CLIENT_ID and ENTRA_ALLOWED_TENANTS' });
    }
    const tenants = (e.ENTRA_ALLOWED_TENANTS ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    if (authMode === 'entra') {
      if (!e.ENTRA_CLIENT_ID) ctx.addIssue({ code: 'custom', path: ['ENTRA_CLIENT_ID'], message: "is required with AUTH_MODE=entra: the API's app registration (client) id" });
      if (tenants.length === 0) ctx.addIssue({ code: 'custom', path: ['ENTRA_ALLOWED_TENANTS'], message: 'is required with AUTH_MODE=entra: a comma-separated list of tenant ids allowed to call the API' });
    }
    return {
      production,
      port: e.PORT,
      host: e.HOST,
      dataDir: path.resolve(e.DATA_DIR),
      databaseUrl: e.DATABASE_URL,
      authMode,
      entra: { clientId: e.ENTRA_CLIENT_ID ?? '', allowedTenants: tenants, authorityHost: e.ENTRA_AUTHORITY_HOST.replace(/\/+$/, '') },
      publicUrl: e.PUBLIC_URL,
      seedDemo: e.SEED_DEMO ? e.SEED_DEMO === 'true' : authMode === 'dev',
      logLevel: e.LOG_LEVEL,
      shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    };
  });

export type Config = z.output<typeof schema>;

/** A setting that cannot be used; the message names each variable to fix. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`The service's configuration needs fixing:\n${problems.map((p) => `  - ${p}`).join('\n')}\n(See env.template for every setting.)`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`));
  return parsed.data;
}

// ---- App package (#15): what `npm run manifest` and `npm run package` fill into the Teams
// and Outlook manifests. Read here, like every other setting, so the package and the service
// it points at are configured from the same variables.

/** The two environments a package is generated for. */
export type PackageTarget = 'dev' | 'prod';

/** Fixed ids for development packages, so a developer can sideload without registering anything first. */
export const devPackageIds = {
  appId: '0b6c2f4e-9a1d-4e3b-8c7f-2d5e6a7b8c90',
  botClientId: '00000000-0000-4000-8000-0000000000b0',
  entraClientId: '00000000-0000-4000-8000-0000000000a0',
} as const;

/** Settings of one app package: where the service is and the ids of its registrations. */
export interface PackageSettings {
  target: PackageTarget;
  /** The service's public origin, e.g. https://ehcp.council.gov.uk (no trailing slash). */
  baseUrl: string;
  /** The Teams/Microsoft 365 app id: one GUID for the life of the app, kept across versions. */
  appId: string;
  /** The Azure Bot's Microsoft Entra app id (BOT_CLIENT_ID, as the service checks inbound activities with). */
  botClientId: string;
  /** The API's app registration (ENTRA_CLIENT_ID): single sign-on asks for tokens for it. */
  entraClientId: string;
  privacyUrl: string;
  termsUrl: string;
  developerName: string;
  /** Which settings fell back to development placeholders (listed as a warning). */
  placeholders: string[];
}

const packageSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3978),
  PUBLIC_URL: z.string().url().optional(),
  BOT_CLIENT_ID: z.string().uuid().optional(),
  ENTRA_CLIENT_ID: z.string().uuid().optional(),
  MANIFEST_APP_ID: z.string().uuid().optional(),
  MANIFEST_PRIVACY_URL: z.string().url().optional(),
  MANIFEST_TERMS_URL: z.string().url().optional(),
  MANIFEST_DEVELOPER_NAME: z.string().min(1).max(32).optional(),
});

/**
 * The settings for a package for `target`. Development fills in https://localhost:PORT and
 * fixed placeholder ids; production requires each id and an HTTPS PUBLIC_URL, and names
 * every missing one.
 *
 * @example loadPackageSettings({ PORT: '3978' }, 'dev').baseUrl // 'https://localhost:3978'
 * @throws ConfigError naming each variable to set or fix.
 */
export function loadPackageSettings(env: NodeJS.ProcessEnv, target: PackageTarget): PackageSettings {
  const parsed = packageSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`));
  const e = parsed.data;
  const problems: string[] = [];
  const placeholders: string[] = [];
  const required = <T extends string>(name: string, value: T | undefined, devValue: T, why: string): T => {
    if (value !== undefined) return value;
    if (target === 'prod') problems.push(`${name}: is required for a production package (${why})`);
    else placeholders.push(name);
    return devValue;
  };
  let baseUrl = `https://localhost:${e.PORT}`;
  if (target === 'prod') {
    if (!e.PUBLIC_URL) problems.push('PUBLIC_URL: is required for a production package: the HTTPS address Teams and Outlook reach the service at');
    else {
      const url = new URL(e.PUBLIC_URL);
      if (url.protocol !== 'https:') problems.push(`PUBLIC_URL: must start with https:// (Teams and Outlook load only HTTPS pages), not ${url.protocol}//`);
      if (url.pathname !== '/' || url.search || url.hash) problems.push(`PUBLIC_URL: must be an origin only, e.g. https://${url.host}, without a path`);
      baseUrl = url.origin;
    }
  }
  const settings: PackageSettings = {
    target,
    baseUrl,
    appId: required('MANIFEST_APP_ID', e.MANIFEST_APP_ID, devPackageIds.appId, "the app's id in Teams; generate one GUID once and keep it for every version"),
    botClientId: required('BOT_CLIENT_ID', e.BOT_CLIENT_ID, devPackageIds.botClientId, "the Azure Bot's Microsoft Entra app id"),
    entraClientId: required('ENTRA_CLIENT_ID', e.ENTRA_CLIENT_ID, devPackageIds.entraClientId, "the API's app registration, for single sign-on"),
    privacyUrl: required('MANIFEST_PRIVACY_URL', e.MANIFEST_PRIVACY_URL, `${baseUrl}/privacy`, "the council's privacy notice for the app (UK GDPR Articles 13 and 14)"),
    termsUrl: required('MANIFEST_TERMS_URL', e.MANIFEST_TERMS_URL, `${baseUrl}/terms`, 'the terms of use Teams shows in the app details'),
    developerName: e.MANIFEST_DEVELOPER_NAME ?? 'EHCP Review Assistant',
    placeholders,
  };
  if (problems.length) throw new ConfigError(problems);
  return settings;
}
