import type { IAdaptiveCard } from '../teams/sdk/cards';
import type { StoredConversation } from '../store/conversations';
import type { ConversationAddress, ProactiveMessage } from '../teams/sdk/proactive';

/**
 * What the sweeper delivers through, each optional (a council may have Teams, email, or
 * both). Small structural interfaces so tests pass the real adapters pointed at local
 * stand-ins, and the bot's own sender can be used at merge.
 */
export interface ReminderChannels {
  /** A Teams proactive message (bot/teams/proactive.ts). */
  teams?: { send(to: ConversationAddress, message: ProactiveMessage): Promise<{ id: string }> } | undefined;
  /**
   * Installs the app for a user of the council's tenant through Graph (ensureAppInstalled)
   * and returns the new personal conversation; absent when the council does not allow it.
   */
  installApp?: ((user: { personId: number; aadObjectId: string; tenantId: string }) => Promise<StoredConversation>) | undefined;
  /** Email from the council's shared mailbox through Graph. */
  email?:
    | {
        send(message: { to: string; subject: string; html: string }, tenantId: string): Promise<void>;
        /** The development mailbox (bot/reminders/devChannels.ts): needs no council tenant. */
        local?: boolean;
      }
    | undefined;
  /**
   * The seam for the "decision needed" reminder: the bot area's decision card
   * (bot/teams/cards/decisionCard.ts) for the review, or null to send the reminder card.
   */
  decisionCard?: ((reviewId: string) => Promise<IAdaptiveCard | null>) | undefined;
}
