import type { ReminderKind } from '../types';

/** One row of the reminder table in the README: what the rule sends, to whom, when, and why. */
export interface ReminderKindInfo {
  kind: ReminderKind;
  who: string;
  when: string;
  rule: string;
  source: string;
}
