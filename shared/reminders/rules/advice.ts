import { plusDays } from '../../calendar/londonDay';
import { oneReminder, URGENCY, weeklyReminders } from '../build';
import { contactRecipient, staffRecipient } from '../recipients';
import type { Reminder, ReminderRule } from '../types';
import type { ReminderKindInfo } from './catalogueEntry';

export const adviceReminderSource = 'Reg 20(4); CoP 9.176';

/**
 * Each professional asked for advice, while it is outstanding: when asked, 7 days
 * before it is due, on the day, and each week while overdue (until the meeting).
 * Advice is due a council-set number of days (default 7) before it must be circulated
 * (two weeks before the meeting), so the pack can be collated; whoever runs the review is
 * reminded to circulate it on the circulation date.
 *
 * @example asked 2026-11-02, due 2026-11-25: 2026-11-02, 2026-11-18, 2026-11-25, then 2026-12-02 and weekly
 * @see Reg 20(4) (advice sought from everyone invited, circulated two weeks before the meeting); CoP 9.176
 */
export const adviceReminders: ReminderRule = (state, ctx) => {
  if (state.report || state.decision) return [];
  const out: Reminder[] = [];
  const meeting = state.meeting?.date ?? null;
  const circulateBy = state.timeline.adviceCirculatedBy;
  if (meeting && circulateBy && state.adviceRequests.length) {
    // Whoever runs the review sends the pack on the circulation date (Reg 20(4)).
    const writer = staffRecipient(state, state.runBy === 'council' || state.runBy === 'reg21' ? 'la-officer' : 'senco');
    out.push(
      oneReminder('circulate-advice', writer, circulateBy, ctx, {
        deadline: circulateBy,
        expiresOn: plusDays(meeting, -1),
        shift: 'earlier',
        urgency: URGENCY.today,
        source: adviceReminderSource,
        action: `Send the advice and information gathered to everyone invited by ${circulateBy}, two weeks before the meeting on ${meeting}.`,
      }),
    );
  }
  for (const request of state.adviceRequests) {
    if (request.receivedOn) continue;
    const to = contactRecipient(request);
    const due = request.dueOn;
    const common = { deadline: due, source: adviceReminderSource };
    const soon = plusDays(due, -7);
    out.push(
      oneReminder('advice-requested', to, request.requestedOn, ctx, {
        ...common,
        expiresOn: plusDays(due, -1),
        shift: 'later',
        urgency: URGENCY.notice,
        action: `Your advice for this annual review is requested: send it by ${due} so it can be circulated two weeks before the meeting.`,
      }),
    );
    if (soon > request.requestedOn) {
      out.push(
        oneReminder('advice-due-soon', to, soon, ctx, {
          ...common,
          expiresOn: plusDays(due, -1),
          shift: 'earlier',
          urgency: URGENCY.ahead,
          action: `Your advice for this annual review is due in 7 days, by ${due}: send it, or reply if you cannot.`,
        }),
      );
    }
    out.push(
      oneReminder('advice-due', to, due, ctx, { ...common, expiresOn: due, shift: 'earlier', urgency: URGENCY.today, action: `Your advice for this annual review is due today (${due}): send it now.` }),
    );
    out.push(
      ...weeklyReminders(
        'advice-overdue',
        to,
        plusDays(due, 1),
        ctx,
        { ...common, urgency: URGENCY.overdue, action: `Your advice for this annual review was due on ${due} and has not arrived: send it before the meeting${meeting ? ` on ${meeting}` : ''}.` },
        meeting,
      ),
    );
  }
  return out;
};

export const adviceReminderInfo: ReminderKindInfo[] = [
  { kind: 'circulate-advice', who: 'SENCO (LA officer where the council runs the review)', when: 'the circulation date (two weeks before the meeting)', rule: 'advice circulated two weeks before the meeting', source: adviceReminderSource },
  { kind: 'advice-requested', who: 'each professional asked for advice', when: 'the day advice is requested', rule: 'advice sought from everyone invited', source: adviceReminderSource },
  { kind: 'advice-due-soon', who: 'each professional asked for advice', when: '7 days before advice is due (a council-set number of days before the circulation date)', rule: 'advice circulated two weeks before the meeting', source: adviceReminderSource },
  { kind: 'advice-due', who: 'each professional asked for advice', when: 'the day advice is due', rule: 'advice circulated two weeks before the meeting', source: adviceReminderSource },
  { kind: 'advice-overdue', who: 'each professional asked for advice', when: 'the day after it was due, then weekly until it arrives or the meeting is held', rule: 'advice circulated two weeks before the meeting', source: adviceReminderSource },
];
