import type { Request, RequestHandler } from 'express';
import type { AppDeps } from '../app/task';
import type { Config } from '../config/env';
import { createBot } from './bot';
import { type DecisionCardDelivery, sendDecisionCardToOfficers } from './decision/sendDecisionCard';
import { loggingOnFileReceived, type OnFileReceived } from './hooks';
import { type ConversationSender, createTeamsChannel, type TeamsChannel } from './sdk/channel';

export type { FileReceivedResult, FileSender, OnFileReceived, TeamsFile } from './hooks';

/** What the service can inject into the bot (tests, benchmarks, and the areas wired at merge). */
export interface TeamsBotOptions {
  onFileReceived?: OnFileReceived | undefined;
  /** Outbound token instead of client credentials (local connector stand-ins only). */
  outboundToken?: (() => Promise<string>) | undefined;
}

export interface TeamsBot {
  /** The express handler for `POST /api/messages`. */
  endpoint: RequestHandler;
  /** Sends and updates activities in stored conversations (proactive messages). */
  sender: ConversationSender;
  /** Sends the decision card to the council's officers (when a school's report arrives). */
  sendDecisionCard(reviewId: string): Promise<DecisionCardDelivery>;
}

/**
 * The Teams bot on the service's own express app and port. Authentication: with a
 * BOT_CLIENT_ID, every request needs a Bot Framework channel token (checked by the SDK:
 * issuer, audience, keys, expiry, `serviceurl`). Without one, in development only, requests
 * from the loopback interface are taken without a token (Agents Playground); anything else
 * is refused, and with NODE_ENV=production the bot is off.
 */
export async function createTeamsBot(config: Config, deps: AppDeps & { publicUrl: () => string }, options: TeamsBotOptions = {}): Promise<TeamsBot> {
  let channel: TeamsChannel | undefined;
  const sender: ConversationSender = {
    send: (to, message) => (channel as TeamsChannel).send(to, message),
    update: (to, id, message) => (channel as TeamsChannel).update(to, id, message),
  };
  const bot = createBot({
    ...deps,
    sender,
    anyTenant: config.bot.auth === 'local',
    onFileReceived: options.onFileReceived ?? loggingOnFileReceived(deps.logger),
  });
  channel = await createTeamsChannel(
    {
      clientId: config.bot.auth === 'bot-framework' ? config.bot.clientId : '',
      clientSecret: config.bot.clientSecret,
      tenantId: config.bot.tenantId,
      openIdMetadataUrl: config.bot.openIdMetadataUrl,
      tokenIssuer: config.bot.tokenIssuer,
      outboundToken: options.outboundToken,
      logger: deps.logger,
    },
    bot,
  );
  const ready = channel;
  const endpoint: RequestHandler = async (req, res) => {
    if (config.bot.auth === 'off') {
      res.status(503).json({ error: 'bot-not-configured', message: 'The Teams bot is off: set BOT_CLIENT_ID (and BOT_CLIENT_SECRET) for the Azure Bot registration.' });
      return;
    }
    const trustedLocal = config.bot.auth === 'local' && isLoopback(req);
    if (config.bot.auth === 'local' && !trustedLocal) {
      res.status(401).json({ error: 'unauthenticated', message: 'Without BOT_CLIENT_ID the bot takes requests from this machine only (development).' });
      return;
    }
    const answer = await ready.handle({ body: req.body, headers: req.headers, trustedLocal });
    if (answer.body === undefined) res.status(answer.status).end();
    else res.status(answer.status).json(answer.body);
  };
  return {
    endpoint,
    sender,
    sendDecisionCard: (reviewId) => sendDecisionCardToOfficers({ ...deps, sender }, reviewId),
  };
}

/** The TCP peer, never a forwarded-for header: a proxy on this machine must not make remote callers local. */
function isLoopback(req: Request): boolean {
  const peer = req.socket.remoteAddress ?? '';
  return peer === '127.0.0.1' || peer === '::1' || peer === '::ffff:127.0.0.1';
}
