import type { IsoDate } from '../types';
import { InvalidDateError } from '../errors';

/** Days in a month of the proleptic Gregorian calendar (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * True when `value` is a real calendar date written `YYYY-MM-DD`.
 * @example isIsoDate('2024-02-29') //=> true; isIsoDate('2025-02-30') //=> false
 */
export function isIsoDate(value: unknown): value is IsoDate {
  // Character checks rather than a regular expression: the planner runs this
  // millions of times, and a match array per call is measurable garbage.
  if (typeof value !== 'string' || value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return false;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 7);
  const day = digits(value, 8, 10);
  return year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * The day number (days since 1970-01-01) of `text.slice(from, to)` when that is a real
 * `YYYY-MM-DD` date as {@link isIsoDate} reads it, else NaN; reads the text in place,
 * for the planner, which checks every date of a caseload without cutting it out.
 * @example dayNumberAt('x,1970-01-02,', 2, 12) //=> 1
 */
export function dayNumberAt(text: string, from: number, to: number): number {
  if (to - from !== 10 || text.charCodeAt(from + 4) !== 45 || text.charCodeAt(from + 7) !== 45) return Number.NaN;
  // Each digit read once, unrolled: this runs for three or four dates of every row.
  const y0 = text.charCodeAt(from) - 48;
  const y1 = text.charCodeAt(from + 1) - 48;
  const y2 = text.charCodeAt(from + 2) - 48;
  const y3 = text.charCodeAt(from + 3) - 48;
  const m0 = text.charCodeAt(from + 5) - 48;
  const m1 = text.charCodeAt(from + 6) - 48;
  const d0 = text.charCodeAt(from + 8) - 48;
  const d1 = text.charCodeAt(from + 9) - 48;
  // An unsigned compare: a code below '0' wraps round to a large number.
  if ((y0 >>> 0) > 9 || (y1 >>> 0) > 9 || (y2 >>> 0) > 9 || (y3 >>> 0) > 9 || (m0 >>> 0) > 9 || (m1 >>> 0) > 9 || (d0 >>> 0) > 9 || (d1 >>> 0) > 9) return Number.NaN;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  // Days from civil (as `dayNumber` in londonDay.ts), for years from 1900.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** The number written by the decimal digits of value[from, to), or -1 if any is not a digit. */
function digits(value: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Checks a `YYYY-MM-DD` string and returns it; throws `InvalidDateError` for
 * impossible dates (2025-02-30) or other formats (30/02/2025, 2025-2-3).
 */
export function parseIsoDate(value: unknown, field?: string): IsoDate {
  if (!isIsoDate(value)) throw new InvalidDateError(value, field);
  return value;
}
