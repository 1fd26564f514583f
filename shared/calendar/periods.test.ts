import { endOfPeriodStartingWith, lastDayBeginningWith, twoWeeksBefore, withinWeeksOf } from './periods';

describe('the period of N months starting with a date', () => {
  it('ends on 2027-02-28 for 12 months starting with 2026-03-01 (the start is day 1)', () => {
    expect(endOfPeriodStartingWith('2026-03-01', 12)).toBe('2027-02-28');
  });
  it('ends on 2027-05-14 for 12 months starting with 2026-05-15', () => {
    expect(endOfPeriodStartingWith('2026-05-15', 12)).toBe('2027-05-14');
  });
  it('ends on 2026-02-28 for one month starting with 2026-01-31, where February has no 31st', () => {
    expect(endOfPeriodStartingWith('2026-01-31', 1)).toBe('2026-02-28');
  });
  it('is a day later than subDays(addMonths(d, n), 1) when addMonths had to clamp', () => {
    // addMonths('2026-01-31', 1) clamps to 2026-02-28, and a day before that would be 2026-02-27.
    expect(endOfPeriodStartingWith('2026-01-31', 1)).not.toBe('2026-02-27');
  });
  it('ends on 2025-02-28 for 12 months starting with 29 February 2024', () => {
    expect(endOfPeriodStartingWith('2024-02-29', 12)).toBe('2025-02-28');
  });
  it('ends on 2028-02-28 for 48 months starting with 29 February 2024 (the day before the 29th)', () => {
    expect(endOfPeriodStartingWith('2024-02-29', 48)).toBe('2028-02-28');
  });
  it('ends on 2024-02-29 for 12 months starting with 2023-03-01, in a leap year', () => {
    expect(endOfPeriodStartingWith('2023-03-01', 12)).toBe('2024-02-29');
  });
  it('ends on 2026-12-31 for 12 months starting with 2026-01-01', () => {
    expect(endOfPeriodStartingWith('2026-01-01', 12)).toBe('2026-12-31');
  });
  it('ends on 2027-04-30 for 6 months starting with 2026-10-31 (April has no 31st)', () => {
    expect(endOfPeriodStartingWith('2026-10-31', 6)).toBe('2027-04-30');
  });
  it('ends on 2027-03-28 for 12 months starting with 2026-03-29, across the March clock change', () => {
    expect(endOfPeriodStartingWith('2026-03-29', 12)).toBe('2027-03-28');
  });
  it('ends on 2027-10-24 for 12 months starting with 2026-10-25, across the October clock change', () => {
    expect(endOfPeriodStartingWith('2026-10-25', 12)).toBe('2027-10-24');
  });
});

describe('"within N weeks of" a date', () => {
  it('is 2026-06-17 for within 4 weeks of 2026-05-20', () => {
    expect(withinWeeksOf('2026-05-20', 4)).toBe('2026-06-17');
  });
  it('is 2027-04-06 for within 2 weeks of 2027-03-23, across the 28 March 2027 clock change', () => {
    expect(withinWeeksOf('2027-03-23', 2)).toBe('2027-04-06');
  });
  it('is 2026-11-03 for within 2 weeks of 2026-10-20, across the 25 October 2026 clock change', () => {
    expect(withinWeeksOf('2026-10-20', 2)).toBe('2026-11-03');
  });
});

describe('"N days beginning with the day served"', () => {
  it('ends on 2026-06-15 for 15 days beginning with 2026-06-01', () => {
    expect(lastDayBeginningWith('2026-06-01', 15)).toBe('2026-06-15');
  });
  it('ends on 2024-03-14 for 15 days beginning with 29 February 2024', () => {
    expect(lastDayBeginningWith('2024-02-29', 15)).toBe('2024-03-14');
  });
});

describe('"at least two weeks before" a meeting', () => {
  it('is 2026-06-15 under the strict reading for a meeting on 2026-06-30 (14 clear days)', () => {
    expect(twoWeeksBefore('2026-06-30', 'strict')).toBe('2026-06-15');
  });
  it('is 2026-06-16 under the lenient reading for a meeting on 2026-06-30', () => {
    expect(twoWeeksBefore('2026-06-30', 'lenient')).toBe('2026-06-16');
  });
  it('is 2026-03-16 under the strict reading for a meeting on 2026-03-31, across the clock change', () => {
    expect(twoWeeksBefore('2026-03-31', 'strict')).toBe('2026-03-16');
  });
  it('is 2024-02-29 under the lenient reading for a meeting on 2024-03-14', () => {
    expect(twoWeeksBefore('2024-03-14', 'lenient')).toBe('2024-02-29');
  });
});
