import { lastDayBeginningWith } from '../../calendar/periods';
import type { IsoDate } from '../types';

export const familyResponseBySource = 'Reg 22(2)(c); CoP 9.194';

/**
 * Last day of the family's 15 days (beginning with the day served) to comment on
 * proposed amendments; the plan must not be finalised before it ends.
 * @example familyResponseBy('2026-07-20') //=> '2026-08-03'
 * @see Reg 22(2)(c); CoP 9.194
 */
export function familyResponseBy(noticeServed: IsoDate): IsoDate {
  return lastDayBeginningWith(noticeServed, 15);
}
