import { adviceReminderInfo } from './rules/advice';
import { amendmentReminderInfo } from './rules/amendment';
import { bookByReminderInfo } from './rules/bookBy';
import { ceaseReminderInfo } from './rules/cease';
import type { ReminderKindInfo } from './rules/catalogueEntry';
import { decisionReminderInfo } from './rules/decision';
import { dueListReminderInfo } from './rules/dueList';
import { invitationsReminderInfo } from './rules/invitations';
import { meetingSoonReminderInfo } from './rules/meetingSoon';
import { nextReviewReminderInfo } from './rules/nextReview';
import { reportReminderInfo } from './rules/report';

export type { ReminderKindInfo } from './rules/catalogueEntry';

/** Every reminder kind with who gets it, when, under which rule and source: the README's table comes from this. */
export const reminderCatalogue: readonly ReminderKindInfo[] = [
  ...dueListReminderInfo,
  ...bookByReminderInfo,
  ...invitationsReminderInfo,
  ...adviceReminderInfo,
  ...meetingSoonReminderInfo,
  ...reportReminderInfo,
  ...decisionReminderInfo,
  ...amendmentReminderInfo,
  ...ceaseReminderInfo,
  ...nextReviewReminderInfo,
];

/** The catalogue as a Markdown table (kind, who, when, rule, source). */
export function reminderTableMarkdown(): string {
  const rows = reminderCatalogue.map((k) => `| \`${k.kind}\` | ${k.who} | ${k.when} | ${k.rule} | ${k.source} |`);
  return ['| kind | who | when | rule | source |', '|---|---|---|---|---|', ...rows].join('\n');
}
