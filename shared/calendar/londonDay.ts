import { TZDate } from '@date-fns/tz';
import { UTCDate } from '@date-fns/utc';
import { addDays, addMonths, format, getDay } from 'date-fns';
import type { IsoDate } from '../types';
import { memoizeDateFn } from './memo';

/**
 * Calendar days in Europe/London. Every deadline is a whole day there (DOMAIN.md:
 * time of day never moves a deadline; DST never shifts a date). London's zone
 * matters only where an instant becomes a date (`londonToday`, with @date-fns/tz);
 * after that a date is a plain calendar day, so date-fns works on it as a UTCDate
 * at midnight: no clock change can shift it, nothing reads the machine's time zone
 * (results are the same under TZ=UTC and TZ=Europe/London), and no Intl time-zone
 * lookup is paid per step (about 35 µs each with TZDate, which the planner felt).
 */
export const LONDON = 'Europe/London';

/** An ISO calendar day as a date-fns date (midnight UTC, the day's own calendar fields). */
export function londonDay(iso: IsoDate): UTCDate {
  return new UTCDate(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
}

/** The ISO calendar date of a London day. */
export function isoOf(day: Date): IsoDate {
  return format(day, 'yyyy-MM-dd');
}

/** `iso` moved by `days` calendar days. @example plusDays('2026-03-28', 2) //=> '2026-03-30' (across the clock change) */
export const plusDays: (iso: IsoDate, days: number) => IsoDate = memoizeDateFn((iso, days) => isoOf(addDays(londonDay(iso), days)));

/**
 * `iso` moved by whole months, clamped to the month's last day as date-fns does.
 * @example plusMonths('2026-12-31', 2) //=> '2027-02-28'
 */
export const plusMonths: (iso: IsoDate, months: number) => IsoDate = memoizeDateFn((iso, months) => isoOf(addMonths(londonDay(iso), months)));

/** Day of the week, 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(iso: IsoDate): number {
  return weekday(iso, 0);
}
const weekday = memoizeDateFn((iso) => getDay(londonDay(iso)));

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

/**
 * Days since 1970-01-01 of an ISO date, by the civil-from-days algorithm: plain
 * arithmetic, so the planner can compare and subtract dates cheaply.
 * @example dayNumber('1970-01-02') //=> 1
 */
export function dayNumber(iso: IsoDate): number {
  const c = (i: number) => iso.charCodeAt(i) - 48;
  let y = c(0) * 1000 + c(1) * 100 + c(2) * 10 + c(3);
  const m = c(5) * 10 + c(6);
  const d = c(8) * 10 + c(9);
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** The Europe/London calendar date of an instant; callers pass the clock reading in. */
export function londonToday(now: Date): IsoDate {
  return isoOf(new TZDate(now.getTime(), LONDON));
}
