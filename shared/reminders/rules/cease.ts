import { plusDays } from '../../calendar/londonDay';
import { ceaseSource } from '../../timeline/rules/cease';
import { oneReminder, URGENCY } from '../build';
import { staffRecipient } from '../recipients';
import type { Reminder, ReminderRule } from '../types';
import type { ReminderKindInfo } from './catalogueEntry';

/**
 * LA officer, after a proposal to cease: the day after the consultation ends, to decide
 * (cease, notified with its rights to the family, the institution and the commissioning
 * body, or keep the plan); after a cease, the day after the time to appeal ends, to
 * confirm the plan's end date (s45: never automatic, an appeal or mediation moves it).
 *
 * @example proposal 2026-11-02, 15 days -> consultation ends 2026-11-16, reminder 2026-11-17
 * @see CFA 2014 s45; Reg 31(1)-(3)
 */
export const ceaseReminders: ReminderRule = (state, ctx) => {
  const t = state.timeline;
  const out: Reminder[] = [];
  const officer = staffRecipient(state, 'la-officer');
  if (t.ceaseConsultationEnds && !state.cease?.ceasedOn && !state.cease?.kept) {
    out.push(
      oneReminder('cease-consultation-ends', officer, plusDays(t.ceaseConsultationEnds, 1), ctx, {
        deadline: t.ceaseConsultationEnds,
        expiresOn: null,
        shift: 'later',
        urgency: URGENCY.today,
        source: ceaseSource,
        action: `The consultation on the proposal to cease this plan ended on ${t.ceaseConsultationEnds}: decide whether to cease it (notifying the family, the institution and the health commissioning body, with their rights) or keep it.`,
      }),
    );
  }
  if (t.planMaintainedUntil && !state.cease?.planEndConfirmed) {
    out.push(
      oneReminder('plan-end-confirm', officer, plusDays(t.planMaintainedUntil, 1), ctx, {
        deadline: t.planMaintainedUntil,
        expiresOn: null,
        shift: 'later',
        urgency: URGENCY.today,
        source: ceaseSource,
        action: `The time to appeal the decision to cease ended on ${t.planMaintainedUntil}: unless an appeal, mediation or a Tribunal extension is in progress, confirm the day the plan ends (s45).`,
      }),
    );
  }
  return out;
};

export const ceaseReminderInfo: ReminderKindInfo[] = [
  { kind: 'cease-consultation-ends', who: 'LA officer', when: 'the day after the consultation on a proposal to cease ends (a council-set period)', rule: 'cease only after consulting', source: ceaseSource },
  { kind: 'plan-end-confirm', who: 'LA officer', when: 'the day after the time to appeal a cease ends, until the end date is confirmed', rule: 'the plan is kept until the appeal window ends (s45)', source: ceaseSource },
];
