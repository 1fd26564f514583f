import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli } from './runCli';

// The planner reads plain lines (no quote, no carriage return) in place and hands the
// rest of a file to readCsv from its first quote or carriage return. A quoted header
// sends the whole file through readCsv, the reader the planner always used, so each
// input here is planned both ways and must give the same bytes, messages and status.
const HEADER = 'id,planIssued,lastReviewConcluded,dateOfBirth,ncYear,transferKind,transferDate,meetingDate';
const QUOTED_HEADER = HEADER.replace('id,', '"id",');

function tricky(): string[] {
  const rows: string[] = [];
  const dates = ['2024-01-10', '2025-02-30', '', ' 2024-01-10', '2024-02-29', '2024-1-10', '2027-09-01', '2019-05-05', '30/02/2025', '1899-12-31', '2024-01-10 '];
  const years = ['', '9', '-1', '15', 'x', '014', ' 3', '-2', '-0', '00', '+9', '9.0'];
  const kinds = ['', 'school', 'post16', 'post16-move', 'college', 'School'];
  const ids = ['P', ' P', 'P ', '', '=P', '-P', '+P', '@P', 'é', 'P\u00a0', '\u3000P', 'P\x01', 'P\x00', 'P\x7f', 'LA-0001'];
  for (let n = 0; n < 1500; n++) {
    const d = (k: number) => dates[(n * k) % dates.length]!;
    const id = ids[n % ids.length]!;
    rows.push([id && `${id}${n}`, d(1), d(3), n % 4 ? '' : d(5), years[n % years.length], kinds[n % kinds.length], n % 3 ? '' : d(7), n % 5 ? '' : d(2)].join(','));
  }
  rows.push('short,2024-01-10', 'B', ',,', 'extra,2024-01-10,,,,,,,x,y', '', '', 'after-blank,2024-01-10,,,,,,');
  return rows;
}

const inputs: Record<string, (header: string) => string> = {
  'bad and good rows': (h) => `${h}\n${tricky().join('\n')}\n`,
  'no final line end': (h) => `${h}\n${tricky().join('\n')}`,
  'blank lines': (h) => `\n\n${h}\n\n${tricky().slice(0, 50).join('\n\n')}\n\n\n`,
  'a byte order mark': (h) => `\ufeff${h}\n${tricky().slice(0, 50).join('\n')}\n`,
  'a quote after 64 KiB': (h) => `${h}\n${tricky().join('\n')}\n"Q,1",2024-01-10,,,,,,\n"Q""2",2024-01-10,,,,,,\n"bad"x,2024-01-10,,,,,,\n${tricky().slice(0, 900).join('\n')}\n`,
  'a CRLF after 64 KiB': (h) => `${h}\n${tricky().join('\n')}\r\n${tricky().slice(0, 900).join('\n')}\n`,
  'a lone CR after 64 KiB': (h) => `${h}\n${tricky().join('\n')}\r${tricky().slice(0, 900).join('\n')}`,
  'a line longer than readCsv allows': (h) => `${h}\n${tricky().slice(0, 700).join('\n')}\n${'Y'.repeat(100_000)},2024-01-10\n${tricky().slice(0, 700).join('\n')}\n`,
  'a line just under the bound': (h) => `${h}\n${tricky().slice(0, 300).join('\n')}\n${'Y'.repeat(65_530)},2024-01-10\n${tricky().slice(0, 700).join('\n')}\n`,
  'a byte order mark inside': (h) => `${h}\nA,2024-01-10,,,,,,\n\ufeffB,2024-01-10,,,,,,\n`,
  'columns in another order, one missing': (h) => `${h === HEADER ? 'meetingDate,extra,ID,planissued, transferKind ,transferDate,ncYear' : 'meetingDate,extra,"ID",planissued, transferKind ,transferDate,ncYear'}\n${tricky()
    .map((r) => {
      const f = r.split(',');
      return [f[7], 'z', f[0], f[1], f[5], f[6], f[4]].join(',');
    })
    .join('\n')}\n`,
};

describe('the planner’s plain-line reader', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'plan-fast-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it.each(Object.keys(inputs).flatMap((name) => (['csv', 'json', 'table'] as const).map((format) => [name, format] as const)))('plans %s (%s) as readCsv alone does', async (name, format) => {
    const plain = path.join(dir, `${name}-plain.csv`);
    const quoted = path.join(dir, `${name}-quoted.csv`);
    writeFileSync(plain, inputs[name]!(HEADER));
    writeFileSync(quoted, inputs[name]!(QUOTED_HEADER));
    const a = await cli(['plan', plain, '--format', format, '--today', '2026-11-24']);
    const b = await cli(['plan', quoted, '--format', format, '--today', '2026-11-24']);
    expect(a.stdout.length).toBeGreaterThan(0);
    expect(a).toEqual(b);
  });

  // Output of the planner before the plain-line reader (main at 8936599), pinned.
  it('gives the bytes, messages and status it gave before, for a few tricky rows', async () => {
    const text = `${HEADER}\nP 1,2024-01-10,,,,,,\n=P2,2024-01-10,,,9,,,2024-06-01\né3,2024-02-29,,,,post16,2027-09-01,\nP4,2024-01-10,2023-01-01,,,,,\nP5,2024-01-10,,,15,,,\n\nP6,2024-01-10,,,,school,,\n`;
    const r = await cli(['plan', '-', '--today', '2026-11-24'], { stdin: text });
    expect(r).toEqual({
      code: 2,
      stdout: "id,status,reviewDeadline,latestMeetingDate,bookBy,meetingDate\nP 1,overdue,2025-01-09,2024-12-12,2024-10-17,\n'=P2,overdue,2025-01-09,2024-12-12,2024-10-17,2024-06-01\né3,overdue,2025-02-28,2025-01-31,2024-12-06,\n",
      stderr:
        'line 5 (id P4): lastReviewConcluded: 2023-01-01 is before the plan was issued (2024-01-10); check the date\nline 6 (id P5): ncYear: must be a whole number from -1 (nursery) to 14\nline 8 (id P6): transferDate: is required\n3 plans planned; 3 rows skipped because of the problems above.\n',
    });
  });
});
