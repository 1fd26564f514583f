import { planReview } from './planReview';

const today = '2026-11-24'; // a Tuesday in the autumn term (3 September to 18 December 2026 by default)

describe('planning which reviews to book', () => {
  it('says "due this term" for a plan issued 2026-03-01: latest meeting 2027-01-31, book by 2026-12-06', () => {
    expect(planReview({ planIssued: '2026-03-01' }, today)).toMatchObject({ reviewDeadline: '2027-02-28', latestMeetingDate: '2027-01-31', bookBy: '2026-12-06', status: 'due this term' });
  });
  it('says "book now" for a plan issued 2026-01-15: book by 2026-10-22 has passed', () => {
    expect(planReview({ planIssued: '2026-01-15' }, today)).toMatchObject({ latestMeetingDate: '2026-12-17', bookBy: '2026-10-22', status: 'book now' });
  });
  it('says "overdue" when the review deadline 2026-10-31 has passed', () => {
    expect(planReview({ planIssued: '2025-11-01' }, today).status).toBe('overdue');
  });
  it('says "overdue" when the latest meeting date 2026-11-21 has passed with no meeting booked', () => {
    expect(planReview({ planIssued: '2025-12-20' }, today).status).toBe('overdue');
  });
  it('does not ask to book a review whose meeting (2026-11-20) is booked in time', () => {
    expect(planReview({ planIssued: '2025-12-20', meetingDate: '2026-11-20' }, today).status).toBe('later');
  });
  it('says "overdue" when the booked meeting is after the latest meeting date', () => {
    expect(planReview({ planIssued: '2025-12-20', meetingDate: '2026-12-01' }, today).status).toBe('overdue');
  });
  it('says "later" for a plan issued 2026-06-01 (book by 2027-03-08)', () => {
    expect(planReview({ planIssued: '2026-06-01' }, today)).toMatchObject({ bookBy: '2027-03-08', status: 'later' });
  });
  it('counts from the last review concluded, not the plan', () => {
    expect(planReview({ planIssued: '2020-05-01', lastReviewConcluded: '2026-06-01' }, today).reviewDeadline).toBe('2027-05-31');
  });
  it('brings a September 2027 school transfer forward: latest meeting 2026-11-22 has passed, so overdue', () => {
    expect(planReview({ planIssued: '2026-06-01', transfer: { kind: 'school', date: '2027-09-01' } }, today)).toMatchObject({ latestMeetingDate: '2026-11-22', status: 'overdue' });
  });
  it('in the Christmas holidays, counts the spring term as "this term"', () => {
    expect(planReview({ planIssued: '2026-09-01' }, '2026-12-28')).toMatchObject({ bookBy: '2027-06-08', status: 'later' });
    expect(planReview({ planIssued: '2026-06-01' }, '2026-12-28')).toMatchObject({ bookBy: '2027-03-08', status: 'due this term' });
  });
  it('sorts overdue before book now before due this term before later', () => {
    const u = (p: string) => planReview({ planIssued: p }, today).urgency;
    expect(u('2025-11-01')).toBeLessThan(u('2026-01-15'));
    expect(u('2026-01-15')).toBeLessThan(u('2026-03-01'));
    expect(u('2026-03-01')).toBeLessThan(u('2026-06-01'));
  });
});
