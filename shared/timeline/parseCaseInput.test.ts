import { parseCaseInput } from './parseCaseInput';

function problems(raw: unknown) {
  const r = parseCaseInput(raw);
  if (r.ok) throw new Error('expected problems');
  return r.problems;
}

describe('reading a case', () => {
  it('accepts a full, consistent case', () => {
    const r = parseCaseInput({
      planIssued: '2025-12-01',
      lastReviewConcluded: null,
      dateOfBirth: '2012-10-05',
      ncYear: 9,
      transfer: { kind: 'post16', date: '2029-09-01' },
      meetingDate: '2026-10-13',
      decision: { outcome: 'amend', notifiedOn: '2026-11-06' },
      amendmentNoticeServed: '2026-11-06',
      settings: { notice: 'lenient', anchor: 'meeting' },
      school: 'ignored',
    });
    expect(r.ok).toBe(true);
  });
  it('reads an early review started on 2026-10-01, and refuses restartsCycle on it and a start before the last review (2026-03-10)', () => {
    const early = parseCaseInput({ planIssued: '2024-05-01', lastReviewConcluded: '2026-03-10', review: { kind: 'early', startedOn: '2026-10-01', reason: 'a significant change' } });
    expect(early).toEqual({ ok: true, value: expect.objectContaining({ review: { kind: 'early', startedOn: '2026-10-01', reason: 'a significant change' } }) });
    expect(problems({ planIssued: '2024-05-01', lastReviewConcluded: '2026-03-10', review: { kind: 'early', startedOn: '2026-03-01', reason: 'r', restartsCycle: true } })).toEqual([
      { field: 'review.restartsCycle', message: 'only an interim review says whether it restarts the 12 months; an early one always does (CFA 2014 s44(1))' },
      { field: 'review.startedOn', message: '2026-03-01 is before the previous review was concluded (2026-03-10); check the date' },
    ]);
  });
  it('says planIssued is required when it is missing', () => {
    expect(problems({})).toEqual([{ field: 'planIssued', message: 'is required' }]);
  });
  it('names an impossible date and says how to write one', () => {
    expect(problems({ planIssued: '2025-02-30' })).toEqual([{ field: 'planIssued', message: '"2025-02-30" is not a real calendar date; use YYYY-MM-DD (for example 2026-03-31)' }]);
  });
  it('reports every bad field at once', () => {
    const fields = problems({ planIssued: '2025-13-01', meetingDate: 'next tuesday', ncYear: 'nine', transfer: { kind: 'college', date: '2027-09-01' } }).map((p) => p.field);
    expect([...fields].sort()).toEqual(['meetingDate', 'ncYear', 'planIssued', 'transfer.kind']);
  });
  it('refuses a meeting before the plan was issued', () => {
    expect(problems({ planIssued: '2025-12-01', meetingDate: '2025-11-30' })).toEqual([{ field: 'meetingDate', message: '2025-11-30 is before the plan was issued (2025-12-01); check the date' }]);
  });
  it('refuses a decision notified before its meeting', () => {
    expect(problems({ planIssued: '2025-12-01', meetingDate: '2026-10-13', decision: { outcome: 'maintain', notifiedOn: '2026-10-12' } })).toEqual([
      { field: 'decision.notifiedOn', message: '2026-10-12 is before its review meeting (2026-10-13); check the date' },
    ]);
  });
  it('refuses a decision with no meeting, and an amendment notice without a decision to amend', () => {
    const fields = problems({ planIssued: '2025-12-01', decision: { outcome: 'maintain', notifiedOn: '2026-10-12' }, amendmentNoticeServed: '2026-10-12' }).map((p) => p.field);
    expect(fields).toEqual(['decision', 'amendmentNoticeServed']);
  });
  it('refuses an unknown decision outcome, naming the choices', () => {
    expect(problems({ planIssued: '2025-12-01', meetingDate: '2026-10-13', decision: { outcome: 'keep', notifiedOn: '2026-10-20' } })).toEqual([
      { field: 'decision.outcome', message: 'must be one of maintain, amend, cease' },
    ]);
  });
  it('refuses something that is not an object', () => {
    expect(problems([1, 2])).toEqual([{ field: '(input)', message: 'must be a JSON object with at least "planIssued"' }]);
  });
});
