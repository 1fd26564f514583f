import { dayNumber, daysBetween, dayOfWeek, isWeekend, plusDays, plusMonths } from './londonDay';
import { londonToday } from './londonToday';

describe('London calendar days', () => {
  it('gives 2026-03-30 for two days after 2026-03-28, across the spring clock change', () => {
    expect(plusDays('2026-03-28', 2)).toBe('2026-03-30');
  });
  it('gives 2026-10-26 for one day after 2026-10-25, the 25-hour autumn day', () => {
    expect(plusDays('2026-10-25', 1)).toBe('2026-10-26');
  });
  it('gives 2027-02-28 for two months after 2026-12-31 (clamped)', () => {
    expect(plusMonths('2026-12-31', 2)).toBe('2027-02-28');
  });
  it('knows 2026-11-28 is a Saturday and 2026-11-30 a Monday', () => {
    expect(dayOfWeek('2026-11-28')).toBe(6);
    expect(isWeekend('2026-11-28')).toBe(true);
    expect(isWeekend('2026-11-30')).toBe(false);
  });
  it('counts 365 days from 2026-03-01 to 2027-03-01 and 366 from 2024-01-01 to 2025-01-01', () => {
    expect(daysBetween('2026-03-01', '2027-03-01')).toBe(365);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });
  it('takes today in London: 23:30 UTC on 2026-06-30 is already 1 July in London (BST)', () => {
    expect(londonToday(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
  });
  it('takes today in London: 23:30 UTC on 2026-12-31 is still 31 December in London (GMT)', () => {
    expect(londonToday(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });
});

describe('day numbers', () => {
  it('counts days from 1970-01-01 like Date.UTC does, for every day from 1900 to 2100', () => {
    for (let t = Date.UTC(1900, 0, 1); t <= Date.UTC(2100, 11, 31); t += 86_400_000) {
      const iso = new Date(t).toISOString().slice(0, 10);
      if (dayNumber(iso) !== t / 86_400_000) throw new Error(`dayNumber(${iso}) = ${dayNumber(iso)}, expected ${t / 86_400_000}`);
    }
    expect(dayNumber('2024-02-29') - dayNumber('2024-02-28')).toBe(1);
  });
});
