import { reviewDeadline } from './reviewDeadline';

describe('review deadline (CFA 2014 s44(1); CoP 9.169)', () => {
  it('gives 2027-02-28 for a first review of a plan issued on 2026-03-01', () => {
    expect(reviewDeadline('2026-03-01')).toBe('2027-02-28');
  });
  it('gives 2026-01-30 for a plan issued on 2025-01-31', () => {
    expect(reviewDeadline('2025-01-31')).toBe('2026-01-30');
  });
  it('gives 2025-02-28 for a plan issued on 29 February 2024', () => {
    expect(reviewDeadline('2024-02-29')).toBe('2025-02-28');
  });
  it('gives 2024-02-29 for a plan issued on 2023-03-01, the period ending on a leap day', () => {
    expect(reviewDeadline('2023-03-01')).toBe('2024-02-29');
  });
  it('counts from the date the previous review was concluded, not the plan: 2027-02-03 after a decision notified on 2026-02-04', () => {
    expect(reviewDeadline('2025-01-10', '2026-02-04')).toBe('2027-02-03');
  });
  it('gives 2027-03-27 for a plan issued on 2026-03-28, the day before the clock change', () => {
    expect(reviewDeadline('2026-03-28')).toBe('2027-03-27');
  });
});
