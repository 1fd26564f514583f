import { plusDays } from '../../calendar/londonDay';
import { amendmentNoticeDueSource } from '../../timeline/rules/amendmentNoticeDue';
import { familyResponseBySource } from '../../timeline/rules/familyResponseBy';
import { finalAmendedPlanDueSource } from '../../timeline/rules/finalAmendedPlanDue';
import { oneReminder, URGENCY, weeklyReminders } from '../build';
import { contactRecipient, staffRecipient } from '../recipients';
import { sendDay } from '../sendDays';
import type { ReminderRule } from '../types';
import type { ReminderKindInfo } from './catalogueEntry';

export const amendmentNoticeReminderSource = amendmentNoticeDueSource;
export const familyWindowReminderSource = familyResponseBySource;
export const finalPlanReminderSource = finalAmendedPlanDueSource;

/** A decision to amend whose final plan is not yet issued. */
function amending(state: Parameters<ReminderRule>[0]): boolean {
  return state.decision?.outcome === 'amend' && !state.amendment?.finalPlanIssuedOn;
}

/**
 * LA officer, when a decision to amend is recorded without its amendment notice: the
 * notice must go with the decision. The day after, and weekly until it is recorded.
 *
 * @example decision to amend notified 2026-11-20, no notice -> 2026-11-23 (Monday), 2026-11-27, ...
 * @see Reg 22(2); R (L) v Devon CC [2022] EWHC 493 (Admin)
 */
export const amendmentNoticeReminders: ReminderRule = (state, ctx) => {
  if (!amending(state) || state.amendment?.noticeServedOn || !state.decision) return [];
  const due = state.timeline.amendmentNoticeDue ?? state.decision.notifiedOn;
  return weeklyReminders('amendment-notice-missing', staffRecipient(state, 'la-officer'), plusDays(state.decision.notifiedOn, 1), ctx, {
    deadline: due,
    source: amendmentNoticeReminderSource,
    urgency: URGENCY.overdue,
    action: `The decision to amend was notified on ${state.decision.notifiedOn} but no amendment notice is recorded: serve the notice with the proposed amendments and evidence, and record the day served.`,
  });
};

/**
 * LA officer, on the last day of the family's 15 days to respond to the proposed
 * amendments (notice + 14 days) while no response is recorded: the plan may be
 * finalised only after it.
 *
 * @example notice served 2026-11-20 -> window ends 2026-12-04
 * @see Reg 22(2)(c); CoP 9.194
 */
export const familyWindowReminders: ReminderRule = (state, ctx) => {
  const ends = state.timeline.familyResponseBy;
  if (!amending(state) || !ends || state.amendment?.familyRespondedOn) return [];
  return [
    oneReminder('family-window-closing', staffRecipient(state, 'la-officer'), ends, ctx, {
      deadline: ends,
      expiresOn: ends,
      shift: 'earlier',
      urgency: URGENCY.today,
      source: familyWindowReminderSource,
      action: `The family's 15 days to respond to the proposed amendments end on ${ends}: record any response; finalise the plan only after that day.`,
    }),
  ];
};

/** The default of the council setting `familyResponseReminderDays`. */
export const DEFAULT_FAMILY_REMINDER_DAYS = 5;

/**
 * The family (the young person, or else the parent, as invited), by email, a few days
 * before their 15 days to respond to the proposed amendments end (a council setting,
 * default 5 days before; 0 turns it off), while no response is recorded. Never before the
 * day after the notice was served, so a short setting cannot make it arrive with the
 * notice; not for a family who asked to be written to by post (no email reaches them), nor
 * one with no address. It says what they may do: comment, ask for a meeting, ask for a
 * particular school or college to be named.
 *
 * @example notice served 2026-11-20 -> window ends 2026-12-04 -> the family is reminded on 2026-11-29, sent Friday 2026-11-27
 * @see Reg 22(2)(c); CoP 9.194
 */
