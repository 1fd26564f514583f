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

describe('the fast path for clean rows agrees with the schema', () => {
  const samples: Record<string, string>[] = [];
  const dates = ['2026-03-01', '2025-02-30', '', ' 2026-03-01', '2024-02-29', '2026-1-01', '2027-09-01', '2020-05-05'];
  const years = ['', '9', '-1', '15', 'x', '014', ' 3', '-2'];
  const kinds = ['', 'school', 'post16', 'post16-move', 'college'];
  let n = 0;
  for (const planIssued of dates)
    for (const meetingDate of dates.slice(0, 5))
      for (const ncYear of years)
        for (const transferKind of kinds) {
          n++;
          samples.push({ id: n % 7 === 0 ? ` P${n}` : `P${n}`, planIssued, meetingDate, ncYear, transferKind, transferDate: dates[n % dates.length]!, lastReviewConcluded: dates[(n * 3) % dates.length]!, dateOfBirth: ['', '2015-01-01', '2026-03-01', '2024-03-01', 'x'][n % 5]! });
        }

  it.each([0, 1, 2, 3])('gives the same result as the schema path (slice %i)', (slice) => {
    const part = samples.filter((_, i) => i % 4 === slice);
    for (const cells of part) {
      const fast = parsePlanRow(cells);
      const slow = parsePlanRow({ ...cells, id: `${cells.id} `.trimEnd() === cells.id ? ` ${cells.id}` : cells.id });
      // The leading space forces the schema path; it trims ids the same way.
      expect({ cells, ok: fast.ok, value: fast.ok ? fast.value : undefined }).toEqual({ cells, ok: slow.ok, value: slow.ok ? { ...slow.value, id: fast.ok ? fast.value.id : '' } : undefined });
    }
  });
});
