import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SortedRows } from '../../bot/cli/plan/sortedRows';
import { cli } from './runCli';

const csv = (rows: string[]) => `${rows.join('\n')}\n`;

describe('ehcp-review plan', () => {
  it('sorts the example caseload by urgency: overdue, book now, due this term, later', async () => {
    const r = await cli(['plan', 'examples/caseload.csv', '--today', '2026-11-24']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('id,status,reviewDeadline,latestMeetingDate,bookBy,meetingDate');
    const statuses = lines.slice(1).map((l) => l.split(',')[1]);
    const rank = { overdue: 0, 'book now': 1, 'due this term': 2, later: 3 } as Record<string, number>;
    expect(statuses.map((s) => rank[s!])).toEqual([...statuses.map((s) => rank[s!])].sort());
    expect(lines).toHaveLength(21);
    expect(lines).toContain('OAK-002,due this term,2027-02-17,2027-01-20,2026-11-25,');
  });

  it('takes columns in any order, ignores extras, and reads quotes, CRLF and a byte order mark', async () => {
    const text = '\ufeffschool,meetingDate,planIssued,"id"\r\n"Oak, Juniors",,2026-03-01,"A ""1"""\r\nElm,,2026-01-15,B2\r\n';
    const r = await cli(['plan', '-', '--today', '2026-11-24'], { stdin: text });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('id,status,reviewDeadline,latestMeetingDate,bookBy,meetingDate\nB2,book now,2027-01-14,2026-12-17,2026-10-22,\n"A ""1""",due this term,2027-02-28,2027-01-31,2026-12-06,\n');
  });

  it('reports bad rows with line numbers, skips them, still prints good rows, and exits 2', async () => {
    const r = await cli(['plan', 'examples/caseload-with-errors.csv', '--today', '2026-11-24']);
    expect(r.code).toBe(2);
    expect(r.stdout.trim().split('\n')).toHaveLength(3);
    expect(r.stderr.split('\n')).toEqual([
      'line 3 (id ELM-002): planIssued: "2025-02-30" is not a real calendar date; use YYYY-MM-DD (for example 2026-03-31)',
      'line 4 (id ELM-003): planIssued: is required',
      'line 5 (id ELM-004): transferKind: must be one of school, post16, post16-move',
      'line 6 (id ELM-005): meetingDate: 2025-05-01 is before the plan was issued (2025-06-10); check the date',
      '2 plans planned; 4 rows skipped because of the problems above.',
      '',
    ]);
    expect(r.stderr).not.toContain('    at ');
  });

  it('counts lines inside quoted fields when it reports a bad row', async () => {
    const r = await cli(['plan', '-', '--today', '2026-11-24'], { stdin: csv(['id,planIssued,notes', 'A,2026-03-01,"two', 'lines"', 'B,2026-02-31,x']) });
    expect(r.stderr).toContain('line 4 (id B): planIssued:');
  });

  it('refuses a header without the required columns', async () => {
    const r = await cli(['plan', '-'], { stdin: csv(['ref,issued', 'A,2026-03-01']) });
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toContain('line 1: the header row has no id or planIssued column');
  });

  it('prints JSON and an aligned table', async () => {
    const json = await cli(['plan', 'examples/caseload.csv', '--today', '2026-11-24', '--format', 'json']);
    const rows = JSON.parse(json.stdout);
    expect(rows).toHaveLength(20);
    expect(rows.find((r: { id: string }) => r.id === 'OAK-008')).toEqual({ id: 'OAK-008', status: 'overdue', reviewDeadline: '2026-08-31', latestMeetingDate: '2026-08-03', bookBy: '2026-06-08', meetingDate: '2026-07-14' });
    const table = await cli(['plan', 'examples/caseload.csv', '--today', '2026-11-24'], { stdoutTTY: true });
    const lines = table.stdout.split('\n');
    expect(lines[0]).toMatch(/^ID\s+STATUS\s+REVIEW BY\s+LATEST MEETING\s+BOOK BY\s+MEETING$/);
    expect(lines[2]).toMatch(/^OAK-016 {2}overdue\s+2026-08-19/);
  });

  it('gives JSON [] and a header for an empty caseload', async () => {
    expect((await cli(['plan', '-', '--format', 'json'], { stdin: 'id,planIssued\n' })).stdout).toBe('[\n]\n');
    expect((await cli(['plan', '-'], { stdin: '' })).code).toBe(2);
  });
});

describe('the planner’s bounded-memory sort', () => {
  it('spills sorted runs to disk past its budget and merges them in order, keeping input order for ties', async () => {
    const rows = new SortedRows(200);
    const keys = Array.from({ length: 300 }, (_, i) => (i * 7919) % 13);
    for (const [i, k] of keys.entries()) await rows.add(k, `row${i}`);
    expect(rows.spilledRuns).toBeGreaterThan(3);
    const out: string[] = [];
    for await (const r of rows.drain()) out.push(r);
    const expected = keys.map((k, i) => ({ k, i })).sort((a, b) => a.k - b.k || a.i - b.i).map(({ i }) => `row${i}`);
    expect(out).toEqual(expected);
  });

  it('keeps rows in memory under its budget, in the same order', async () => {
    const rows = new SortedRows();
    const keys = [5, 3, 9, 3, 1, 7, 5, 0, 2, 8, 3, 6];
    for (const [i, k] of keys.entries()) await rows.add(k, `row${i}`);
    const out: string[] = [];
    for await (const r of rows.drain()) out.push(r);
    expect(rows.spilledRuns).toBe(0);
    expect(out).toEqual(['row7', 'row4', 'row8', 'row1', 'row3', 'row10', 'row0', 'row6', 'row11', 'row5', 'row9', 'row2']);
  });

  it('writes rows held in memory window by window, in key order, keeping input order for ties, with spread-out keys too', async () => {
    for (const spread of [1, 10_000_000]) {
      // A 64-byte window: several passes, and keys whose rows alone overflow one.
      const rows = new SortedRows(1 << 20, 64);
      const keys = Array.from({ length: 500 }, (_, i) => ((i * 7919) % 17) * spread);
      for (const [i, k] of keys.entries()) await rows.add(k, `row${i}${i % 3 ? '' : '-é'}`);
      const out: string[] = [];
      for await (const r of rows.drain()) out.push(r);
      expect(rows.spilledRuns).toBe(0);
      expect(out).toEqual(keys.map((k, i) => ({ k, i })).sort((a, b) => a.k - b.k || a.i - b.i).map(({ i }) => `row${i}${i % 3 ? '' : '-é'}`));
    }
  });

  it.each([
    ['in memory', 1 << 20],
    ['spilling to disk', 300],
  ])('keeps rows given as pieces, as ASCII text and as other text in one order, %s', async (_how, budget) => {
    const rows = new SortedRows(budget, 64);
    const keys = Array.from({ length: 400 }, (_, i) => (i * 7919) % 23);
    const expected: string[] = [];
    const text = 'x,ID-0,mid,2026-01-01,y';
    const middle = Buffer.from(',tail,', 'latin1');
    for (const [i, k] of keys.entries()) {
      if (i % 3 === 0) {
        await rows.addAsciiPieces(k, text, 2, 6, middle, 11, 21);
        expected.push('ID-0,tail,2026-01-01');
      } else if (i % 3 === 1) {
        await rows.add(k, `ascii${i}`, true);
        expected.push(`ascii${i}`);
      } else {
        await rows.add(k, `é${i}`);
        expected.push(`é${i}`);
      }
    }
    const out: string[] = [];
    for await (const r of rows.drain()) out.push(r);
    expect(rows.spilledRuns > 0).toBe(budget < 1000);
    expect(out).toEqual(keys.map((k, i) => ({ k, i })).sort((a, b) => a.k - b.k || a.i - b.i).map(({ i }) => expected[i]));
  });

  it('sorts 5,000 plans by status from a file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'plan-test-'));
    const file = path.join(dir, 'big.csv');
    const lines = ['id,planIssued'];
    for (let i = 0; i < 5000; i++) lines.push(`P${i},2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`);
    writeFileSync(file, csv(lines));
    const r = await cli(['plan', file, '--today', '2026-11-24']);
    const out = r.stdout.trim().split('\n');
    expect(out).toHaveLength(5001);
    const deadlines = out.slice(1).map((l) => l.split(','));
    const rank = { overdue: 0, 'book now': 1, 'due this term': 2, later: 3 } as Record<string, number>;
    for (let i = 1; i < deadlines.length; i++) expect(rank[deadlines[i - 1]![1]!]! <= rank[deadlines[i]![1]!]!).toBe(true);
  });
});
