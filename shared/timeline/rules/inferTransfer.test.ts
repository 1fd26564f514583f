import { computeTimeline } from '../computeTimeline';
import type { CaseInput } from '../types';
import { adviceDueBy } from './adviceCirculatedBy';
import { decisionDue } from './decisionDue';

const t = (input: CaseInput) => computeTimeline(input);
const codes = (input: CaseInput) => t(input).warnings.map((w) => w.code);

describe('phase transfers inferred from the year group and the setting (Reg 18)', () => {
  // The child: born 2014-10-02, last review concluded 2025-06-16, so Year 6 in 2025/26.
  const year6: CaseInput = { planIssued: '2023-06-20', lastReviewConcluded: '2025-06-16', dateOfBirth: '2014-10-02', setting: { phase: 'primary' } };

  it('plans a Year 6 child’s move to secondary school in September 2026: amended by 2026-02-14, meeting by 2025-11-22, with a warning naming it', () => {
    const tl = t(year6);
    expect(tl.reviewDeadline).toBe('2026-06-15');
    expect(tl.transfer).toMatchObject({ kind: 'school', date: '2026-09-01', deadline: '2026-02-14', inferred: true });
    expect(tl.transferDeadline).toBe('2026-02-14');
    expect(tl.latestMeetingDate).toBe('2025-11-22');
    expect(tl.warnings.find((w) => w.code === 'transfer-inferred')?.message).toContain('Year 6 at a primary school in 2025/26: moves to secondary (or middle) school in September 2026');
  });

  it('infers an infant-to-junior move from ncYear 2 in 2025/26: 14 February 2026', () => {
    expect(t({ planIssued: '2025-03-10', ncYear: 2, ncYearSchoolYear: 2025, setting: { phase: 'infant' } }).transfer).toMatchObject({ kind: 'school', date: '2026-09-01', deadline: '2026-02-14' });
  });

  it('reads ncYear in the school year the cycle starts in when ncYearSchoolYear is not given (plan issued 2025-10-01: 2025/26)', () => {
    expect(t({ planIssued: '2025-10-01', ncYear: 2, setting: { phase: 'infant' } }).transferDeadline).toBe('2026-02-14');
    expect(t({ planIssued: '2025-10-01', ncYear: 2, ncYearSchoolYear: 2024, setting: { phase: 'infant' } }).transfer).toBeNull();
  });

  it('infers Year 11 at a secondary school with no sixth form moving to a post-16 institution: before 31 March, so 2026-03-30', () => {
    const tl = t({ planIssued: '2025-10-01', ncYear: 11, ncYearSchoolYear: 2025, setting: { phase: 'secondary' } });
    expect(tl.transfer).toMatchObject({ kind: 'post16', date: '2026-09-01', deadline: '2026-03-30', inferred: true });
    expect(tl.latestMeetingDate).toBe('2026-01-05');
    expect(tl.warnings.map((w) => w.code)).not.toContain('post16-transfer-unrecorded');
  });

  it('does not infer a transfer for a Year 11 who stays in the school sixth form (a school is not a post-16 institution, CFA 2014 s83(2))', () => {
    const tl = t({ planIssued: '2025-10-01', ncYear: 11, ncYearSchoolYear: 2025, setting: { phase: 'secondary', sixthForm: true } });
    expect(tl.transfer).toBeNull();
    expect(tl.latestMeetingDate).toBe('2026-09-02');
  });

  it('infers leaving a school sixth form after Year 13 for a college: 2026-03-30', () => {
    expect(t({ planIssued: '2025-10-01', ncYear: 13, ncYearSchoolYear: 2025, setting: { phase: 'secondary', sixthForm: true } }).transfer).toMatchObject({ kind: 'post16', deadline: '2026-03-30' });
  });

  it('treats Year 6 in an all-through school as a transfer by default, and not where the council sets otherwise', () => {
    const c: CaseInput = { planIssued: '2025-10-01', ncYear: 6, ncYearSchoolYear: 2025, setting: { phase: 'all-through', sixthForm: true } };
    expect(t(c).transferDeadline).toBe('2026-02-14');
    expect(t({ ...c, settings: { allThroughTransfer: false } }).transfer).toBeNull();
  });

  it('uses a middle school’s own last year group (Year 7) when given', () => {
    expect(t({ planIssued: '2025-10-01', ncYear: 7, ncYearSchoolYear: 2025, setting: { phase: 'middle', lastYear: 7 } }).transferDeadline).toBe('2026-02-14');
    // The usual 9-13 middle school: Year 8 in 2026/27, so the move in September 2027 (within 12 months of the deadline 2026-09-30).
    expect(t({ planIssued: '2025-10-01', ncYear: 7, ncYearSchoolYear: 2025, setting: { phase: 'middle' } }).transferDeadline).toBe('2027-02-14');
  });

  it('ignores a move more than 12 months after the review deadline (review due 2025-08-30, Year 6 only from September 2025)', () => {
    expect(t({ planIssued: '2024-08-31', dateOfBirth: '2014-10-02', setting: { phase: 'primary' } }).transfer).toBeNull();
  });

  it('lets a recorded transfer override the inferred one, and "none" switch it off', () => {
    expect(t({ ...year6, transfer: { kind: 'school', date: '2027-09-01' } }).transfer).toMatchObject({ deadline: '2027-02-14', inferred: false });
    const none = t({ ...year6, transfer: 'none' });
    expect(none.transfer).toBeNull();
    expect(none.latestMeetingDate).toBe('2026-05-18');
    expect(codes({ ...year6, transfer: 'none' })).not.toContain('transfer-inferred');
  });

  it('needs a move between post-16 institutions reviewed 5 months before it, whenever it is (2027-01-15 -> 2026-08-15)', () => {
    expect(t({ planIssued: '2026-03-01', transfer: { kind: 'post16-move', date: '2027-01-15' } }).transferDeadline).toBe('2026-08-15');
  });

  it('makes the decision due by the transfer deadline less 8 weeks: a meeting on 2025-12-01 gives 2025-12-20, not 2025-12-29', () => {
    expect(t({ ...year6, meetingDate: '2025-12-01' }).decisionDue).toBe('2025-12-20');
    expect(decisionDue('2025-12-01', '2026-06-15')).toBe('2025-12-29');
  });

  it('says what a late meeting at a transfer means, in days: a meeting on 2025-12-10 leaves 10 days for the decision', () => {
    const w = t({ ...year6, meetingDate: '2025-12-10' }).warnings.find((x) => x.code === 'meeting-after-latest-date');
    expect(w?.message).toContain("the LA's decision is then due by 2025-12-20, 10 days after the meeting instead of the 28 Reg 20(10) allows, because the plan must be amended before the transfer deadline 2026-02-14");
  });

  it('warns when the plan is kept unchanged at a transfer, unless it already names the next placement', () => {
    const kept: CaseInput = { ...year6, meetingDate: '2025-11-10', decision: { outcome: 'maintain', notifiedOn: '2025-12-01' } };
    expect(codes(kept)).toContain('transfer-plan-unchanged');
    expect(codes({ ...kept, namesNextPlacement: true })).not.toContain('transfer-plan-unchanged');
  });
});

describe('advice due before the circulation date (Reg 20(4))', () => {
  it('asks for advice for a meeting on 2026-06-30 by 2026-06-08, a week before it must be circulated on 2026-06-15', () => {
    expect(adviceDueBy('2026-06-30', 'strict')).toBe('2026-06-08');
    expect(adviceDueBy('2026-06-30', 'strict', 3)).toBe('2026-06-12');
    expect(t({ planIssued: '2026-01-10', meetingDate: '2026-06-30' }).adviceCirculatedBy).toBe('2026-06-15');
  });
});
