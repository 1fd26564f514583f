/**
 * Where the bot can reach a person or a chat in Teams: the conversation reference a Teams
 * install or message gives us (Bot Framework `ConversationReference`: conversation id,
 * service URL, tenant), matched to the registered person by tenant and Entra object id.
 * The bot writes it on install or first message and removes it on uninstall; the reminder
 * sweeper reads it to send proactive messages.
 */
export const teamsConversations = `
create table teams_conversations (
  conversation_id text primary key check (length(conversation_id) between 1 and 512),
  conversation_type text not null check (conversation_type in ('personal', 'groupChat', 'channel')),
  service_url text not null check (service_url ~ '^https?://'),
  tenant_id text not null,
  -- the bot's own channel account id in that conversation (28:...)
  bot_id text,
  -- personal scope: the registered person it reaches; null for group chats and channels
  person_id bigint references people (id),
  -- who installed the app or first messaged it
  aad_object_id text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index teams_conversations_person on teams_conversations (person_id) where conversation_type = 'personal';
`;
