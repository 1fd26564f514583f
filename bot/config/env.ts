import { existsSync } from 'node:fs';
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
    // Outlook add-in (#13): where the built add-in is, HTTPS for sideloading, Graph on-behalf-of.
    ADDIN_DIR: z.string().min(1).optional(),
    DEV_HTTPS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
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
    if (e.DEV_HTTPS_PORT !== undefined && production) {
      ctx.addIssue({ code: 'custom', path: ['DEV_HTTPS_PORT'], message: 'the self-signed development certificate is refused when NODE_ENV=production; terminate TLS in front of the service' });
    }
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
      addinDir: path.resolve(e.ADDIN_DIR ?? path.join(repositoryRoot(), 'dist', 'addin')),
      devHttpsPort: e.DEV_HTTPS_PORT,
      // On-behalf-of needs the app the add-in's token is for: the API's own registration by default.
      graph:
        e.EHCP_GRAPH_CLIENT_SECRET && (e.EHCP_GRAPH_CLIENT_ID ?? e.ENTRA_CLIENT_ID)
          ? {
              clientId: (e.EHCP_GRAPH_CLIENT_ID ?? e.ENTRA_CLIENT_ID) as string,
              clientSecret: e.EHCP_GRAPH_CLIENT_SECRET,
              authorityHost: e.EHCP_AUTHORITY_HOST,
              baseUrl: e.EHCP_GRAPH_BASE_URL.replace(/\/v1\.0\/?$/, ''),
            }
          : undefined,
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
