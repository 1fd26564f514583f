import type { IAdaptiveCard } from '@microsoft/teams.cards';

/** An Adaptive Card as the SDK's typed builders produce it (plain JSON once serialised). */
export type Card = IAdaptiveCard;

/** What the bot sends into a conversation: text, cards, or both. */
export interface OutgoingMessage {
  text?: string;
  cards?: Card[];
}

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** The Bot Framework message activity for `message`. */
export function toSdkActivity(message: OutgoingMessage) {
  return {
    type: 'message' as const,
    ...(message.text !== undefined ? { text: message.text, textFormat: 'markdown' as const } : {}),
    ...(message.cards?.length ? { attachments: message.cards.map((content) => ({ contentType: ADAPTIVE_CARD, content })) } : {}),
  };
}

/**
 * The answer to an `adaptiveCard/action` invoke: the card this viewer sees next
 * (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards#response-format).
 */
export function cardInvokeResponse(card: Card): { status: number; body: unknown } {
  return { status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD, value: card } };
}

/** The answer to an invoke the bot cannot act on: a message the viewer reads. */
export function messageInvokeResponse(text: string): { status: number; body: unknown } {
  return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } };
}
