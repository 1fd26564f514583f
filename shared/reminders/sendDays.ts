import { isBankHolidayInEngland } from '../calendar/bankHolidays';
import { isWeekend, plusDays } from '../calendar/londonDay';
import { isSchoolHoliday, type TermCalendar } from '../calendar/termDates';
import type { IsoDate } from '../timeline/types';
import type { ReminderRole } from './types';

/** How far a send day may move to find a school day: longer than any school holiday. */
const MAX_SHIFT_DAYS = 120;

/**
 * A weekday that is not a bank holiday in England: when councils and NHS trusts work.
 * @example isWorkingDay('2026-12-28') //=> false (the Boxing Day substitute)
 */
export function isWorkingDay(date: IsoDate): boolean {
  return !isWeekend(date) && !isBankHolidayInEngland(date);
}

/**
 * A working day in term time (half terms and holidays excluded), by the council's calendar.
 * @example isSchoolDay('2026-10-27', englandTypicalTerms()) //=> false (autumn half term)
 */
export function isSchoolDay(date: IsoDate, terms: TermCalendar): boolean {
  return isWorkingDay(date) && !isSchoolHoliday(date, terms);
}

/** Schools read their reminders on school days; councils, the NHS and families on working days. */
function readsOnSchoolDays(role: ReminderRole): boolean {
  return role === 'senco' || role === 'school';
}

/**
 * The day a reminder goes out. One that leads up to a deadline moves to the school
 * (or working) day before, so it is never sent after the day it is for; one that
 * follows an event (advice asked, a report arrived, a deadline missed) moves to the
 * day after, so it never goes out before what it reports has happened.
 *
 * @example sendDay('2026-11-22', 'health', 'earlier', terms) //=> '2026-11-20' (Sunday to Friday)
 * @example sendDay('2026-11-22', 'health', 'later', terms) //=> '2026-11-23' (Sunday to Monday)
 * @example sendDay('2026-10-28', 'senco', 'earlier', terms) //=> '2026-10-23' (half term: the Friday before)
 */
export function sendDay(dueOn: IsoDate, role: ReminderRole, direction: 'earlier' | 'later', terms: TermCalendar): IsoDate {
  const open = readsOnSchoolDays(role) ? (d: IsoDate) => isSchoolDay(d, terms) : isWorkingDay;
  const step = direction === 'earlier' ? -1 : 1;
  for (let i = 0, d = dueOn; i <= MAX_SHIFT_DAYS; i++, d = plusDays(d, step)) {
    if (open(d)) return d;
  }
  return dueOn;
}

/**
 * The `n`th school day before `date` (not counting `date` itself).
 * @example schoolDaysBefore('2026-11-23', 2, terms) //=> '2026-11-19' (Monday: Thursday and Friday before)
 */
export function schoolDaysBefore(date: IsoDate, n: number, terms: TermCalendar): IsoDate {
  let d = date;
  for (let found = 0, i = 0; found < n && i < MAX_SHIFT_DAYS; i++) {
    d = plusDays(d, -1);
    if (isSchoolDay(d, terms)) found++;
  }
  return d;
}
