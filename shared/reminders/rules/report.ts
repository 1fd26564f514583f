import { reportDueSource } from '../../timeline/rules/reportDue';
import { oneReminder, URGENCY, weeklyReminders } from '../build';
import { staffRecipient } from '../recipients';
import type { ReminderRule } from '../types';
import type { ReminderKindInfo } from './catalogueEntry';
import { plusDays } from '../../calendar/londonDay';

export const reportReminderSource = reportDueSource;

/**
 * SENCO, after the meeting while no report is recorded: on the day it is due
 * (meeting + 14 days), then the day after and weekly while overdue.
 *
 * @example meeting 2026-11-05 -> report due 2026-11-19; overdue 2026-11-20, 2026-11-27, ...
 * @see Reg 20(7)-(8); CoP 9.176
 */
export const reportReminders: ReminderRule = (state, ctx) => {
  const due = state.timeline.reportDue;
  if (!state.meeting || !due || state.report || state.decision) return [];
  const to = staffRecipient(state, 'senco');
  const common = { deadline: due, source: reportReminderSource };
  return [
    oneReminder('report-due', to, due, ctx, {
      ...common,
      expiresOn: due,
      shift: 'earlier',
      urgency: URGENCY.today,
      action: `Send the meeting report to everyone invited, with recommended amendments, by ${due}, and record it.`,
    }),
    ...weeklyReminders('report-overdue', to, plusDays(due, 1), ctx, {
      ...common,
      urgency: URGENCY.overdue,
      action: `The meeting report was due on ${due}: send it to everyone invited and record it, so the LA can decide in time.`,
    }),
  ];
};

export const reportReminderInfo: ReminderKindInfo[] = [
  { kind: 'report-due', who: 'SENCO', when: 'the day the report is due (meeting + 14 days)', rule: 'report to everyone invited', source: reportReminderSource },
  { kind: 'report-overdue', who: 'SENCO', when: 'the day after the report was due, then weekly until it is recorded', rule: 'report to everyone invited', source: reportReminderSource },
];
