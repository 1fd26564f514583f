import type { IsoDate } from '../timeline/types';

const FORMAT = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * A calendar date as people write it in a letter or a message. The date is a London calendar
 * day already, so it is formatted in UTC: no zone can move it to the day before.
 *
 * @example longDate('2026-09-28') //=> 'Monday 28 September 2026'
 */
export function longDate(iso: IsoDate): string {
  const [y, m, d] = [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];
  return FORMAT.format(new Date(Date.UTC(y, m - 1, d))).replace(',', '');
}