export const familyResponseReminders: ReminderRule = (state, ctx) => {
  const ends = state.timeline.familyResponseBy;
  const served = state.amendment?.noticeServedOn;
  const days = state.familyReminderDaysBefore ?? DEFAULT_FAMILY_REMINDER_DAYS;
  if (!amending(state) || !ends || !served || days <= 0 || state.amendment?.familyRespondedOn || state.familyContact === 'post') return [];
  const family = state.invitees.find((i) => i.role === 'young-person' && i.email) ?? state.invitees.find((i) => i.role === 'parent' && i.email);
  if (!family) return [];
  const earliest = plusDays(served, 1);
  const wanted = plusDays(ends, -days);
  // ISO dates compare as text; Math.max does not apply to them.
  // biome-ignore lint/complexity/useMathMinMax: the operands are YYYY-MM-DD strings, not numbers.
  const dueOn = wanted < earliest ? earliest : wanted;
  if (dueOn > ends) return [];
  const reminder = oneReminder('family-response-reminder', contactRecipient(family), dueOn, ctx, {
    deadline: ends,
    expiresOn: ends,
    shift: 'earlier',
    urgency: URGENCY.ahead,
    source: familyWindowReminderSource,
    link: { to: 'reply' },
    action: `You have until ${ends} to tell us what you think of the changes we propose to the plan: you can comment on them, ask to meet us, and ask for a particular school or college to be named. Reply to this email, or contact the SEND team named in our letter. We will not finalise the plan before then.`,
  });
  // Moved to an earlier working day, it still never goes before the day after the notice: the next working day from then.
  return [reminder.sendOn < earliest ? { ...reminder, sendOn: sendDay(earliest, family.role, 'later', ctx.terms) } : reminder];
};

/**
 * LA officer, while the final amended plan is not issued: 7 days before it is due
 * (notice + 8 weeks, or the phase-transfer deadline), then the day after and weekly
 * while overdue.
 *
 * @example notice served 2026-11-20 -> due 2027-01-15; soon 2027-01-08; overdue 2027-01-16 (sent Monday 2027-01-18), ...
 * @see Reg 22(3); CoP 9.194; Reg 18
 */
export const finalPlanReminders: ReminderRule = (state, ctx) => {
  const due = state.timeline.finalAmendedPlanDue;
  if (!amending(state) || !due) return [];
  const officer = staffRecipient(state, 'la-officer');
  const common = { deadline: due, source: finalPlanReminderSource };
  return [
    oneReminder('final-plan-due-soon', officer, plusDays(due, -7), ctx, {
      ...common,
      expiresOn: due,
      shift: 'earlier',
      urgency: URGENCY.ahead,
      action: `The final amended plan is due in 7 days, by ${due}: issue it (dated, marked as amended) or tell the family it will not be amended, with reasons and appeal rights.`,
    }),
    ...weeklyReminders('final-plan-overdue', officer, plusDays(due, 1), ctx, {
      ...common,
      urgency: URGENCY.overdue,
      action: `The final amended plan was due on ${due}: issue it now and record the date.`,
    }),
  ];
};

export const amendmentReminderInfo: ReminderKindInfo[] = [
  { kind: 'amendment-notice-missing', who: 'LA officer', when: 'the day after a decision to amend with no notice recorded, then weekly', rule: 'amendment notice with the decision', source: amendmentNoticeReminderSource },
  { kind: 'family-window-closing', who: 'LA officer', when: "the last day of the family's 15 days (notice + 14 days), while no response is recorded", rule: "family's 15 days to respond", source: familyWindowReminderSource },
  {
    kind: 'family-response-reminder',
    who: 'the family (young person or parent), by email',
    when: "a council setting's days (default 5) before the family's 15 days end, never before the day after the notice; not for a family who asked for post",
    rule: "family's 15 days to respond",
    source: familyWindowReminderSource,
  },
  { kind: 'final-plan-due-soon', who: 'LA officer', when: '7 days before the final amended plan is due', rule: 'final plan within 8 weeks of the notice', source: finalPlanReminderSource },
  { kind: 'final-plan-overdue', who: 'LA officer', when: 'the day after the final plan was due, then weekly until it is issued', rule: 'final plan within 8 weeks of the notice', source: finalPlanReminderSource },
];
