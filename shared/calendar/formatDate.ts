import { UTCDate } from '@date-fns/utc';
import { format } from 'date-fns';
import type { IsoDate } from '../timeline/types';
import { lastWorkingDayBy } from './workingDay';

/**
 * The one place a calendar date becomes words. ISO (`2026-12-13`) stays in files and the
 * API; people read:
 * - on screens (tab, add-in, Teams cards, link pages): "Sun 13 Dec 2026", so a Sunday or a
 *   bank holiday cannot hide behind a number;
 * - in letters: "Sunday 13 December 2026" (GOV.UK style guide, "Dates": no "th", no commas).
 * Dates are read as calendar dates (UTC midnight), so no machine's time zone or locale can
 * shift or reword them; date-fns formats in English whatever the browser's language.
 */
const calendarDay = (date: IsoDate) => new UTCDate(`${date.slice(0, 10)}T00:00:00Z`);

/** "Sun 13 Dec 2026": a date on a screen. */
export function screenDate(date: IsoDate): string {
  return format(calendarDay(date), 'EEE d MMM yyyy');
}

/** "Sun 13 Dec 2026", or `none` when there is no date (an empty cell reads "—"). */
export function screenDateOr(date: IsoDate | null | undefined, none = '—'): string {
  return date ? screenDate(date) : none;
}

/** "Fri 11 Dec": a date in a sentence where the year is plain from the context. */
export function screenDay(date: IsoDate): string {
  return format(calendarDay(date), 'EEE d MMM');
}

/** "Dec 2026" from "2026-12" or "2026-12-01": a month on a chart or a table. */
export function screenMonth(month: string): string {
  return format(calendarDay(`${month.slice(0, 7)}-01`), 'MMM yyyy');
}

/**
 * "Friday 2 April 2027": a date as a letter writes it.
 *
 * @see GOV.UK content style guide, "Dates"
 */
export function longDate(date: IsoDate): string {
  return format(calendarDay(date), 'EEEE d MMMM yyyy');
}

/**
 * A "by" date as a person acts on it: "Mon 28 Dec 2026" when it is a working day, and
 * "Sun 13 Dec 2026: do it by Fri 11 Dec" when it is a weekend or a bank holiday.
 */
export function screenDeadline(date: IsoDate): string {
  const working = lastWorkingDayBy(date);
  return working === date ? screenDate(date) : `${screenDate(date)}: do it by ${screenDay(working)}`;
}
