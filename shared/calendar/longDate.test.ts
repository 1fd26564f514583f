import { longDate } from './longDate';

describe('longDate', () => {
  it('writes 2027-04-02 as "Friday 2 April 2027"', () => {
    expect(longDate('2027-04-02')).toBe('Friday 2 April 2027');
  });
  it('writes 3 April 2027 as a Saturday', () => {
    expect(longDate('2027-04-03')).toBe('Saturday 3 April 2027');
  });
  it('writes 29 February 2028 (a leap day) as a Tuesday', () => {
    expect(longDate('2028-02-29')).toBe('Tuesday 29 February 2028');
  });
  it('gives the same day either side of the October clock change', () => {
    expect(longDate('2026-10-25')).toBe('Sunday 25 October 2026');
    expect(longDate('2026-10-26')).toBe('Monday 26 October 2026');
  });
});
