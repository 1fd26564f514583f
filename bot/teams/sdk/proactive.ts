import type { IAdaptiveCard } from '@microsoft/teams.cards';
import { Client } from '@microsoft/teams.api';

/**
 * Proactive messages: one activity into a stored conversation, through the Bot Connector
 * REST API (`POST {serviceUrl}/v3/conversations/{id}/activities`,
 * https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference#send-to-conversation)
 * with the Teams SDK's API client. Each conversation is sent to at the service URL Teams
 * gave with it (regional; `app.send` would use one app-wide URL instead, PLATFORM.md).
 * The bot token (client credentials for https://api.botframework.com/.default) comes from
 * the injected `token`, so tests and the token broker plug in alike. The SDK client does
 * not retry; failures come back as {@link ProactiveSendError} for the caller's policy.
 */

/** Where to send: a stored conversation's id and its own service URL. */
export interface ConversationAddress {
  serviceUrl: string;
  conversationId: string;
}

/** What to send: text, Adaptive Cards, or both (the bot's `OutgoingMessage` shape). */
export interface ProactiveMessage {
  text?: string | undefined;
  cards?: IAdaptiveCard[] | undefined;
  /** The notification preview in Teams' activity feed. */
  summary?: string | undefined;
}

export interface ProactiveSendOptions {
  /** The bot's access token for the Bot Connector. */
  token: () => Promise<string>;
  /** Per request, ms. Default 15 s. */
  timeoutMs?: number | undefined;
}

/** A send the connector refused or that did not complete; `status` is absent for timeouts and network failures. */
export class ProactiveSendError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    /** The connector's `Retry-After`, as sent. */
    readonly retryAfter: string | undefined,
  ) {
    super(message);
    this.name = 'ProactiveSendError';
  }
}

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** The Bot Framework message activity for `message`. */
export function proactiveActivity(message: ProactiveMessage) {
  return {
    type: 'message' as const,
    ...(message.text !== undefined ? { text: message.text, textFormat: 'plain' as const } : {}),
    ...(message.summary !== undefined ? { summary: message.summary } : {}),
    ...(message.cards?.length ? { attachments: message.cards.map((content) => ({ contentType: ADAPTIVE_CARD, content })) } : {}),
  };
}

/**
 * Sends `message` to `to` and returns the new activity's id.
 *
 * @example await sendProactive({ serviceUrl: 'https://smba.trafficmanager.net/uk/', conversationId: 'a:1x...' }, { text: 'Hello' }, { token })
 */
export async function sendProactive(to: ConversationAddress, message: ProactiveMessage, options: ProactiveSendOptions): Promise<{ id: string }> {
  const client = new Client(to.serviceUrl, { timeout: options.timeoutMs ?? 15_000 }, { tokenProvider: { getAppToken: () => options.token() } });
  try {
    const resource = await client.conversations.activities(to.conversationId).create(proactiveActivity(message));
    return { id: resource.id };
  } catch (error) {
    throw toProactiveError(error);
  }
}

/** A proactive sender bound to its token, shaped like the bot's `ConversationSender.send`. */
export function proactiveSender(options: ProactiveSendOptions): { send(to: ConversationAddress, message: ProactiveMessage): Promise<{ id: string }> } {
  return { send: (to, message) => sendProactive(to, message, options) };
}

interface AxiosLike {
  message?: string;
  code?: string;
  response?: { status?: number; headers?: Record<string, unknown>; data?: unknown };
}

function toProactiveError(error: unknown): ProactiveSendError {
  if (error instanceof ProactiveSendError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as AxiosLike;
  const status = e.response?.status;
  if (status === undefined) {
    const what = e.code === 'ECONNABORTED' || e.code === 'ETIMEDOUT' ? 'timed out' : `failed (${e.code ?? (error as Error)?.message ?? 'network error'})`;
    return new ProactiveSendError(`The Bot Connector request ${what}.`, undefined, undefined);
  }
  const retryAfter = e.response?.headers?.['retry-after'];
  const body = e.response?.data as { error?: { code?: string; message?: string } } | undefined;
  const said = body?.error?.message ? `: ${String(body.error.message).slice(0, 200)}` : '';
  return new ProactiveSendError(`The Bot Connector answered HTTP ${status}${said}`, status, typeof retryAfter === 'string' ? retryAfter : undefined);
}
