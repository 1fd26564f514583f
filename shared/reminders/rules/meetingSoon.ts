import { oneReminder, URGENCY } from '../build';
import { contactRecipient, recipientKey } from '../recipients';
import { schoolDaysBefore } from '../sendDays';
import type { Reminder, ReminderRule } from '../types';
import type { ReminderKindInfo } from './catalogueEntry';

export const meetingSoonReminderSource = 'Reg 20(2)-(3); CoP 9.176 (everyone invited to the meeting); reminder 2 school days ahead: this service';

/**
 * Everyone invited, 2 school days before the meeting, with the Teams join link when
 * the meeting is virtual or hybrid. Goes until the meeting day itself.
 *
 * @example meeting Monday 2026-11-23 -> sent Thursday 2026-11-19
 * @see Reg 20(2)-(3); CoP 9.176
 */
export const meetingSoonReminders: ReminderRule = (state, ctx) => {
  const meeting = state.meeting;
  if (!meeting || state.report || state.decision) return [];
  const dueOn = schoolDaysBefore(meeting.date, 2, ctx.terms);
  const online = (meeting.mode === 'virtual' || meeting.mode === 'hybrid') && meeting.teamsJoinUrl;
  const seen = new Set<string>();
  const out: Reminder[] = [];
  for (const invitee of state.invitees) {
    const to = contactRecipient(invitee);
    const key = recipientKey(to);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(
      oneReminder('meeting-soon', to, dueOn, ctx, {
        deadline: meeting.date,
        expiresOn: meeting.date,
        shift: 'earlier',
        urgency: URGENCY.soon,
        source: meetingSoonReminderSource,
        link: online ? { to: 'meeting', joinUrl: meeting.teamsJoinUrl as string } : { to: 'review' },
        action: online
          ? `The annual review meeting is on ${meeting.date}, online in Teams: join with the link, and send any advice beforehand.`
          : `The annual review meeting is on ${meeting.date}: please attend, and send any advice beforehand.`,
      }),
    );
  }
  return out;
};

export const meetingSoonReminderInfo: ReminderKindInfo[] = [
  { kind: 'meeting-soon', who: 'everyone invited', when: '2 school days before the meeting (with the Teams join link when virtual)', rule: 'the review meeting', source: meetingSoonReminderSource },
];
