import { UTCDate } from '@date-fns/utc';
import { addDays, addMonths, endOfMonth, format, getDay, subDays } from 'date-fns';
import { dayNumberAt, daysInMonth } from './isoDate';
import { dayOfWeek, isoOfDayNumber, plusDays, plusMonths } from './londonDay';
import { endOfPeriodStartingWith } from './periods';

// The London-day helpers are integer arithmetic; they were date-fns calls on UTCDates.
// These check them against those calls for every day from 1899 to 2101.
const iso = (d: Date) => format(d, 'yyyy-MM-dd');
const days: string[] = [];
for (let d = new UTCDate(1899, 0, 1); d.getUTCFullYear() <= 2101; d = addDays(d, 1)) days.push(iso(d));
const asDate = (s: string) => new UTCDate(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));

function periodEndByDateFns(start: string, months: number): string {
  const day = Number(start.slice(8, 10));
  const monthIndex = Number(start.slice(0, 4)) * 12 + Number(start.slice(5, 7)) - 1 + months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  if (day > daysInMonth(year, month)) return iso(endOfMonth(new UTCDate(year, month - 1, 1)));
  return iso(subDays(new UTCDate(year, month - 1, day), 1));
}

describe('London-day arithmetic agrees with date-fns on every day from 1899-01-01 to 2101-12-31', () => {
  it(`has ${days.length} days to check`, () => {
    expect(days[0]).toBe('1899-01-01');
    expect(days.at(-1)).toBe('2101-12-31');
  });
  it('moves by days (-84, -56, -28, -1, 1, 90) as addDays does', () => {
    const bad: string[] = [];
    for (const day of days) for (const n of [-84, -56, -28, -1, 1, 90]) if (plusDays(day, n) !== iso(addDays(asDate(day), n))) bad.push(`${day} ${n}`);
    expect(bad).toEqual([]);
  });
  it('moves by months (-5, -1, 1, 2, 12), clamped, as addMonths does', () => {
    const bad: string[] = [];
    for (const day of days) for (const n of [-5, -1, 1, 2, 12]) if (plusMonths(day, n) !== iso(addMonths(asDate(day), n))) bad.push(`${day} ${n}`);
    expect(bad).toEqual([]);
  });
  it('names the day of the week as getDay does, and turns day numbers back into dates', () => {
    const bad: string[] = [];
    const first = Math.round(asDate(days[0]!).getTime() / 86_400_000);
    days.forEach((day, i) => {
      if (dayOfWeek(day) !== getDay(asDate(day)) || isoOfDayNumber(first + i) !== day) bad.push(day);
    });
    expect(bad).toEqual([]);
  });
  it('reads each date in place as the day number it turns back from (from 1900; NaN before)', () => {
    const bad: string[] = [];
    const first = Math.round(asDate(days[0]!).getTime() / 86_400_000);
    days.forEach((day, i) => {
      const at = dayNumberAt(`,${day},`, 1, 11);
      if (day < '1900-01-01' ? !Number.isNaN(at) : at !== first + i) bad.push(day);
    });
    expect(bad).toEqual([]);
  });
  it('ends a period of 1, 11 or 12 months as endOfMonth and subDays did', () => {
    const bad: string[] = [];
    for (const day of days) for (const n of [1, 11, 12]) if (endOfPeriodStartingWith(day, n) !== periodEndByDateFns(day, n)) bad.push(`${day} ${n}`);
    expect(bad).toEqual([]);
  });
});
