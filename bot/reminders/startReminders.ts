import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Config } from '../config/env';
import { appGraphClient, type GraphClient } from '../graph/client';
import { sendMail } from '../graph/mail';
import { ensureAppInstalled } from '../graph/teamsApps';
import { brokerForSettings } from '../identity/brokerForSettings';
import { TokenBroker } from '../identity/tokenBroker';
import type { Logger } from '../log/logger';
import { rememberConversation, type StoredConversation } from '../store/conversations';
import type { Db } from '../store/db';
import { proactiveSender } from '../teams/sdk/proactive';
import type { ReminderChannels } from './channels';
import type { DevMailbox } from '../dev/devMailbox';
import { developmentChannels } from './devChannels';
import { defaultSweepPolicy } from './policy';
import { type RunningSweeper, startSweeper } from './sweeper';

/** The Bot Connector's scope for the bot's client-credentials token. */
export const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com/.default';

/** The channels the configuration allows: Teams with the bot's credentials, email with Graph and a shared mailbox. */
export function reminderChannelsFromConfig(config: Config, db: Db, logger: Logger, options: { identityFetch?: typeof fetch } = {}): ReminderChannels {
  const channels: ReminderChannels = {};
  const r = config.reminders;
  const authorityHost = config.graph?.authorityHost;
  const fetchOption = options.identityFetch ? { fetch: options.identityFetch } : {};
  if (config.proactive) {
    const bot = config.proactive;
    const broker = new TokenBroker({ clientId: bot.clientId, clientSecret: bot.clientSecret, appScopes: [BOT_FRAMEWORK_SCOPE], logger, ...fetchOption, ...(authorityHost ? { authorityHost } : {}) });
    channels.teams = proactiveSender({ token: async () => (await broker.appToken(bot.tenantId)).token, timeoutMs: r.sendTimeoutMs });
  }
  if (config.graph) {
    const graph = config.graph;
    const broker = brokerForSettings(graph, logger, fetchOption);
    const clients = new Map<string, GraphClient>();
    // The sweeper owns retries (Retry-After, backoff, dead letters), so the Graph client makes none of its own.
    const client = (tenantId: string) => {
      let gc = clients.get(tenantId);
      if (!gc) {
        gc = appGraphClient(broker, tenantId, { baseUrl: graph.baseUrl, timeoutMs: r.sendTimeoutMs, retry: { maxRetries: 0 }, logger });
        clients.set(tenantId, gc);
      }
      return gc;
    };
    if (r.mailbox) {
      const mailbox = r.mailbox;
      channels.email = {
        send: async (m, tenantId) => {
          await sendMail(client(tenantId), mailbox, { to: [{ email: m.to }], subject: m.subject, body: { html: m.html } });
        },
      };
    }
    if (r.teamsAppId && config.proactive) {
      const { teamsAppId } = r;
      const bot = config.proactive;
      channels.installApp = async (user) => {
        const { chatId } = await ensureAppInstalled(client(user.tenantId), { userId: user.aadObjectId, teamsAppId });
        const conversation: StoredConversation = {
          conversationId: chatId,
          conversationType: 'personal',
          serviceUrl: bot.serviceUrl,
          tenantId: user.tenantId,
          botId: `28:${bot.clientId}`,
          personId: user.personId,
          aadObjectId: user.aadObjectId,
        };
        await db.transaction((tx) => rememberConversation(tx, conversation));
        return conversation;
      };
    }
  }
  return channels;
}

/** Starts the sweeper inside the service when reminders are on; says which channels it has. */
export function startReminders(
  config: Config,
  deps: {
    db: Db;
    now: () => Date;
    publicUrl: () => string;
    logger: Logger;
    channels?: ReminderChannels | undefined;
    /** Development: where the local channels put email (config.reminders.local). */
    devMailbox?: DevMailbox | undefined;
    decisionCard?: ReminderChannels['decisionCard'];
  },
): RunningSweeper | undefined {
  if (!config.reminders.enabled) {
    deps.logger.info('reminders off', { reason: 'no Teams (BOT_*) or email (REMINDERS_MAILBOX, EHCP_GRAPH_*) channel configured, or REMINDERS=off' });
    return undefined;
  }
  // The "decision needed" reminder is the bot's decision card, so the officer decides from it.
  const local = !deps.channels && config.reminders.local && deps.devMailbox;
  const configured = deps.channels ?? (local && deps.devMailbox ? developmentChannels(deps.devMailbox, { now: deps.now, timeoutMs: config.reminders.sendTimeoutMs }) : reminderChannelsFromConfig(config, deps.db, deps.logger));
  const channels = { decisionCard: deps.decisionCard, ...configured };
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  deps.logger.info('reminders on', {
    owner,
    teams: Boolean(channels.teams),
    email: Boolean(channels.email),
    installApp: Boolean(channels.installApp),
    ...(local ? { development: 'local channels: Agents Playground conversations, and email to the mailbox at /dev/mail' } : {}),
  });
  return startSweeper({
    db: deps.db,
    channels,
    now: deps.now,
    owner,
    policy: { ...defaultSweepPolicy, maxAttempts: config.reminders.maxAttempts, baseDelayMs: config.reminders.retryBaseMs },
    leaseMs: config.reminders.leaseMs,
    sendTimeoutMs: config.reminders.sendTimeoutMs,
    batchSize: config.reminders.batchSize,
    intervalMs: config.reminders.sweepIntervalMs,
    publicUrl: deps.publicUrl,
    defaultCouncilTenant: config.proactive?.tenantId ?? null,
    logger: deps.logger,
  });
}
