import { dayOfWeek } from './londonDay';
import type { IsoDate } from '../timeline/types';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A date as a letter writes it: the day of the week, the day without a leading zero, the
 * month in full and the year, with no "th" and no commas (GOV.UK style guide, "Dates").
 * Written from the ISO fields, not with Intl, so the result never depends on the
 * machine's locale or time zone.
 *
 * @example longDate('2027-04-02') //=> 'Friday 2 April 2027'
 * @see GOV.UK content style guide, "Dates"
 */
export function longDate(date: IsoDate): string {
  const day = Number(date.slice(8, 10));
  const month = MONTHS[Number(date.slice(5, 7)) - 1];
  return `${DAYS[dayOfWeek(date)]} ${day} ${month} ${date.slice(0, 4)}`;
}
