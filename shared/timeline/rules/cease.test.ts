import { computeTimeline } from '../computeTimeline';
import { parseCaseInput } from '../parseCaseInput';
import type { CaseInput } from '../types';
import { ceaseConsultationEnds, proposedPlanEnd } from './cease';

// Plan issued 2025-11-20 (deadline 2026-11-19); meeting 2026-10-05; proposal to cease notified 2026-10-20.
const proposed: CaseInput = { planIssued: '2025-11-20', meetingDate: '2026-10-05', ceaseProposed: '2026-10-20' };

describe('ceasing a plan lawfully (s45; Reg 31)', () => {
  it('counts the consultation on a proposal notified 2026-10-20 as 15 days by default (ends 2026-11-03), or the council’s own period', () => {
    expect(computeTimeline(proposed).ceaseConsultationEnds).toBe('2026-11-03');
    expect(computeTimeline({ ...proposed, settings: { ceaseConsultationDays: 28 } }).ceaseConsultationEnds).toBe('2026-11-16');
    expect(ceaseConsultationEnds('2026-11-02', 15)).toBe('2026-11-16');
  });

  it('counts the proposal as the review’s decision, in time (due 2026-11-02), and starts no appeal window until the cease', () => {
    const tl = computeTimeline(proposed, { today: '2026-10-25' });
    expect(tl.decisionDue).toBe('2026-11-02');
    expect(tl.warnings.map((w) => w.code)).not.toContain('decision-late');
    expect(tl.steps.find((s) => s.id === 'decisionDue')).toMatchObject({ doneOn: '2026-10-20', state: 'done' });
    expect(tl.appealDeadline).toBeNull();
    expect(tl.planMaintainedUntil).toBeNull();
  });

  it('keeps the plan after a cease notified on 2026-11-10 until the appeal window ends (Monday 2027-01-11: 10 January is a Sunday, r12), as a proposal an officer confirms', () => {
    const tl = computeTimeline({ ...proposed, decision: { outcome: 'cease', notifiedOn: '2026-11-10' } });
    expect(tl.planMaintainedUntil).toBe('2027-01-11');
    expect(tl.steps.find((s) => s.id === 'planMaintainedUntil')?.label).toContain('an officer confirms it');
    expect(tl.nextReviewDeadline).toBeNull();
    expect(tl.warnings.filter((w) => w.code.startsWith('cease'))).toEqual([]);
    // A mediation certificate later than 2 months less 1 adds time.
    expect(proposedPlanEnd('2026-11-10', '2026-12-20')).toBe('2027-01-20');
  });

  it('warns about a cease decided on 2026-11-02, before the consultation ended on 2026-11-03, and about a cease with no proposal at all', () => {
    expect(computeTimeline({ ...proposed, decision: { outcome: 'cease', notifiedOn: '2026-11-02' } }).warnings.map((w) => w.code)).toContain('cease-before-consultation-ends');
    expect(computeTimeline({ planIssued: '2025-11-20', meetingDate: '2026-10-05', decision: { outcome: 'cease', notifiedOn: '2026-10-20' } }).warnings.map((w) => w.code)).toContain('cease-without-proposal');
  });

  it('refuses a proposal before its meeting and a decision other than the cease after one', () => {
    expect(parseCaseInput({ ...proposed, ceaseProposed: '2026-10-01' })).toMatchObject({ ok: false, problems: [{ field: 'ceaseProposed' }] });
    expect(parseCaseInput({ ...proposed, decision: { outcome: 'maintain', notifiedOn: '2026-11-10' } })).toMatchObject({ ok: false, problems: [{ field: 'decision.outcome' }] });
  });
});
