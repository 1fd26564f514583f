import { TZDate } from '@date-fns/tz';
import { UTCDate } from '@date-fns/utc';
import { format } from 'date-fns/format';
import type { IsoDate } from '../types';

/** The time zone every deadline is a whole day in (see londonDay.ts). */
export const LONDON = 'Europe/London';

/** An ISO calendar day as a date-fns date (midnight UTC, the day's own calendar fields). */
export function londonDay(iso: IsoDate): UTCDate {
  return new UTCDate(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
}

/** The ISO calendar date of a London day. */
export function isoOf(day: Date): IsoDate {
  return format(day, 'yyyy-MM-dd');
}

/** The Europe/London calendar date of an instant; callers pass the clock reading in. */
export function londonToday(now: Date): IsoDate {
  return isoOf(new TZDate(now.getTime(), LONDON));
}
