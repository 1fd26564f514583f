import { plusDays } from '../../calendar/londonDay';
import { reportDueSource } from '../../timeline/rules/reportDue';
import { oneReminder, URGENCY, weeklyReminders } from '../build';
import { contactRecipient, staffRecipient } from '../recipients';
import type { Reminder, ReminderRule } from '../types';
import type { ReminderKindInfo } from './catalogueEntry';

export const reportReminderSource = reportDueSource;

/**
 * Whoever runs the review (the SENCO; the LA officer where the council runs it), after
 * the meeting while no report is recorded: on day 7 and day 11 after the meeting, ahead
 * of the report due on day 14; from day 15, weekly while overdue, to the LA case officer
 * and the head teacher (the school's invited representative) as well. A decision taken
 * without the report stops them: the report is still kept if it comes.
 *
 * @example meeting 2026-11-05 -> 2026-11-12 and 2026-11-16 (SENCO); overdue 2026-11-20, 2026-11-27, ... (SENCO, officer, head teacher)
 * @see Reg 20(7)-(8), 20(12); CoP 9.176
 */
export const reportReminders: ReminderRule = (state, ctx) => {
  const due = state.timeline.reportDue;
  if (!state.meeting || !due || state.report || state.decision) return [];
  const councilRuns = state.runBy === 'council' || state.runBy === 'reg21';
  const writer = staffRecipient(state, councilRuns ? 'la-officer' : 'senco');
  const common = { deadline: due, source: reportReminderSource };
  const out: Reminder[] = [];
  for (const day of [7, 11]) {
    const on = plusDays(state.meeting.date, day);
    out.push(
      oneReminder('report-due', writer, on, ctx, {
        ...common,
        expiresOn: day === 7 ? plusDays(state.meeting.date, 10) : due,
        shift: 'earlier',
        urgency: URGENCY.ahead,
        action: `The meeting report is due by ${due} (2 weeks after the meeting): send it to everyone invited, with the recommended amendments and where views differed, and record it.`,
      }),
    );
  }
  const overdue = {
    ...common,
    urgency: URGENCY.overdue,
    action: `The meeting report was due on ${due}: send it to everyone invited and record it. The LA must decide within 4 weeks of the meeting, with or without it.`,
  };
  const first = plusDays(due, 1);
  out.push(...weeklyReminders('report-overdue', writer, first, ctx, overdue));
  if (!councilRuns) {
    out.push(...weeklyReminders('report-overdue', staffRecipient(state, 'la-officer'), first, ctx, overdue));
    const school = state.invitees.find((i) => i.role === 'school');
    out.push(...weeklyReminders('report-overdue', school ? contactRecipient(school) : { role: 'school', personId: null, email: null }, first, ctx, overdue));
  }
  return out;
};

export const reportReminderInfo: ReminderKindInfo[] = [
  { kind: 'report-due', who: 'SENCO (LA officer where the council runs the review)', when: 'day 7 and day 11 after the meeting (the report is due on day 14)', rule: 'report to everyone invited', source: reportReminderSource },
  {
    kind: 'report-overdue',
    who: 'SENCO, LA case officer and head teacher (the school representative invited)',
    when: 'day 15 after the meeting, then weekly until the report or the decision is recorded',
    rule: 'report to everyone invited',
    source: reportReminderSource,
  },
];
