import { reviewLink } from '../../bot/teams/cards/format';

describe('reviewLink', () => {
  it('points at the review in the Teams tab, whatever the trailing slashes', () => {
    expect(reviewLink('https://ehcp.example.org/', 'abc')).toBe('https://ehcp.example.org/tab/#/reviews/abc');
  });
});
