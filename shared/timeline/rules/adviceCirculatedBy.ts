import { twoWeeksBefore } from '../../calendar/periods';
import type { IsoDate, NoticeReading } from '../types';

export const adviceCirculatedBySource = 'Reg 20(4); CoP 9.176';

/**
 * Last day all advice gathered must reach everyone invited: at least two weeks
 * before the meeting (same notice reading as invitations).
 *
 * @example adviceCirculatedBy('2026-06-30', 'lenient') //=> '2026-06-16'
 * @see Reg 20(4); CoP 9.176
 */
export function adviceCirculatedBy(meeting: IsoDate, reading: NoticeReading): IsoDate {
  return twoWeeksBefore(meeting, reading);
}
