import type { IsoDate } from '../types';
import { isBankHolidayInEngland } from './bankHolidays';
import { isWeekend, plusDays, plusMonths } from './londonDay';

/**
 * A working day as the Tribunal Procedure (First-tier Tribunal) (Health, Education and
 * Social Care Chamber) Rules 2008 define it (r1(3)): any day but a Saturday, a Sunday,
 * Christmas Day, Good Friday or a bank holiday in England (Good Friday and Christmas Day
 * are in the bank holiday list already).
 * @example isTribunalWorkingDay('2027-12-27') //=> false
 * @see HESC Rules 2008 r12
 */
export function isTribunalWorkingDay(date: IsoDate): boolean {
  return !isWeekend(date) && !isBankHolidayInEngland(date) && date.slice(5) !== '12-25';
}

/** The first working day on or after `date`. */
function workingDayOnOrAfter(date: IsoDate): IsoDate {
  let d = date;
  while (!isTribunalWorkingDay(d)) d = plusDays(d, 1);
  return d;
}

/**
 * The last day of a time limit for starting an appeal, moved as the Tribunal moves it:
 * a limit ending from 25 December to 1 January, or in August, is met on the first
 * working day after 1 January or 31 August (r12(3)); any other limit ending on a day that
 * is not a working day is met on the next working day (r12(2)).
 * @example tribunalLastDay('2027-05-08') //=> '2027-05-10' (a Saturday moves to Monday)
 * @example tribunalLastDay('2026-12-27') //=> '2027-01-04' (after 1 January, and its substitute holiday)
 * @example tribunalLastDay('2027-08-10') //=> '2027-09-01'
 * @see HESC Rules 2008 r12
 */
export function tribunalLastDay(limitEnds: IsoDate): IsoDate {
  const monthDay = limitEnds.slice(5);
  const year = Number(limitEnds.slice(0, 4));
  if (monthDay >= '12-25') return workingDayOnOrAfter(`${year + 1}-01-02`);
  if (monthDay === '01-01') return workingDayOnOrAfter(`${year}-01-02`);
  if (monthDay.startsWith('08-')) return workingDayOnOrAfter(`${year}-09-01`);
  return workingDayOnOrAfter(limitEnds);
}

/**
 * The last day "within N months after" `day`: the corresponding date N months later
 * (sent 5 March, 2 months: 5 May), or the month's last day when it has no such date.
 * Unlike "the period of N months starting with", the day itself is not counted.
 * @example withinMonthsAfter('2027-03-05', 2) //=> '2027-05-05'
 * @example withinMonthsAfter('2026-12-31', 2) //=> '2027-02-28'
 * @see HESC Rules 2008 r20(1)(c); Reg 33; DOMAIN.md "Date arithmetic"
 */
export function withinMonthsAfter(day: IsoDate, months: number): IsoDate {
  return plusMonths(day, months);
}
