import { nextOffset } from './uploadSession';

test('nextExpectedRanges gives the next byte for Outlook ("123") and drive ("123-", "123-456") forms', () => {
  expect(nextOffset(['4194304'])).toBe(4194304);
  expect(nextOffset(['0-'])).toBe(0);
  expect(nextOffset(['26-100', '200-'])).toBe(26);
  expect(nextOffset([])).toBeUndefined();
  expect(nextOffset(undefined)).toBeUndefined();
  expect(nextOffset(['later'])).toBeUndefined();
});
