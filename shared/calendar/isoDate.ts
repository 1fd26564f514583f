import type { IsoDate } from '../timeline/types';
import { InvalidDateError } from '../errors';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

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
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Checks a `YYYY-MM-DD` string and returns it; throws `InvalidDateError` for
 * impossible dates (2025-02-30) or other formats (30/02/2025, 2025-2-3).
 */
export function parseIsoDate(value: unknown, field?: string): IsoDate {
  if (!isIsoDate(value)) throw new InvalidDateError(value, field);
  return value;
}
