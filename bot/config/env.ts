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
    // Microsoft Graph, the service's own app registration (advice storage, #12; mail and calendar use the same).
    EHCP_GRAPH_CLIENT_ID: z.string().uuid().optional(),
    EHCP_GRAPH_CLIENT_SECRET: z.string().optional(),
    EHCP_AUTHORITY_HOST: z.string().url().default('https://login.microsoftonline.com'),
    EHCP_GRAPH_BASE_URL: z.string().url().default('https://graph.microsoft.com/v1.0'),
    // Advice and the family's views (#12).
    ADVICE_DRIVE_ID: z.string().min(1).max(200).optional(),
    ADVICE_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(100).default(20),
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
      graph: {
        clientId: e.EHCP_GRAPH_CLIENT_ID,
        clientSecret: e.EHCP_GRAPH_CLIENT_SECRET,
        authorityHost: e.EHCP_AUTHORITY_HOST.replace(/\/+$/, ''),
        // The client takes the root and the version apart.
        baseUrl: e.EHCP_GRAPH_BASE_URL.replace(/\/+$/, '').replace(/\/(v1\.0|beta)$/, ''),
      },
      advice: { driveId: e.ADVICE_DRIVE_ID, maxBytes: e.ADVICE_MAX_UPLOAD_MB * 1024 * 1024 },
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
