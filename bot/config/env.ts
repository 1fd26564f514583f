import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { redactUrl } from '../log/redact';

/**
 * Every setting the service reads, from environment variables, in this one place.
 * `env.template` at the repository root lists them with their defaults.
 */
const settings = z.object({
    NODE_ENV: z.string().optional(),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    HOST: z.string().min(1).optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z.string().url().optional(),
    AUDIT_KEY: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes written in base64 (make one with: openssl rand -base64 32)').optional(),
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
    DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
    AUTH_MODE: z.enum(['dev', 'entra']).optional(),
    ENTRA_CLIENT_ID: z.string().uuid().optional(),
    ENTRA_ALLOWED_TENANTS: z.string().optional(),
    ENTRA_AUTHORITY_HOST: z.string().url().default('https://login.microsoftonline.com'),
    PUBLIC_URL: z.string().url().optional(),
    SEED_DEMO: z.enum(['true', 'false']).optional(),
    IMPORT_MAX_ROWS: z.coerce.number().int().min(1).default(200_000),
    IDEMPOTENCY_TTL_HOURS: z.coerce.number().min(24, 'must be at least 24: a client retrying the next day must still get its first answer').default(24),
    LOG_LEVEL: z.enum(['info', 'warn', 'error']).default('info'),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10000),
    // Teams bot (#9): the Azure Bot registration, and where its channel tokens are checked.
    BOT_CLIENT_ID: z.string().uuid().optional(),
    BOT_CLIENT_SECRET: z.string().min(1).optional(),
    BOT_TENANT_ID: z.string().min(1).optional(),
    BOT_OPENID_METADATA_URL: z.string().url().default('https://login.botframework.com/v1/.well-known/openidconfiguration'),
    BOT_TOKEN_ISSUER: z.string().min(1).default('https://api.botframework.com'),
    // Where a chat created by installing the app is sent to, until Teams gives its own URL.
    BOT_SERVICE_URL: z.string().url().default('https://smba.trafficmanager.net/teams/'),
    // Microsoft Graph (reminder mail, decision letters, advice files): the service's own app registration, app-only.
    EHCP_GRAPH_CLIENT_ID: z.string().uuid().optional(),
    EHCP_GRAPH_CLIENT_SECRET: z.string().min(1).optional(),
    EHCP_GRAPH_CERT_KEY_PATH: z.string().min(1).optional(),
    EHCP_GRAPH_CERT_THUMBPRINT_SHA256: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be the certificate’s SHA-256 thumbprint (64 hex digits)').optional(),
    EHCP_AUTHORITY_HOST: z.string().url().startsWith('https://', 'must be an https:// URL').default('https://login.microsoftonline.com'),
    EHCP_GRAPH_BASE_URL: z.string().url().default('https://graph.microsoft.com/v1.0'),
    // Reminders (#10): the sweeper, its channels and (development and tests only) the clock.
    REMINDERS: z.enum(['on', 'off']).optional(),
    REMINDERS_MAILBOX: z.string().trim().email().optional(),
    REMINDERS_TEAMS_APP_ID: z.string().trim().min(1).optional(),
    REMINDERS_SWEEP_INTERVAL_MS: z.coerce.number().int().min(50).default(60_000),
    REMINDERS_LEASE_MS: z.coerce.number().int().min(100).default(120_000),
    REMINDERS_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(50),
    REMINDERS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(6),
    REMINDERS_RETRY_BASE_MS: z.coerce.number().int().min(1).default(30_000),
    REMINDERS_SEND_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
    CLOCK_START: z.string().datetime({ offset: true }).optional(),
    // Advice and the family's views (#12).
    ADVICE_DRIVE_ID: z.string().min(1).max(200).optional(),
    ADVICE_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(100).default(20),
    // Security (#19): which proxies in front of the service are trusted to say the client's address.
    TRUST_PROXY: z
      .string()
      .trim()
      .regex(/^(|\d{1,2}|[0-9A-Za-z.:/]+(\s*,\s*[0-9A-Za-z.:/]+)*)$/, 'must be empty, a number of proxy hops (e.g. 1), or a comma-separated list of proxy addresses or subnets (e.g. 10.0.0.0/8, loopback)')
      .optional(),
    // Outlook add-in (#13): where the built add-in is, HTTPS for sideloading, Graph on-behalf-of.
    ADDIN_DIR: z.string().min(1).optional(),
    DEV_HTTPS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  });

