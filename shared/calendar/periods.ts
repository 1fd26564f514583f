import type { IsoDate, NoticeReading } from '../types';
import { daysInMonth } from './isoDate';
import { memoizeDateFn } from './memo';
import { dayNumber, isoOfDayNumber, isoOfFields, plusDays } from './londonDay';

/**
 * Last day of the period of `months` months "starting with" `start` (the start is
 * day 1). The period ends the day before the corresponding date `months` later;
 * where that month has no corresponding date (29th-31st), on its last day.
 * This is not subDays(addMonths(start, n), 1), which is a day early after a clamp.
 *
 * @example endOfPeriodStartingWith('2026-01-31', 1) //=> '2026-02-28'
 * @example endOfPeriodStartingWith('2026-03-01', 12) //=> '2027-02-28'
 * @see Children and Families Act 2014 s44(1); DOMAIN.md "Date arithmetic"
 */
export const endOfPeriodStartingWith: (start: IsoDate, months: number) => IsoDate = memoizeDateFn(periodEnd);

function periodEnd(start: IsoDate, months: number): IsoDate {
  const day = Number(start.slice(8, 10));
  const monthIndex = Number(start.slice(0, 4)) * 12 + Number(start.slice(5, 7)) - 1 + months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  if (day > daysInMonth(year, month)) {
    return isoOfFields(year, month, daysInMonth(year, month));
  }
  return isoOfDayNumber(dayNumber(isoOfFields(year, month, day)) - 1);
}

/**
 * Last day "within N weeks of" `date`: date + 7N days.
 * @example withinWeeksOf('2026-05-20', 4) //=> '2026-06-17'
 * @see DOMAIN.md "Date arithmetic"
 */
export function withinWeeksOf(date: IsoDate, weeks: number): IsoDate {
  return plusDays(date, weeks * 7);
}

/**
 * Last day of a period of `days` days "beginning with" the day served (day 1).
 * @example lastDayBeginningWith('2026-06-01', 15) //=> '2026-06-15'
 * @see Reg 22(2)(c); DOMAIN.md "Date arithmetic"
 */
export function lastDayBeginningWith(served: IsoDate, days: number): IsoDate {
  return plusDays(served, days - 1);
}

/**
 * Latest day to act for "at least two weeks' notice/before" `event`. Strict reading:
 * 14 clear days between, i.e. event - 15 days; lenient: event - 14 days.
 * @example twoWeeksBefore('2026-06-30', 'strict') //=> '2026-06-15'
 * @see Reg 20(2), 20(4); CoP 9.176; DOMAIN.md "Date arithmetic"
 */
export function twoWeeksBefore(event: IsoDate, reading: NoticeReading): IsoDate {
  return plusDays(event, reading === 'strict' ? -15 : -14);
}
