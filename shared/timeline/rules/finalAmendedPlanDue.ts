import { earlier } from '../../calendar/londonDay';
import { withinWeeksOf } from '../../calendar/periods';
import type { IsoDate } from '../types';

export const finalAmendedPlanDueSource = 'Reg 22(3); CoP 9.194; Reg 18 (transfer)';

/**
 * Last day to issue the amended plan (or say it will not be amended): 8 weeks from
 * the amendment notice, or the phase-transfer deadline if that is earlier.
 * @example finalAmendedPlanDue('2026-07-20') //=> '2026-09-14'
 * @example finalAmendedPlanDue('2026-12-20', '2027-02-14') //=> '2027-02-14'
 * @see Reg 22(3); CoP 9.194; Reg 18
 */
export function finalAmendedPlanDue(noticeServed: IsoDate, transferDeadline?: IsoDate | null): IsoDate {
  const eightWeeks = withinWeeksOf(noticeServed, 8);
  return transferDeadline ? earlier(eightWeeks, transferDeadline) : eightWeeks;
}
