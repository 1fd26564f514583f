import type { IsoDate } from '../types';
import { daysInMonth } from './isoDate';

/**
 * Calendar days in Europe/London. Every deadline is a whole day there (DOMAIN.md:
 * time of day never moves a deadline; DST never shifts a date). London's zone
 * matters only where an instant becomes a date (`londonToday`, with @date-fns/tz);
 * after that a date is a plain calendar day, so date-fns works on it as a UTCDate
 * at midnight: no clock change can shift it, nothing reads the machine's time zone
 * (results are the same under TZ=UTC and TZ=Europe/London), and no Intl time-zone
 * lookup is paid per step (about 35 µs each with TZDate, which the planner felt).
 * `LONDON`, `londonToday` and the date-fns forms of a day are in londonToday.ts, so
 * that the arithmetic here loads no date library (about 60 ms of the CLI's start-up).
 */

// plusDays, plusMonths and dayOfWeek are plain arithmetic on day numbers rather than
// date-fns calls (which they once were, memoised): a London day has no time of day,
// so the results are the same (a test checks them against date-fns for every day of
// 1899-2101), without a Date, a format or a cache lookup per call, and without
// loading date-fns's root (about 65 ms of the CLI's start-up).

/** `iso` moved by `days` calendar days. @example plusDays('2026-03-28', 2) //=> '2026-03-30' (across the clock change) */
export function plusDays(iso: IsoDate, days: number): IsoDate {
  return isoOfDayNumber(dayNumber(iso) + days);
}

/**
 * `iso` moved by whole months, clamped to the month's last day as date-fns does.
 * @example plusMonths('2026-12-31', 2) //=> '2027-02-28'
 */
export function plusMonths(iso: IsoDate, months: number): IsoDate {
  const monthIndex = Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1 + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  return isoOfFields(year, month, Math.min(Number(iso.slice(8, 10)), daysInMonth(year, month)));
}

/** Day of the week, 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(iso: IsoDate): number {
  const n = dayNumber(iso);
  if (!Number.isFinite(n)) throw new RangeError('Invalid time value');
  // 1970-01-01 was a Thursday.
  return (((n + 4) % 7) + 7) % 7;
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

/**
 * The ISO date of a day number (days since 1970-01-01), the inverse of `dayNumber`,
 * by the days-from-civil algorithm (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
 * @example isoOfDayNumber(1) //=> '1970-01-02'
 */
export function isoOfDayNumber(n: number): IsoDate {
  if (!Number.isFinite(n)) throw new RangeError('Invalid time value');
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return isoOfFields(yoe + era * 400 + (month <= 2 ? 1 : 0), month, day);
}

/** `YYYY-MM-DD` from calendar fields (year 0-9999). */
export function isoOfFields(year: number, month: number, day: number): IsoDate {
  if (!Number.isFinite(year + month + day)) throw new RangeError('Invalid time value');
  const y = year >= 1000 ? String(year) : String(year).padStart(4, '0');
  return `${y}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}
