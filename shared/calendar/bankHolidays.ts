import type { IsoDate } from '../types';
import { dayOfWeek, plusDays } from './londonDay';

/**
 * Bank holidays in England and Wales, computed for any year from the Banking and
 * Financial Dealings Act 1971 pattern and royal proclamations, so the planner works
 * for future years without a data feed. Substitute days move a holiday that falls
 * at a weekend to the next weekday.
 */

/** Easter Sunday (Gregorian, anonymous algorithm). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${pad(month)}-${pad(day)}`;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function firstMonday(year: number, month: number): IsoDate {
  const first = `${year}-${pad(month)}-01`;
  return plusDays(first, (8 - dayOfWeek(first)) % 7);
}

function lastMonday(year: number, month: number): IsoDate {
  const nextFirst = month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`;
  const last = plusDays(nextFirst, -1);
  return plusDays(last, -((dayOfWeek(last) + 6) % 7));
}

/** Moves a Saturday or Sunday holiday to the following Monday. */
function substitute(date: IsoDate): IsoDate {
  const dow = dayOfWeek(date);
  return dow === 6 ? plusDays(date, 2) : dow === 0 ? plusDays(date, 1) : date;
}

/** Holidays moved or added by proclamation. */
const MOVED: Record<number, { drop?: IsoDate; add: IsoDate[] }> = {
  2020: { drop: '2020-05-04', add: ['2020-05-08'] }, // VE Day 75
  2022: { drop: '2022-05-30', add: ['2022-06-02', '2022-06-03', '2022-09-19'] }, // Platinum Jubilee; State Funeral
  2023: { add: ['2023-05-08'] }, // Coronation
};

const cache = new Map<number, ReadonlySet<IsoDate>>();

/**
 * The bank holidays of a year in England, in date order.
 * @example bankHolidaysInEngland(2026) //=> ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28']
 */
export function bankHolidaysInEngland(year: number): IsoDate[] {
  const easter = easterSunday(year);
  const christmas = `${year}-12-25`;
  const christmasDow = dayOfWeek(christmas);
  // Christmas on Saturday: Mon 27 and Tue 28; on Sunday: Boxing Day (Mon 26) stays, Christmas moves to Tue 27.
  const xmas = christmasDow === 6 ? [`${year}-12-27`, `${year}-12-28`] : christmasDow === 0 ? [`${year}-12-27`, `${year}-12-26`] : christmasDow === 5 ? [christmas, `${year}-12-28`] : [christmas, `${year}-12-26`];
  const days = [substitute(`${year}-01-01`), plusDays(easter, -2), plusDays(easter, 1), firstMonday(year, 5), lastMonday(year, 5), lastMonday(year, 8), ...xmas];
  const moved = MOVED[year];
  const result = days.filter((d) => d !== moved?.drop).concat(moved?.add ?? []);
  return [...new Set(result)].sort();
}

/** True when `date` is a bank holiday in England. */
export function isBankHolidayInEngland(date: IsoDate): boolean {
  const year = Number(date.slice(0, 4));
  let set = cache.get(year);
  if (!set) {
    set = new Set(bankHolidaysInEngland(year));
    cache.set(year, set);
  }
  return set.has(date);
}
