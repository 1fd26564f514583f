import { initialSchema } from './001_initial';
import { idempotencyBodyAsText } from './002_idempotency_body_text';
import { teamsConversations } from './003_teams_conversations';
import { onboarding } from './009_onboarding';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration, in order. Append new ones; never edit or remove a released one. */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial schema', sql: initialSchema },
  { version: 2, name: 'idempotency answers kept as sent', sql: idempotencyBodyAsText },
  { version: 3, name: 'teams conversations', sql: teamsConversations },
  // 4-8 and 10 are assigned to other areas this round (see the round plan); versions need not be contiguous.
  { version: 9, name: 'onboarding: membership source and removal', sql: onboarding },
];
