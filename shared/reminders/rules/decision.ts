import { plusDays } from '../../calendar/londonDay';
import { decisionDueSource } from '../../timeline/rules/decisionDue';
import { oneReminder, URGENCY, weeklyReminders } from '../build';
import { staffRecipient } from '../recipients';
import type { Reminder, ReminderRule } from '../types';
import type { ReminderKindInfo } from './catalogueEntry';

export const decisionReminderSource = decisionDueSource;

/**
 * LA officer, until the decision is recorded: on the meeting day and when the report
 * arrives (decision needed; the report is not a condition), 7 days before the decision is due, on the day, and the day after and weekly
 * while overdue; the overdue ones go to the LA manager too.
 *
 * @example meeting 2026-11-05 -> decision due 2026-12-03; soon 2026-11-26; overdue 2026-12-04, 2026-12-11, ...
 * @see Reg 20(10); CoP 9.169, 9.176
 */
export const decisionReminders: ReminderRule = (state, ctx) => {
  const due = state.timeline.decisionDue;
  const meeting = state.meeting;
  if (!meeting || !due || state.decision) return [];
  const officer = staffRecipient(state, 'la-officer');
  const common = { deadline: due, source: decisionReminderSource };
  const out: Reminder[] = [];
  // The 4 weeks run from the meeting, report or not (Reg 20(10)): the officer hears on the meeting day, and again when a report arrives.
  out.push(
    oneReminder('decision-needed', officer, meeting.date, ctx, {
      ...common,
      // Once the report arrives, its own "decision needed" takes over.
      expiresOn: state.report && state.report.sentOn > meeting.date ? plusDays(state.report.sentOn, -1) : null,
      shift: 'later',
      urgency: URGENCY.today,
      action: `The review meeting is held today: decide whether to maintain, amend or propose to cease the plan, and notify the family and the head teacher by ${due}, with or without the school's report.`,
    }),
  );
  if (state.report && state.report.sentOn !== meeting.date) {
    out.push(
      oneReminder('decision-needed', officer, state.report.sentOn, ctx, {
        ...common,
        expiresOn: null,
        shift: 'later',
        urgency: URGENCY.today,
        action: `The meeting report has arrived: decide whether to maintain, amend or propose to cease the plan, and notify the family and the head teacher by ${due}.`,
      }),
    );
  }
  const soon = plusDays(due, -7);
  if (soon > meeting.date) {
    out.push(
      oneReminder('decision-due-soon', officer, soon, ctx, {
        ...common,
        expiresOn: plusDays(due, -1),
        shift: 'earlier',
        urgency: URGENCY.ahead,
        action: `The LA's decision on this review is due in 7 days, by ${due}.`,
      }),
    );
  }
  out.push(oneReminder('decision-due', officer, due, ctx, { ...common, expiresOn: due, shift: 'earlier', urgency: URGENCY.today, action: `The LA's decision on this review is due today (${due}): decide and notify the family.` }));
  const overdue = { ...common, urgency: URGENCY.overdue, action: `The LA's decision on this review was due on ${due}: decide and notify the family and the head teacher now.` };
  out.push(...weeklyReminders('decision-overdue', officer, plusDays(due, 1), ctx, overdue));
  out.push(...weeklyReminders('decision-overdue', staffRecipient(state, 'la-manager'), plusDays(due, 1), ctx, overdue));
  return out;
};

export const decisionReminderInfo: ReminderKindInfo[] = [
  { kind: 'decision-needed', who: 'LA officer', when: 'the meeting day, and the day the report is recorded', rule: 'the LA decides maintain, amend or cease, with or without the report', source: decisionReminderSource },
  { kind: 'decision-due-soon', who: 'LA officer', when: '7 days before the decision is due', rule: 'decision within 4 weeks of the meeting', source: decisionReminderSource },
  { kind: 'decision-due', who: 'LA officer', when: 'the day the decision is due', rule: 'decision within 4 weeks of the meeting', source: decisionReminderSource },
  { kind: 'decision-overdue', who: 'LA officer and LA manager', when: 'the day after the decision was due, then weekly until it is recorded', rule: 'decision within 4 weeks of the meeting', source: decisionReminderSource },
];
