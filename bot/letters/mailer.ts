import { appGraphClient, type BrokeredClientOptions } from '../graph/client';
import { type MailInput, saveDraft, sendDraftMessage, sendMail } from '../graph/mail';
import { GraphCallError, GraphInputError } from '../graph/errors';
import { IdentityError } from '../identity/errors';
import type { TokenBroker } from '../identity/tokenBroker';
import { LetterMailerError } from './errors';

/**
 * What the letter needs from Microsoft Graph: send from, or save a draft in, a council's
 * shared mailbox, acting as the app in the council's tenant (Mail.Send / Mail.ReadWrite,
 * application permissions, ideally scoped to that mailbox by Exchange RBAC for Applications).
 * Failures are thrown as {@link LetterMailerError}, so the letter code never loads the Graph SDK.
 */
export interface LetterMailer {
  send(tenantId: string, mailbox: string, mail: MailInput): Promise<void>;
  saveDraft(tenantId: string, mailbox: string, mail: MailInput): Promise<{ messageId: string }>;
  /** Sends a draft saved earlier, as it is. */
  sendDraft(tenantId: string, mailbox: string, messageId: string): Promise<void>;
}

/** The Graph-backed mailer: one app-only client per tenant, on the service's token broker. */
export function graphLetterMailer(broker: TokenBroker, options: BrokeredClientOptions = {}): LetterMailer {
  return {
    send: (tenantId, mailbox, mail) => translated(async () => void (await sendMail(appGraphClient(broker, tenantId, options), mailbox, mail))),
    saveDraft: (tenantId, mailbox, mail) => translated(() => saveDraft(appGraphClient(broker, tenantId, options), mailbox, mail)),
    sendDraft: (tenantId, mailbox, messageId) => translated(() => sendDraftMessage(appGraphClient(broker, tenantId, options), mailbox, messageId)),
  };
}

async function translated<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof GraphCallError || error instanceof IdentityError || error instanceof GraphInputError) throw new LetterMailerError(error.code, error.message);
    throw error;
  }
}
