import { TZDate } from '@date-fns/tz';
import { addDays, addMonths, format, getDay } from 'date-fns';
import type { IsoDate } from '../timeline/types';

/**
 * Calendar days in Europe/London. Every deadline is a day there (DOMAIN.md: time of
 * day never moves a deadline; DST never shifts a date), so dates are held as
 * midnight London TZDates and formatted back to ISO. Nothing here reads the
 * machine's time zone, so results are the same under TZ=UTC and TZ=Europe/London.
 */
export const LONDON = 'Europe/London';

/** The start (00:00 London) of an ISO calendar day. */
export function londonDay(iso: IsoDate): TZDate {
  return new TZDate(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)), LONDON);
}

/** The ISO calendar date of a London day. */
export function isoOf(day: Date): IsoDate {
  return format(day, 'yyyy-MM-dd');
}

/** `iso` moved by `days` calendar days. @example plusDays('2026-03-28', 2) //=> '2026-03-30' (across the clock change) */
export function plusDays(iso: IsoDate, days: number): IsoDate {
  return isoOf(addDays(londonDay(iso), days));
}

/**
 * `iso` moved by whole months, clamped to the month's last day as date-fns does.
 * @example plusMonths('2026-12-31', 2) //=> '2027-02-28'
 */
export function plusMonths(iso: IsoDate, months: number): IsoDate {
  return isoOf(addMonths(londonDay(iso), months));
}

/** Day of the week, 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(iso: IsoDate): number {
  return getDay(londonDay(iso));
}

/** True on Saturdays and Sundays. */
export function isWeekend(iso: IsoDate): boolean {
  const d = dayOfWeek(iso);
  return d === 0 || d === 6;
}

/** The earlier of two dates (ISO strings compare in date order). */
export function earlier(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

/** The later of two dates. */
export function later(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.UTC(+to.slice(0, 4), +to.slice(5, 7) - 1, +to.slice(8, 10)) - Date.UTC(+from.slice(0, 4), +from.slice(5, 7) - 1, +from.slice(8, 10))) / 86_400_000);
}

/** The Europe/London calendar date of an instant; callers pass the clock reading in. */
export function londonToday(now: Date): IsoDate {
  return isoOf(new TZDate(now.getTime(), LONDON));
}
