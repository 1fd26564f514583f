import { withinWeeksOf } from '../../calendar/periods';
import type { IsoDate } from '../types';

export const reportDueSource = 'Reg 20(7)-(8); CoP 9.176';

/**
 * Last day the school sends the meeting report to everyone invited: within 2 weeks.
 * @example reportDue('2026-06-30') //=> '2026-07-14'
 * @see Reg 20(7)-(8); CoP 9.176
 */
export function reportDue(meeting: IsoDate): IsoDate {
  return withinWeeksOf(meeting, 2);
}
