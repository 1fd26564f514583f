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
    BOT_CLIENT_ID: z.string().uuid().optional(),
    BOT_CLIENT_SECRET: z.string().min(1).optional(),
    BOT_TENANT_ID: z.string().uuid().optional(),
    BOT_SERVICE_URL: z.string().url().default('https://smba.trafficmanager.net/teams/'),
    EHCP_GRAPH_CLIENT_ID: z.string().uuid().optional(),
    EHCP_GRAPH_CLIENT_SECRET: z.string().min(1).optional(),
    EHCP_AUTHORITY_HOST: z.string().url().default('https://login.microsoftonline.com'),
    EHCP_GRAPH_BASE_URL: z.string().url().default('https://graph.microsoft.com/v1.0'),
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
    if (e.CLOCK_START && production) ctx.addIssue({ code: 'custom', path: ['CLOCK_START'], message: 'is for development and tests only; unset it when NODE_ENV=production' });
    const teamsConfigured = Boolean(e.BOT_CLIENT_ID && e.BOT_CLIENT_SECRET && e.BOT_TENANT_ID);
    const mailConfigured = Boolean(e.REMINDERS_MAILBOX && e.EHCP_GRAPH_CLIENT_ID && e.EHCP_GRAPH_CLIENT_SECRET);
    if (e.REMINDERS === 'on' && !teamsConfigured && !mailConfigured) {
      ctx.addIssue({ code: 'custom', path: ['REMINDERS'], message: 'is on but no channel is configured: set BOT_CLIENT_ID, BOT_CLIENT_SECRET and BOT_TENANT_ID (Teams), or REMINDERS_MAILBOX with EHCP_GRAPH_CLIENT_ID and EHCP_GRAPH_CLIENT_SECRET (email)' });
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
      clockStart: e.CLOCK_START ? new Date(e.CLOCK_START) : undefined,
      reminders: {
        enabled: e.REMINDERS ? e.REMINDERS === 'on' : teamsConfigured || mailConfigured,
        mailbox: mailConfigured ? e.REMINDERS_MAILBOX : undefined,
        teamsAppId: e.REMINDERS_TEAMS_APP_ID,
        sweepIntervalMs: e.REMINDERS_SWEEP_INTERVAL_MS,
        leaseMs: e.REMINDERS_LEASE_MS,
        batchSize: e.REMINDERS_BATCH_SIZE,
        maxAttempts: e.REMINDERS_MAX_ATTEMPTS,
        retryBaseMs: e.REMINDERS_RETRY_BASE_MS,
        sendTimeoutMs: e.REMINDERS_SEND_TIMEOUT_MS,
      },
      bot: teamsConfigured ? { clientId: e.BOT_CLIENT_ID as string, clientSecret: e.BOT_CLIENT_SECRET as string, tenantId: e.BOT_TENANT_ID as string, serviceUrl: e.BOT_SERVICE_URL } : undefined,
      graph: e.EHCP_GRAPH_CLIENT_ID && e.EHCP_GRAPH_CLIENT_SECRET
        ? { clientId: e.EHCP_GRAPH_CLIENT_ID, clientSecret: e.EHCP_GRAPH_CLIENT_SECRET, authorityHost: e.EHCP_AUTHORITY_HOST.replace(/\/+$/, ''), baseUrl: e.EHCP_GRAPH_BASE_URL.replace(/\/+$/, '').replace(/\/v1\.0$/, '') }
        : undefined,
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
