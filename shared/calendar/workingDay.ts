import { isWorkingDay } from '../reminders/sendDays';
import type { IsoDate } from '../timeline/types';
import { plusDays } from './londonDay';

/**
 * The last working day on or before `date`: a legal "by" date that falls on a weekend or a
 * bank holiday still counts, but nobody is at work to do it then, so people are told the
 * working day before it.
 *
 * @example lastWorkingDayBy('2026-12-13') //=> '2026-12-11' (Sunday to Friday)
 */
export function lastWorkingDayBy(date: IsoDate): IsoDate {
  let d = date;
  while (!isWorkingDay(d)) d = plusDays(d, -1);
  return d;
}
