import { InvalidDateError } from '../errors';
import { dayNumberAt, isIsoDate, parseIsoDate } from './isoDate';
import { dayNumber } from './londonDay';

describe('ISO calendar dates', () => {
  it('accepts 2024-02-29, a leap day', () => {
    expect(parseIsoDate('2024-02-29')).toBe('2024-02-29');
  });
  it('rejects 2025-02-30 with a message saying what to write', () => {
    expect(() => parseIsoDate('2025-02-30')).toThrow(InvalidDateError);
    expect(() => parseIsoDate('2025-02-30')).toThrow('"2025-02-30" is not a real calendar date; use YYYY-MM-DD');
  });
  it('rejects 2025-02-29, 2026-04-31, 2026-13-01 and 2026-00-10', () => {
    for (const d of ['2025-02-29', '2026-04-31', '2026-13-01', '2026-00-10']) expect(isIsoDate(d)).toBe(false);
  });
  it('rejects other formats: 30/02/2025, 2025-2-3, 2025-02-03T00:00:00Z, numbers', () => {
    for (const d of ['30/02/2025', '2025-2-3', '2025-02-03T00:00:00Z', 20250203, null]) expect(isIsoDate(d)).toBe(false);
  });
  it('accepts 2000-02-29 (divisible by 400) and rejects 2100-02-29', () => {
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2100-02-29')).toBe(false);
  });
  it('carries the field name for error reports', () => {
    try {
      parseIsoDate('2025-02-30', 'planIssued');
      throw new Error('expected a throw');
    } catch (e) {
      expect((e as InvalidDateError).field).toBe('planIssued');
      expect((e as InvalidDateError).code).toBe('invalid-date');
    }
  });
});

describe('reading a date in place', () => {
  it('gives the same day number as dayNumber for real dates, and NaN where isIsoDate says no', () => {
    const samples = ['1970-01-02', '1900-01-01', '1899-12-31', '2024-02-29', '2025-02-29', '2026-12-31', '2026-13-01', '2026-00-10', '2026-1-01', '2026-01-1x', ' 2026-01-01', '2026/01/01', '9999-12-31', '2100-02-29', '2000-02-29', '2024-0/-10', '2024-01-1:', '/024-01-10', '20a4-01-10', '2024-01-10x', '2024-01-0'];
    for (const s of samples) {
      const at = dayNumberAt(`ab,${s},c`, 3, 3 + s.length);
      expect({ s, at }).toEqual({ s, at: isIsoDate(s) ? dayNumber(s) : Number.NaN });
    }
  });
});
