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
    HOST: z.string().min(1).optional(),
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
    // Teams bot (#9): the Azure Bot registration, and where its channel tokens are checked.
    BOT_CLIENT_ID: z.string().uuid().optional(),
    BOT_CLIENT_SECRET: z.string().min(1).optional(),
    BOT_TENANT_ID: z.string().min(1).optional(),
    BOT_OPENID_METADATA_URL: z.string().url().default('https://login.botframework.com/v1/.well-known/openidconfiguration'),
    BOT_TOKEN_ISSUER: z.string().min(1).default('https://api.botframework.com'),
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
    if (e.BOT_OPENID_METADATA_URL && !/\/openidconfiguration$/.test(e.BOT_OPENID_METADATA_URL)) {
      ctx.addIssue({ code: 'custom', path: ['BOT_OPENID_METADATA_URL'], message: 'must end in /openidconfiguration (the keys are read from the same path ending in /keys)' });
    }
    return {
      production,
      port: e.PORT,
      // Development listens on the loopback interface only: the bot accepts token-less
      // requests from there, and nothing else should reach a laptop's demo data.
      host: e.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
      dataDir: path.resolve(e.DATA_DIR),
      databaseUrl: e.DATABASE_URL,
      authMode,
      entra: { clientId: e.ENTRA_CLIENT_ID ?? '', allowedTenants: tenants, authorityHost: e.ENTRA_AUTHORITY_HOST.replace(/\/+$/, '') },
      publicUrl: e.PUBLIC_URL,
      seedDemo: e.SEED_DEMO ? e.SEED_DEMO === 'true' : authMode === 'dev',
      logLevel: e.LOG_LEVEL,
      shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
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
