import { twoWeeksBefore } from '../../calendar/periods';
import { plusDays } from '../../calendar/londonDay';
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

export const adviceDueBySource = 'Reg 20(4); CoP 9.176 (days before circulation: a council setting)';

/**
 * The day advice is asked for by: `leadDays` (a council setting, default 7) before the
 * circulation date, so whoever runs the review has time to collate the pack and send it
 * to everyone invited two weeks before the meeting.
 *
 * @example adviceDueBy('2026-06-30', 'strict') //=> '2026-06-08'
 * @see Reg 20(4); CoP 9.176
 */
export function adviceDueBy(meeting: IsoDate, reading: NoticeReading, leadDays = 7): IsoDate {
  return plusDays(twoWeeksBefore(meeting, reading), -leadDays);
}
