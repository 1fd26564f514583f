#!/usr/bin/env node
import { ConfigError, loadConfig } from '../config/env';
import { describeStore } from '../store/openStore';
import { startService } from './startService';

/**
 * `npm start`: the service on the embedded store by default. Prints where it listens and
 * how to sign in; stops gracefully on SIGTERM or Ctrl-C.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const service = await startService(config);
  const lines = [
    '',
    `EHCP Review Assistant is running at ${service.url}`,
    `  store:    ${describeStore(config)}`,
    `  health:   ${service.url}/healthz   ready: ${service.url}/readyz`,
    `  API:      ${service.url}/api/reviews   (OpenAPI: ${service.url}/api/openapi.json)`,
    `  Teams bot: ${service.url}/api/messages   (${
      config.bot.auth === 'bot-framework'
        ? `Bot Framework channel tokens for app ${config.bot.clientId}`
        : config.bot.auth === 'local'
          ? 'development: requests from this machine without a token, e.g. Microsoft 365 Agents Playground'
          : 'off: set BOT_CLIENT_ID'
    })`,
  ];
  if (config.authMode === 'dev') {
    lines.push(
      '',
      '  DEVELOPMENT SIGN-IN: tokens from a local key, not Microsoft Entra ID. Do not use with real children’s data.',
      '  Get a token:  npx ehcp-review dev-token --role la-officer --org demo-council',
      `  Then:         curl -H "Authorization: Bearer $TOKEN" ${service.url}/api/reviews`,
    );
    if (config.reminders.local && config.reminders.enabled) lines.push(`  Reminders:    development channels; email at ${service.url}/dev/mail, Teams to Agents Playground`);
    lines.push(`  Tour:         npx ehcp-review tour${service.url === 'http://127.0.0.1:3978' ? '' : ` --url ${service.url}`}   (one demo review through every step, in another terminal)`);
  } else {
    lines.push(`  sign-in:  Microsoft Entra ID, app ${config.entra.clientId}, tenants ${config.entra.allowedTenants.join(', ')}`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
  const shutdown = (signal: string) => {
    process.stdout.write(`${signal}: finishing requests in flight, then closing the store…\n`);
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : `The service could not start: ${(error as Error).message}`}\n`);
  process.exit(1);
});
