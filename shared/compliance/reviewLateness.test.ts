import { dayCount, reviewLateness } from './reviewLateness';

describe('how late an unbooked review is', () => {
  it('is not late on its latest meeting date 2026-10-08 itself', () => {
    expect(reviewLateness({ latestMeetingDate: '2026-10-08', reviewDeadline: '2026-11-05' }, '2026-10-08')).toBeNull();
  });
  it('is 1 day late on 2026-10-09, with the deadline still to come', () => {
    expect(reviewLateness({ latestMeetingDate: '2026-10-08', reviewDeadline: '2026-11-05' }, '2026-10-09')).toMatchObject({ daysLate: 1, daysPastDeadline: 0 });
  });
  it('is 47 days late on 2026-11-24 for a plan issued 2025-11-06, 19 days past its deadline 2026-11-05', () => {
    expect(reviewLateness({ latestMeetingDate: '2026-10-08', reviewDeadline: '2026-11-05' }, '2026-11-24')).toEqual({
      daysLate: 47,
      daysPastDeadline: 19,
      latestMeetingDate: '2026-10-08',
      reviewDeadline: '2026-11-05',
      source: 'CFA 2014 s44(1); Reg 20(1); CoP 9.169',
    });
  });
  it('counts across the clock change: latest meeting 2026-10-24, today 2026-10-26 is 2 days late', () => {
    expect(reviewLateness({ latestMeetingDate: '2026-10-24', reviewDeadline: '2026-11-21' }, '2026-10-26')?.daysLate).toBe(2);
  });
  it('says 1 day and 2 days', () => {
    expect([dayCount(1), dayCount(2)]).toEqual(['1 day', '2 days']);
  });
});
