import { plusDays } from '../../calendar/londonDay';
import { invitationsBySource } from '../../timeline/rules/invitationsBy';
import { oneReminder, URGENCY } from '../build';
import { staffRecipient } from '../recipients';
import type { ReminderRule } from '../types';
import type { ReminderKindInfo } from './catalogueEntry';

export const invitationsReminderSource = invitationsBySource;

/**
 * SENCO, on the last day invitations can go with at least two weeks' notice, when none
 * are recorded as sent (no meeting booked yet, or booked without invitations).
 *
 * @example meeting 2026-12-10 (strict notice) -> invitations by 2026-11-25
 * @see Reg 20(2)-(3); CoP 9.176, 9.185
 */
export const invitationsReminders: ReminderRule = (state, ctx) => {
  const by = state.timeline.invitationsBy;
  if (!by || state.report || state.decision || state.meeting?.invitationsSentOn) return [];
  const meeting = state.meeting?.date ?? state.timeline.latestMeetingDate;
  return [
    oneReminder('invitations-due', staffRecipient(state, 'senco'), by, ctx, {
      deadline: by,
      expiresOn: plusDays(meeting, -1),
      shift: 'earlier',
      urgency: URGENCY.today,
      source: invitationsReminderSource,
      action: `Send the meeting invitations by ${by} (at least two weeks' notice) to the parent or young person, the school, the LA SEN officer, health and social care, and record them.`,
    }),
  ];
};

export const invitationsReminderInfo: ReminderKindInfo[] = [
  { kind: 'invitations-due', who: 'SENCO', when: 'the invitations-by date, while no invitations are recorded', rule: "invite with at least two weeks' notice", source: invitationsReminderSource },
];