const schema = settings.transform((e, ctx) => {
    const authMode = e.AUTH_MODE ?? (e.ENTRA_CLIENT_ID ? 'entra' : 'dev');
    const production = e.NODE_ENV === 'production';
    if (authMode === 'dev' && production) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_MODE'], message: 'development sign-in is refused when NODE_ENV=production; set ENTRA_CLIENT_ID and ENTRA_ALLOWED_TENANTS' });
    } else if (authMode === 'dev' && e.DATABASE_URL && !e.AUTH_MODE) {
      // A real database with the fallback sign-in is how a forgotten setting becomes anyone-can-be-anyone.
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_MODE'],
        message:
          'is not set while DATABASE_URL is, so the service would fall back to development sign-in (anyone with the data folder can mint any role) and seed demo cases into that database. Set AUTH_MODE=entra with ENTRA_CLIENT_ID and ENTRA_ALLOWED_TENANTS, or AUTH_MODE=dev to allow development sign-in on this database on purpose',
      });
    }
    const tenants = (e.ENTRA_ALLOWED_TENANTS ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    if (e.DEV_HTTPS_PORT !== undefined && production) {
      ctx.addIssue({ code: 'custom', path: ['DEV_HTTPS_PORT'], message: 'the self-signed development certificate is refused when NODE_ENV=production; terminate TLS in front of the service' });
    }
    if (authMode === 'entra') {
      if (!e.ENTRA_CLIENT_ID) ctx.addIssue({ code: 'custom', path: ['ENTRA_CLIENT_ID'], message: "is required with AUTH_MODE=entra: the API's app registration (client) id" });
      if (tenants.length === 0) ctx.addIssue({ code: 'custom', path: ['ENTRA_ALLOWED_TENANTS'], message: 'is required with AUTH_MODE=entra: a comma-separated list of tenant ids allowed to call the API' });
    }
    const certificate = e.EHCP_GRAPH_CERT_KEY_PATH && e.EHCP_GRAPH_CERT_THUMBPRINT_SHA256 ? { keyPath: e.EHCP_GRAPH_CERT_KEY_PATH, thumbprintSha256: e.EHCP_GRAPH_CERT_THUMBPRINT_SHA256 } : undefined;
    if (e.EHCP_GRAPH_CLIENT_ID && !e.EHCP_GRAPH_CLIENT_SECRET && !certificate) {
      ctx.addIssue({ code: 'custom', path: ['EHCP_GRAPH_CLIENT_SECRET'], message: 'is required with EHCP_GRAPH_CLIENT_ID (or set EHCP_GRAPH_CERT_KEY_PATH and EHCP_GRAPH_CERT_THUMBPRINT_SHA256)' });
    }
    // The template gives the Graph root with its version (".../v1.0"); the client wants them apart.
    const graphUrl = e.EHCP_GRAPH_BASE_URL.replace(/\/+$/, '');
    const versioned = /^(.*)\/(v1\.0|beta)$/.exec(graphUrl);
    const graphClientId = e.EHCP_GRAPH_CLIENT_ID ?? e.ENTRA_CLIENT_ID;
    if (e.BOT_OPENID_METADATA_URL && !/\/openidconfiguration$/.test(e.BOT_OPENID_METADATA_URL)) {
      ctx.addIssue({ code: 'custom', path: ['BOT_OPENID_METADATA_URL'], message: 'must end in /openidconfiguration (the keys are read from the same path ending in /keys)' });
    }
    if (e.REMINDERS_LEASE_MS <= 2 * e.REMINDERS_SEND_TIMEOUT_MS) {
      // A claim must outlast at least two sends, or a slow batch's later sends could overrun it and be sent twice.
      ctx.addIssue({ code: 'custom', path: ['REMINDERS_LEASE_MS'], message: `must be more than twice REMINDERS_SEND_TIMEOUT_MS (${e.REMINDERS_SEND_TIMEOUT_MS} ms), so a claimed reminder is sent before its claim runs out` });
    }
    if (e.CLOCK_START && production) ctx.addIssue({ code: 'custom', path: ['CLOCK_START'], message: 'is for development and tests only; unset it when NODE_ENV=production' });
    const teamsConfigured = Boolean(e.BOT_CLIENT_ID && e.BOT_CLIENT_SECRET && e.BOT_TENANT_ID);
    const mailConfigured = Boolean(e.REMINDERS_MAILBOX && e.EHCP_GRAPH_CLIENT_ID && (e.EHCP_GRAPH_CLIENT_SECRET || certificate));
    // Development with no Microsoft 365 channel: reminders go to local channels a person can
    // see (bot/reminders/devChannels.ts, /dev/mail), never with Entra sign-in or in production.
    const devLocal = authMode === 'dev' && !production && !teamsConfigured && !mailConfigured;
    if (e.REMINDERS === 'on' && !teamsConfigured && !mailConfigured && !devLocal) {
      ctx.addIssue({ code: 'custom', path: ['REMINDERS'], message: 'is on but no channel is configured: set BOT_CLIENT_ID, BOT_CLIENT_SECRET and BOT_TENANT_ID (Teams), or REMINDERS_MAILBOX with EHCP_GRAPH_CLIENT_ID and EHCP_GRAPH_CLIENT_SECRET (email)' });
    }
    return {
      production,
      port: e.PORT,
      // Development sign-in on every interface would let anyone on the network in: local only unless asked.
      host: e.HOST ?? (authMode === 'dev' ? '127.0.0.1' : '0.0.0.0'),
      dataDir: path.resolve(e.DATA_DIR),
      databaseUrl: e.DATABASE_URL,
      /** The service key wrapping each child's audit key (bot/store/auditSeal); absent, DATA_DIR/audit-key. */
      auditKey: e.AUDIT_KEY,
      database: { statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS, connectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS },
      authMode,
      entra: { clientId: e.ENTRA_CLIENT_ID ?? '', allowedTenants: tenants, authorityHost: e.ENTRA_AUTHORITY_HOST.replace(/\/+$/, '') },
      publicUrl: e.PUBLIC_URL,
      seedDemo: e.SEED_DEMO ? e.SEED_DEMO === 'true' : authMode === 'dev',
      /** The development-only pages under /dev (the local mailbox); absent, /dev/* is 404. */
      devPages: authMode === 'dev' && !production,
      importMaxRows: e.IMPORT_MAX_ROWS,
      idempotencyTtlHours: e.IDEMPOTENCY_TTL_HOURS,
      logLevel: e.LOG_LEVEL,
      shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
      /**
       * Express's `trust proxy`: false (the default) takes the client's address from the
       * socket and ignores X-Forwarded-For, which anyone can send; a hop count or the
       * proxies' addresses take it from X-Forwarded-For as those proxies set it.
       */
      trustProxy: !e.TRUST_PROXY ? false : /^\d+$/.test(e.TRUST_PROXY) ? Number(e.TRUST_PROXY) : e.TRUST_PROXY.split(',').map((a) => a.trim()),
      bot: {
        /**
         * 'bot-framework': channel tokens checked (a BOT_CLIENT_ID is set). 'local': development
         * only, with no Entra or bot settings at all; token-less requests from the loopback
         * interface are accepted (Agents Playground). 'off': production without a bot id.
         */
        auth: (e.BOT_CLIENT_ID ? 'bot-framework' : !production && authMode === 'dev' ? 'local' : 'off') as 'bot-framework' | 'local' | 'off',
        clientId: e.BOT_CLIENT_ID ?? '',
        clientSecret: e.BOT_CLIENT_SECRET,
        tenantId: e.BOT_TENANT_ID,
        openIdMetadataUrl: e.BOT_OPENID_METADATA_URL,
        tokenIssuer: e.BOT_TOKEN_ISSUER,
      },
      clockStart: e.CLOCK_START ? new Date(e.CLOCK_START) : undefined,
      reminders: {
        enabled: e.REMINDERS ? e.REMINDERS === 'on' : teamsConfigured || mailConfigured || devLocal,
        /** The development channels: Agents Playground and the local mailbox at /dev/mail. */
        local: devLocal,
        mailbox: mailConfigured ? e.REMINDERS_MAILBOX : undefined,
        teamsAppId: e.REMINDERS_TEAMS_APP_ID,
        sweepIntervalMs: e.REMINDERS_SWEEP_INTERVAL_MS,
        leaseMs: e.REMINDERS_LEASE_MS,
        batchSize: e.REMINDERS_BATCH_SIZE,
        maxAttempts: e.REMINDERS_MAX_ATTEMPTS,
        retryBaseMs: e.REMINDERS_RETRY_BASE_MS,
        sendTimeoutMs: e.REMINDERS_SEND_TIMEOUT_MS,
      },
      /** What proactive sends (reminders) need: the bot's id, secret and tenant, all set. */
      proactive: teamsConfigured ? { clientId: e.BOT_CLIENT_ID as string, clientSecret: e.BOT_CLIENT_SECRET as string, tenantId: e.BOT_TENANT_ID as string, serviceUrl: e.BOT_SERVICE_URL } : undefined,
      // The service's Graph app: EHCP_GRAPH_CLIENT_ID, or the API's own registration (ENTRA_CLIENT_ID)
      // when only a secret or certificate is given: on-behalf-of for the add-in needs the app its token is for.
      graph: graphClientId && (e.EHCP_GRAPH_CLIENT_SECRET || certificate)
        ? {
            clientId: graphClientId,
            clientSecret: e.EHCP_GRAPH_CLIENT_SECRET,
            certificate,
            authorityHost: e.EHCP_AUTHORITY_HOST.replace(/\/+$/, ''),
            baseUrl: versioned ? (versioned[1] as string) : graphUrl,
            version: versioned ? (versioned[2] as string) : 'v1.0',
          }
        : undefined,
      advice: { driveId: e.ADVICE_DRIVE_ID, maxBytes: e.ADVICE_MAX_UPLOAD_MB * 1024 * 1024 },
      addinDir: path.resolve(e.ADDIN_DIR ?? path.join(repositoryRoot(), 'dist', 'addin')),
      devHttpsPort: e.DEV_HTTPS_PORT,
    };
  });

