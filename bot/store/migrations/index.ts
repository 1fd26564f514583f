import { initialSchema } from './001_initial';
import { idempotencyBodyAsText } from './002_idempotency_body_text';
import { teamsConversations } from './003_teams_conversations';
import { dashboard } from './010_dashboard';

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
  { version: 10, name: 'dashboard: case officers and report indexes', sql: dashboard },
];
