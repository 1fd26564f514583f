import { plusDays } from '../../calendar/londonDay';
import { twoWeeksBefore } from '../../calendar/periods';
import type { IsoDate, NoticeReading } from '../types';

export const invitationsBySource = 'Reg 20(2)-(3); CoP 9.176, 9.185';
export const adviceRequestedBySource = 'Reg 20(4); CoP 9.176; EHC Hub guidance timeline (request week 1, advice week 6, meeting week 8)';
export const adviceCirculatedBySource = 'Reg 20(4); CoP 9.176';

/**
 * Last day invitations can go out: at least two weeks' notice of the meeting
 * (strict: meeting - 15 days; lenient: meeting - 14 days).
 *
 * @example invitationsBy('2026-06-30', 'strict') //=> '2026-06-15'
 * @see Reg 20(2)-(3); CoP 9.176
 */
export function invitationsBy(meeting: IsoDate, reading: NoticeReading): IsoDate {
  return twoWeeksBefore(meeting, reading);
}

/**
 * Good-practice day to request advice from everyone invited: 7 weeks before the
 * meeting (request in week 1, advice in by week 6, meeting in week 8).
 *
 * @example adviceRequestedBy('2026-06-30') //=> '2026-05-12'
 * @see Reg 20(4); CoP 9.176; EHC Hub guidance
 */
export function adviceRequestedBy(meeting: IsoDate): IsoDate {
  return plusDays(meeting, -49);
}

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
