import type { Problem } from './problem';

/** What the running service is configured with (BOT_CLIENT_ID, ENTRA_CLIENT_ID), as env.ts reads them. */
export interface ServiceIdentity {
  botClientId: string;
  entraClientId: string;
}

/**
 * The manifest's bot id is the id the service checks Teams' tokens against (a Bot Connector
 * token's `aud` is the bot's app id; a mismatch means every message gets 401), and its
 * single sign-on app is the one the service accepts tokens for.
 */
export function checkBotId(
  manifest: { bots?: Array<{ botId?: unknown }>; webApplicationInfo?: { id?: unknown } },
  service: ServiceIdentity,
): Problem[] {
  const problems: Problem[] = [];
  const botId = manifest.bots?.[0]?.botId;
  if (typeof botId === 'string' && botId.toLowerCase() !== service.botClientId.toLowerCase()) {
    problems.push({ check: 'bot-id', where: '/bots/0/botId', message: `is ${botId}, but the service runs with BOT_CLIENT_ID=${service.botClientId}; Teams' messages to the bot would be refused. Regenerate the package with the service's settings` });
  }
  const ssoId = manifest.webApplicationInfo?.id;
  if (typeof ssoId === 'string' && ssoId.toLowerCase() !== service.entraClientId.toLowerCase()) {
    problems.push({ check: 'bot-id', where: '/webApplicationInfo/id', message: `is ${ssoId}, but the service accepts tokens for ENTRA_CLIENT_ID=${service.entraClientId}; single sign-on tokens would be refused` });
  }
  return problems;
}