export type Config = z.output<typeof schema>;

/** The folder holding package.json, from source (bot/config) or the build (dist/bot/config). */
function repositoryRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** A setting that cannot be used; the message names each variable to fix. */
export class ConfigError extends Error {
  readonly code = 'invalid-config';

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

/**
 * The effective configuration for the start-up log: every setting, secrets removed
 * (the database password, and the bot's and Graph's secrets, which are never included).
 */
export function configSummary(config: Config): Record<string, unknown> {
  return {
    production: config.production,
    host: config.host,
    port: config.port,
    publicUrl: config.publicUrl ?? null,
    store: config.databaseUrl ? redactUrl(config.databaseUrl) : `pglite in ${config.dataDir}`,
    dataDir: config.dataDir,
    auditKey: config.auditKey ? 'AUDIT_KEY' : 'DATA_DIR/audit-key',
    database: config.databaseUrl ? config.database : null,
    authMode: config.authMode,
    entra: config.authMode === 'entra' ? config.entra : null,
    seedDemo: config.seedDemo,
    importMaxRows: config.importMaxRows,
    idempotencyTtlHours: config.idempotencyTtlHours,
    logLevel: config.logLevel,
    shutdownGraceMs: config.shutdownGraceMs,
    bot: { auth: config.bot.auth, clientId: config.bot.clientId || null, tenantId: config.bot.tenantId ?? null, openIdMetadataUrl: config.bot.openIdMetadataUrl, proactiveSends: Boolean(config.proactive) },
    reminders: config.reminders,
    graph: config.graph ? { clientId: config.graph.clientId, credential: config.graph.certificate ? 'certificate' : 'secret', authorityHost: config.graph.authorityHost, baseUrl: config.graph.baseUrl } : null,
    advice: config.advice,
    addinDir: config.addinDir,
    devHttpsPort: config.devHttpsPort ?? null,
  };
}

/** What the `ehcp-review` commands read from the environment (the CLI's flags win). */
export interface CliSettings {
  production: boolean;
  dataDir: string | undefined;
  databaseUrl: string | undefined;
  auditKey: string | undefined;
  /** EHCP_DEBUG=1: print stack traces of unexpected errors. */
  debug: boolean;
}

export function cliSettings(env: NodeJS.ProcessEnv): CliSettings {
  return { production: env.NODE_ENV === 'production', dataDir: env.DATA_DIR || undefined, databaseUrl: env.DATABASE_URL || undefined, auditKey: env.AUDIT_KEY || undefined, debug: env.EHCP_DEBUG === '1' };
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

/** Every environment variable read anywhere (the service's, the package's, then the CLI's own): env.template lists exactly these. */
export const settingNames: readonly string[] = [...new Set([...Object.keys(settings.shape), ...Object.keys(packageSchema.shape), 'EHCP_DEBUG'])];
