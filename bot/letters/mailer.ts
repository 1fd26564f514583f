import { appGraphClient, type BrokeredClientOptions } from '../graph/client';
import { type MailInput, saveDraft, sendMail } from '../graph/mail';
import type { TokenBroker } from '../identity/tokenBroker';

/**
 * What the letter needs from Microsoft Graph: send from, or save a draft in, a council's
 * shared mailbox, acting as the app in the council's tenant (Mail.Send / Mail.ReadWrite,
 * application permissions, ideally scoped to that mailbox by Exchange RBAC for Applications).
 */
export interface LetterMailer {
  send(tenantId: string, mailbox: string, mail: MailInput): Promise<void>;
  saveDraft(tenantId: string, mailbox: string, mail: MailInput): Promise<{ messageId: string }>;
}

/** The Graph-backed mailer: one app-only client per tenant, on the service's token broker. */
export function graphLetterMailer(broker: TokenBroker, options: BrokeredClientOptions = {}): LetterMailer {
  return {
    async send(tenantId, mailbox, mail) {
      await sendMail(appGraphClient(broker, tenantId, options), mailbox, mail);
    },
    saveDraft: (tenantId, mailbox, mail) => saveDraft(appGraphClient(broker, tenantId, options), mailbox, mail),
  };
}
