import { appendAudit } from './audit';
import type { Queryable } from './db';

export type ConversationType = 'personal' | 'groupChat' | 'channel';

/**
 * What the bot needs to message a conversation later (proactively): the Bot Framework
 * conversation reference, cut to the fields a send uses, and who it reaches.
 */
export interface StoredConversation {
  conversationId: string;
  conversationType: ConversationType;
  /** The regional Bot Connector URL Teams gave with the activity; sends must go there. */
  serviceUrl: string;
  tenantId: string;
  botId: string | null;
  /** Personal scope: the registered person; null for group chats and channels. */
  personId: number | null;
  aadObjectId: string | null;
}

/** A `teams_conversations` row as {@link columns} selects it. */
export interface ConversationRow {
  conversation_id: string;
  conversation_type: ConversationType;
  service_url: string;
  tenant_id: string;
  bot_id: string | null;
  person_id: number | null;
  aad_object_id: string | null;
}

const columns = 'conversation_id, conversation_type, service_url, tenant_id, bot_id, person_id::int as person_id, aad_object_id';

export function conversationFromRow(r: ConversationRow): StoredConversation {
  return {
    conversationId: r.conversation_id,
    conversationType: r.conversation_type,
    serviceUrl: r.service_url,
    tenantId: r.tenant_id,
    botId: r.bot_id,
    personId: r.person_id,
    aadObjectId: r.aad_object_id,
  };
}

/** Whether the reference is stored exactly as `c` (then {@link rememberConversation} would write nothing). */
export async function conversationStoredAs(db: Queryable, c: StoredConversation): Promise<boolean> {
  // Every message asks this: prepared, like the other statements of a "my reviews" turn.
  const [row] = await db.query<ConversationRow>(`select ${columns} from teams_conversations where conversation_id = $1`, [c.conversationId], { prepare: true });
  return row !== undefined && sameConversation(conversationFromRow(row), c);
}

/** Field by field, so the order the fields were built in does not matter. */
export function sameConversation(a: StoredConversation, b: StoredConversation): boolean {
  return (Object.keys(b) as (keyof StoredConversation)[]).every((k) => a[k] === b[k]) && Object.keys(a).length === Object.keys(b).length;
}

/**
 * Stores (or refreshes) a conversation reference; Teams may move a conversation to another
 * service URL, so the latest one wins. Audited, like every change to the store.
 */
export async function rememberConversation(tx: Queryable, c: StoredConversation): Promise<void> {
  const before = await tx.query<ConversationRow>(`select ${columns} from teams_conversations where conversation_id = $1`, [c.conversationId]);
  const previous = before[0] ? conversationFromRow(before[0]) : null;
  // Every message refreshes the reference; most change nothing, so they write nothing.
  if (previous && sameConversation(previous, c)) return;
  await tx.query(
    `insert into teams_conversations (conversation_id, conversation_type, service_url, tenant_id, bot_id, person_id, aad_object_id)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (conversation_id) do update set conversation_type = excluded.conversation_type, service_url = excluded.service_url,
       tenant_id = excluded.tenant_id, bot_id = excluded.bot_id, person_id = excluded.person_id, aad_object_id = excluded.aad_object_id, updated_at = now()`,
    [c.conversationId, c.conversationType, c.serviceUrl, c.tenantId, c.botId, c.personId, c.aadObjectId],
  );
  await appendAudit(tx, null, previous ? 'conversation.updated' : 'conversation.stored', 'teams_conversation', c.conversationId, previous, c);
}

/** Forgets a conversation (the app was uninstalled or removed from the chat). True if one was stored. */
export async function forgetConversation(tx: Queryable, conversationId: string): Promise<boolean> {
  const rows = await tx.query<ConversationRow>(`delete from teams_conversations where conversation_id = $1 returning ${columns}`, [conversationId]);
  if (!rows[0]) return false;
  await appendAudit(tx, null, 'conversation.removed', 'teams_conversation', conversationId, conversationFromRow(rows[0]), null);
  return true;
}

/** The person's personal chat with the bot, if they have installed it; the newest if several. */
export async function personalConversationFor(db: Queryable, personId: number): Promise<StoredConversation | null> {
  const rows = await db.query<ConversationRow>(
    `select ${columns} from teams_conversations where person_id = $1 and conversation_type = 'personal' order by updated_at desc limit 1`,
    [personId],
  );
  return rows[0] ? conversationFromRow(rows[0]) : null;
}
