import { lastDayBeginningWith } from '../../calendar/periods';
import type { IsoDate } from '../types';
import { appealDeadline } from './appealDeadline';

export const ceaseSource = 'CFA 2014 s45; Regs 29-31; CoP 9.199-9.210';

/**
 * Last day of the consultation on a proposal to cease: `days` beginning with the day the
 * Reg 31(1)(a) notice went to the family and the institution named. The regulations set
 * no period, so the council sets it (default 15 days, as for proposed amendments).
 *
 * @example ceaseConsultationEnds('2026-11-02', 15) //=> '2026-11-16'
 * @see Reg 31(1)(a); CoP 9.203
 */
export function ceaseConsultationEnds(proposalNotified: IsoDate, days: number): IsoDate {
  return lastDayBeginningWith(proposalNotified, days);
}

/**
 * The day the product proposes the plan ends after a decision to cease: the plan stays
 * maintained until the time to appeal has passed with no appeal (s45), so the last day to
 * appeal. An officer confirms it: a mediation certificate, an appeal or a Tribunal
 * extension moves it, never automatically.
 *
 * @example proposedPlanEnd('2026-11-20') //=> '2027-01-20'
 * @example proposedPlanEnd('2026-11-10') //=> '2027-01-11' (10 January 2027 is a Sunday: HESC r12)
 * @see CFA 2014 s45; Reg 31(2)-(3); HESC Rules 2008 r20(1)(c)
 */
export function proposedPlanEnd(ceaseNotified: IsoDate, mediationCertificate?: IsoDate): IsoDate {
  return appealDeadline(ceaseNotified, mediationCertificate);
}
