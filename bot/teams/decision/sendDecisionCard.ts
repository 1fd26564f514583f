import type { Logger } from '../../log/logger';
import { personalConversationFor } from '../../store/conversations';
import { councilOfficers } from '../../store/organisations';
import type { Db } from '../../store/db';
import { decisionCard } from '../cards/decisionCard';
import type { ConversationSender } from '../sdk/channel';
import type { Card } from '../sdk/outgoing';
import { awaitsDecision, decisionSubject } from '../../store/reviews/decisionSubject';

export interface SendDecisionCardDeps {
  db: Db;
  sender: ConversationSender;
  today: () => string;
  publicUrl: () => string;
  logger: Logger;
}

/** How a proactive send went: officers reached, and those with no personal chat with the bot (email them instead). */
export interface DecisionCardDelivery {
  sent: number;
  unreachable: number[];
}

/**
 * Sends the decision card to each LA officer of the review's council in their personal
 * chat with the bot (stored on install or first message), when a school's report arrives.
 * A personal chat has one viewer, the officer, so the card sent is their form; it still
 * refreshes, so a decision taken elsewhere shows when they open it. The reminder engine
 * calls this for its "report arrived, decision needed" reminder.
 */
/**
 * The decision form for a review awaiting its decision, as an officer opens it; null once
 * the review no longer awaits one. The reminder engine sends it as its "decision needed"
 * reminder, so officers decide from the reminder itself.
 */
export async function decisionFormCard(deps: Pick<SendDecisionCardDeps, 'db' | 'today' | 'publicUrl'>, reviewId: string): Promise<Card | null> {
  const subject = await decisionSubject(deps.db, reviewId, deps.today());
  if (!subject || !awaitsDecision(subject)) return null;
  return decisionCard({ subject, view: { kind: 'form' }, refreshUserIds: [], publicUrl: deps.publicUrl(), today: deps.today() });
}

export async function sendDecisionCardToOfficers(deps: SendDecisionCardDeps, reviewId: string): Promise<DecisionCardDelivery> {
  const subject = await decisionSubject(deps.db, reviewId, deps.today());
  if (!subject || !awaitsDecision(subject)) return { sent: 0, unreachable: [] };
  const delivery: DecisionCardDelivery = { sent: 0, unreachable: [] };
  for (const officerId of await councilOfficers(deps.db, subject.councilId)) {
    const conversation = await personalConversationFor(deps.db, officerId);
    if (!conversation) {
      delivery.unreachable.push(officerId);
      continue;
    }
    const card = decisionCard({ subject, view: { kind: 'form' }, refreshUserIds: [], publicUrl: deps.publicUrl(), today: deps.today() });
    await deps.sender.send(conversation, { cards: [card] });
    delivery.sent++;
  }
  deps.logger.info('decision card sent', { reviewId, sent: delivery.sent, unreachable: delivery.unreachable.length });
  return delivery;
}
