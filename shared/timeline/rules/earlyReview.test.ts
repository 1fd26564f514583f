import { computeTimeline } from '../computeTimeline';
import { nextCycleStart } from './earlyReview';

// The last review was concluded on 2026-03-10, so this cycle's review is due by 2027-03-09.
const base = { planIssued: '2024-05-01', lastReviewConcluded: '2026-03-10', meetingDate: '2026-11-02', decision: { outcome: 'maintain' as const, notifiedOn: '2026-11-20' } };

describe('early and interim reviews (s44(1); CoP 9.169, 9.178)', () => {
  it('restarts the 12 months from an early review’s decision on 2026-11-20: next review by 2027-11-19, not 2028-03-09', () => {
    const t = computeTimeline({ ...base, review: { kind: 'early', startedOn: '2026-10-01', reason: 'a significant change at home' } });
    expect(t.reviewDeadline).toBe('2027-03-09');
    expect(t.nextReviewDeadline).toBe('2027-11-19');
    expect(t.warnings.map((w) => w.code)).toContain('early-review');
  });
  it('counts an early review from its meeting (2026-11-02: next by 2027-11-01) under the meeting reading', () => {
    const t = computeTimeline({ ...base, review: { kind: 'early', startedOn: '2026-10-01', reason: 'transfer review held in the autumn' }, settings: { anchor: 'meeting' } });
    expect(t.nextReviewDeadline).toBe('2027-11-01');
  });
  it('leaves the 12 months running after an interim review: the next review is still due by 2027-03-09', () => {
    const t = computeTimeline({ ...base, review: { kind: 'interim', startedOn: '2026-10-01', reason: 'placement at risk' } });
    expect(t.nextReviewDeadline).toBe('2027-03-09');
    expect(t.warnings.find((w) => w.code === 'interim-review')?.message).toBe(
      'An interim review, started on 2026-10-01 (placement at risk): it does not conclude the annual review, so the review deadline stays 2027-03-09 (CFA 2014 s44(1)), unless the council treats it as the annual review.',
    );
  });
  it('restarts the 12 months after an interim review the council treats as the annual review: next by 2027-11-19', () => {
    const t = computeTimeline({ ...base, review: { kind: 'interim', startedOn: '2026-10-01', reason: 'placement at risk', restartsCycle: true } });
    expect(t.nextReviewDeadline).toBe('2027-11-19');
  });
  it('keeps a first cycle’s start (the plan issued 2026-01-15) after an interim review, and moves it after an early one', () => {
    const common = { concludedOn: '2026-06-30', meetingDate: '2026-06-10', anchor: 'decision' as const, currentCycleStart: '2026-01-15' };
    expect(nextCycleStart({ ...common, kind: 'interim' })).toBe('2026-01-15');
    expect(nextCycleStart({ ...common, kind: 'early' })).toBe('2026-06-30');
    expect(nextCycleStart({ ...common, kind: 'annual', anchor: 'meeting' })).toBe('2026-06-10');
  });
});
