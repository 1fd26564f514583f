import { twoWeeksBefore } from '../../calendar/periods';
import type { IsoDate, NoticeReading } from '../types';

export const invitationsBySource = 'Reg 20(2)-(3); CoP 9.176, 9.185';

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
