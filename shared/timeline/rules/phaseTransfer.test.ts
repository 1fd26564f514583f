import { latestMeetingDate } from './latestMeetingDate';
import { transferDeadline } from './phaseTransfer';

describe('phase transfer deadline (Reg 18(1)-(2))', () => {
  it('is 14 February 2027 for a move between school phases in September 2027 ("before 15 February")', () => {
    expect(transferDeadline('school', '2027-09-01')).toBe('2027-02-14');
  });
  it('is 14 February of the calendar year of transfer even for a January move: 2027-02-14 for 2027-01-04', () => {
    expect(transferDeadline('school', '2027-01-04')).toBe('2027-02-14');
  });
  it('is 30 March 2027 for secondary school to a post-16 institution in September 2027 ("before 31 March")', () => {
    expect(transferDeadline('post16', '2027-09-01')).toBe('2027-03-30');
  });
  it('is 2026-08-15 for a move between post-16 institutions on 2027-01-15 (at least 5 months before)', () => {
    expect(transferDeadline('post16-move', '2027-01-15')).toBe('2026-08-15');
  });
  it('is 2027-02-28 for a post-16 move on 2027-07-31, February having no 31st', () => {
    expect(transferDeadline('post16-move', '2027-07-31')).toBe('2027-02-28');
  });
});

describe('latest meeting date (CoP 9.169; Reg 18)', () => {
  it('is 2027-01-31, four weeks before a review deadline of 2027-02-28', () => {
    expect(latestMeetingDate('2027-02-28')).toBe('2027-01-31');
  });
  it('is 2026-11-22 before a school transfer with deadline 2027-02-14 (12 weeks: 4 to decide, 8 to finalise)', () => {
    expect(latestMeetingDate('2027-06-30', '2027-02-14')).toBe('2026-11-22');
  });
  it('is 2027-01-05 before a post-16 transfer with deadline 2027-03-30', () => {
    expect(latestMeetingDate('2027-06-30', '2027-03-30')).toBe('2027-01-05');
  });
  it('stays at review deadline - 4 weeks when the transfer is far away', () => {
    expect(latestMeetingDate('2027-02-28', '2028-02-14')).toBe('2027-01-31');
  });
});
