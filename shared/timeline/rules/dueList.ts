import { twoWeeksBefore } from '../../calendar/periods';
import type { IsoDate, NoticeReading } from '../types';

export const dueListSource = 'CoP 9.172';

/**
 * Last day the LA can give each head teacher the list of pupils due a review in
 * the coming term: at least two weeks before the term starts (notice reading applies).
 *
 * @example dueListBy('2027-01-05', 'strict') //=> '2026-12-21'
 * @see CoP 9.172
 */
export function dueListBy(termStart: IsoDate, reading: NoticeReading): IsoDate {
  return twoWeeksBefore(termStart, reading);
}
