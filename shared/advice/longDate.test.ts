import { longDate } from './longDate';

it('writes 2026-09-28 as Monday 28 September 2026', () => expect(longDate('2026-09-28')).toBe('Monday 28 September 2026'));
it('keeps 29 February and the day of the October clock change whole', () => {
  expect(longDate('2028-02-29')).toBe('Tuesday 29 February 2028');
  expect(longDate('2026-10-25')).toBe('Sunday 25 October 2026');
});
