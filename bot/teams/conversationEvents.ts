import { type ConversationType, conversationStoredAs, forgetConversation, rememberConversation, sameConversation, type StoredConversation } from '../store/conversations';
import type { Db } from '../store/db';
import type { Principal } from '../store/principal';
import { type Activity, conversationTypeOf, tenantOf } from './activity';

/** What an activity means for the stored conversation reference. */
export type ConversationChange = 'installed' | 'uninstalled' | 'none';

/**
 * Install and uninstall, in Teams' two ways of saying them: `installationUpdate` with
 * action add/remove (personal scope and newer clients), and `conversationUpdate` with the
 * bot among `membersAdded`/`membersRemoved` (added to or removed from a chat or team).
 */
export function conversationChange(activity: Activity): ConversationChange {
  if (activity.type === 'installationUpdate') {
    if (activity.action?.startsWith('add')) return 'installed';
    if (activity.action?.startsWith('remove')) return 'uninstalled';
    return 'none';
  }
  if (activity.type === 'conversationUpdate') {
    const bot = activity.recipient.id;
    if (activity.membersRemoved?.some((m) => m.id === bot)) return 'uninstalled';
    if (activity.membersAdded?.some((m) => m.id === bot)) return 'installed';
  }
  return 'none';
}

/**
 * Stores (or refreshes) the conversation reference for a registered person's install or
 * message: in personal scope it reaches that person; in a chat or team, the conversation.
 * `stored`: the reference as already read with the sender (`findMember`'s `conversation`),
 * so it is not read again.
 */
export async function storeConversation(db: Db, activity: Activity, member: Principal, stored?: StoredConversation | null): Promise<void> {
  const type: ConversationType = conversationTypeOf(activity);
  const reference = {
    conversationId: activity.conversation.id,
    conversationType: type,
    serviceUrl: activity.serviceUrl,
    tenantId: tenantOf(activity) ?? '',
    botId: activity.recipient.id,
    personId: type === 'personal' ? member.personId : null,
    aadObjectId: activity.from.aadObjectId ?? null,
  };
  // Nearly every message finds its reference stored as it is: one read, outside a transaction
  // (a transaction's BEGIN and COMMIT were two of every turn's statements). A change, or a
  // reference changed meanwhile by another turn, is written as before, read again inside.
  if (stored === undefined ? await conversationStoredAs(db, reference) : stored !== null && sameConversation(stored, reference)) return;
  await db.transaction((tx) => rememberConversation(tx, reference));
}

/** Forgets the conversation (uninstalled, or the bot was removed). */
export async function dropConversation(db: Db, activity: Activity): Promise<void> {
  await db.transaction((tx) => forgetConversation(tx, activity.conversation.id));
}
