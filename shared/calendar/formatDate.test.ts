import { longDate, screenDate, screenDateOr, screenDay, screenDeadline, screenMonth } from './formatDate';

describe('the date forms people read', () => {
  it('shows 2026-12-13 on a screen as "Sun 13 Dec 2026", naming the weekend', () => {
    expect(screenDate('2026-12-13')).toBe('Sun 13 Dec 2026');
    expect(screenDate('2027-01-01')).toBe('Fri 1 Jan 2027');
  });
  it('shows a missing date as a dash, or the words given', () => {
    expect(screenDateOr(null)).toBe('—');
    expect(screenDateOr(undefined, 'Not booked')).toBe('Not booked');
    expect(screenDateOr('2026-12-28')).toBe('Mon 28 Dec 2026');
  });
  it('gives the day and month alone for "do it by Fri 11 Dec"', () => {
    expect(screenDay('2026-12-11')).toBe('Fri 11 Dec');
  });
  it('gives a month as "Dec 2026" from a month or a date', () => {
    expect(screenMonth('2026-12')).toBe('Dec 2026');
    expect(screenMonth('2027-02-01')).toBe('Feb 2027');
  });
  it('writes a letter date in full: "Friday 2 April 2027", a leap day, either side of a clock change', () => {
    expect(longDate('2027-04-02')).toBe('Friday 2 April 2027');
    expect(longDate('2028-02-29')).toBe('Tuesday 29 February 2028');
    expect(longDate('2026-10-25')).toBe('Sunday 25 October 2026');
    expect(longDate('2026-10-26')).toBe('Monday 26 October 2026');
  });
});

describe('a "by" date a person acts on', () => {
  it('says a Sunday deadline is done by the Friday before', () => {
    expect(screenDeadline('2026-12-13')).toBe('Sun 13 Dec 2026: do it by Fri 11 Dec');
  });
  it('moves a bank holiday (Mon 28 Dec 2026, the Boxing Day substitute) back past the weekend and Christmas', () => {
    expect(screenDeadline('2026-12-28')).toBe('Mon 28 Dec 2026: do it by Thu 24 Dec');
  });
  it('leaves a working day as it is', () => {
    expect(screenDeadline('2026-12-10')).toBe('Thu 10 Dec 2026');
  });
});
