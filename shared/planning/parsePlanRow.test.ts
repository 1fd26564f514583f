import { parsePlanRow } from './parsePlanRow';

describe('reading a caseload row', () => {
  it('reads a full row, treating empty cells as not given', () => {
    expect(parsePlanRow({ id: 'P-1', planIssued: '2026-03-01', lastReviewConcluded: '', ncYear: '9', transferKind: 'post16', transferDate: '2029-09-01', meetingDate: ' ' })).toEqual({
      ok: true,
      value: { id: 'P-1', planIssued: '2026-03-01', ncYear: 9, transfer: { kind: 'post16', date: '2029-09-01' } },
    });
  });
  it('names CSV columns in its problems', () => {
    const r = parsePlanRow({ id: 'P-2', planIssued: '2026-03-01', transferKind: 'college', transferDate: '2027-02-30' });
    expect(r).toEqual({
      ok: false,
      problems: [
        { field: 'transferKind', message: 'must be one of school, post16, post16-move' },
        { field: 'transferDate', message: '"2027-02-30" is not a real calendar date; use YYYY-MM-DD (for example 2026-03-31)' },
      ],
    });
  });
  it('needs an id and a plan issue date', () => {
    expect(parsePlanRow({ planIssued: '' })).toEqual({ ok: false, problems: [{ field: 'id', message: 'is required' }, { field: 'planIssued', message: 'is required' }] });
  });
  it('refuses a meeting before the plan was issued', () => {
    expect(parsePlanRow({ id: 'P-3', planIssued: '2026-03-01', meetingDate: '2026-02-01' })).toEqual({
      ok: false,
      problems: [{ field: 'meetingDate', message: '2026-02-01 is before the plan was issued (2026-03-01); check the date' }],
    });
  });
  it('refuses an ncYear that is not a whole number', () => {
    expect(parsePlanRow({ id: 'P-4', planIssued: '2026-03-01', ncYear: 'Y9' })).toMatchObject({ ok: false, problems: [{ field: 'ncYear' }] });
  });
});
