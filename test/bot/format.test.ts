import { longDate, reviewLink } from '../../bot/teams/cards/format';

describe('longDate', () => {
  it('gives "30 Nov 2026" for 2026-11-30 and "1 Jan 2027" for 2027-01-01', () => {
    expect(longDate('2026-11-30')).toBe('30 Nov 2026');
    expect(longDate('2027-01-01')).toBe('1 Jan 2027');
  });
});

describe('reviewLink', () => {
  it('points at the review in the Teams tab, whatever the trailing slashes', () => {
    expect(reviewLink('https://ehcp.example.org/', 'abc')).toBe('https://ehcp.example.org/tab/#/reviews/abc');
  });
});
