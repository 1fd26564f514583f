import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readCsv } from '../../bot/csv/read';
import { csvCell } from '../../bot/csv/write';
import { importCaseload } from '../../bot/store/caseload/importCaseload';
import { cli } from '../cli/runCli';
import { type People, registerPeople } from '../support/fixtures';
import { openTestStore, storeKinds, type TestStore } from '../../testkit/stores';

const spectrum = path.dirname(require.resolve('csv-spectrum/package.json'));

/** Every non-empty value in the csv-spectrum cases (quoted commas, quotes, LF and CRLF breaks, UTF-8, JSON). */
function spectrumValues(): string[] {
  const values = new Set<string>();
  for (const file of readdirSync(path.join(spectrum, 'json'))) {
    const json = JSON.parse(readFileSync(path.join(spectrum, 'json', file), 'utf8')) as Record<string, string> | Record<string, string>[];
    for (const row of Array.isArray(json) ? json : [json]) for (const v of Object.values(row)) if (v.trim()) values.add(v);
  }
  return [...values];
}

async function csvRows(text: string): Promise<string[][]> {
  const rows: string[][] = [];
  for await (const batch of readCsv(text)) for (const e of batch) rows.push(e.fields ?? ['PROBLEM', e.problem]);
  return rows;
}

const strayQuote = ['id,planIssued', 'OAK-1,2026-01-10', 'OAK-2,2015 "x', 'OAK-3,2026-02-01', 'OAK-4,2026-03-01', 'OAK-5,2026-04-01'].join('\n');

describe('CSV files through ehcp-review plan', () => {
  it('gives every good row and names the line of a stray quote (5 rows: 4 planned, 1 skipped)', async () => {
    const r = await cli(['plan', '-', '--today', '2026-11-24'], { stdin: `${strayQuote}\n` });
    expect(r.code).toBe(2);
    expect(r.stdout.trim().split('\n').slice(1).map((l) => l.split(',')[0]).sort()).toEqual(['OAK-1', 'OAK-3', 'OAK-4', 'OAK-5']);
    expect(r.stderr).toBe('line 3 (id OAK-2): planIssued: "2015 \\"x" is not a real calendar date; use YYYY-MM-DD (for example 2026-03-31)\n4 plans planned; 1 row skipped because of the problems above.\n');
  });

  it('reports a quote that never closes on its line and reads every row after it', async () => {
    const rows = Array.from({ length: 150 }, (_, i) => `R-${i + 3},2026-01-10`);
    const r = await cli(['plan', '-', '--today', '2026-11-24'], { stdin: `id,planIssued\nR-1,2026-01-10\n"R-2,2026-01-10\n${rows.join('\n')}\n` });
    expect(r.code).toBe(2);
    expect(r.stdout.trim().split('\n')).toHaveLength(1 + 1 + 150);
    expect(r.stderr).toMatch(/^line 3: field 1 opens a quote that is not closed \(within 100 lines/);
    expect(r.stderr).toContain('151 plans planned; 1 row skipped');
  });

  it('brings every csv-spectrum value back exactly as an id, in CSV and in JSON', async () => {
    const values = spectrumValues();
    expect(values.some((v) => v.includes('\r\n'))).toBe(true);
    const input = `id,planIssued\r\n${values.map((v) => `${csvCell(v)},2026-01-10`).join('\r\n')}\r\n`;
    const asCsv = await cli(['plan', '-', '--today', '2026-11-24', '--format', 'csv'], { stdin: input });
    expect(asCsv.code).toBe(0);
    const [header, ...out] = await csvRows(asCsv.stdout);
    expect(header?.[0]).toBe('id');
    expect(out.map((r) => r[0]).sort()).toEqual([...values].sort());
    const asJson = await cli(['plan', '-', '--today', '2026-11-24', '--format', 'json'], { stdin: input });
    expect((JSON.parse(asJson.stdout) as { id: string }[]).map((r) => r.id).sort()).toEqual([...values].sort());
  });

  it('neutralises ids a spreadsheet would run as formulas', async () => {
    const r = await cli(['plan', '-', '--today', '2026-11-24'], { stdin: 'id,planIssued\n"=HYPERLINK(""http://x"")",2026-01-10\n+1,2026-01-10\n@A,2026-01-10\n-2,2026-01-10\n' });
    const ids = (await csvRows(r.stdout)).slice(1).map((row) => row[0]);
    expect(ids.sort()).toEqual(["'+1", "'-2", '\'=HYPERLINK("http://x")', "'@A"]);
  });
});

describe.each(storeKinds)('CSV files through the caseload import on %s', (kind) => {
  let store: TestStore;
  let people: People;
  beforeEach(async () => {
    store = await openTestStore(kind);
    people = await registerPeople(store.db);
  });
  afterEach(() => store.dispose());
  const importText = (csv: string) => store.db.transaction((tx) => importCaseload(tx, people.officer, csv));

  it('stores every csv-spectrum value exactly as a child’s name', async () => {
    const values = spectrumValues();
    const csv = `laReference,childName,school,planIssued\r\n${values.map((v, i) => `S-${i},${csvCell(v)},north-school,2026-01-10`).join('\r\n')}\r\n`;
    expect(await importText(csv)).toMatchObject({ created: values.length, rejected: 0 });
    const names = await store.db.query<{ name: string }>('select name from children order by la_reference');
    expect(names.map((n) => n.name).sort()).toEqual([...values].sort());
  });

  it('gives the same answer as plan for the same file: the same rows kept and the same lines refused', async () => {
    const lines = [
      'id,laReference,childName,school,planIssued',
      'A-1,A-1,Ada,north-school,2026-01-10',
      'A-2,A-2,Ben,north-school,2015 "x',
      'A-3,A-3,"Cara ""C""",north-school,2026-02-01',
      'A-4,A-4,"Dev"x,north-school,2026-02-01',
      'A-5,A-5,Ema,north-school,2026-02-30',
      'A-6,A-6,"Finn',
      'A-7,A-7,Gus,north-school,2026-03-01',
      'A-8,A-8,"Hal',
      'Jones",north-school,2026-03-02',
    ];
    const csv = `${lines.join('\n')}\n`;
    const planned = await cli(['plan', '-', '--today', '2026-11-24'], { stdin: csv });
    const keptByPlan = planned.stdout.trim().split('\n').slice(1).map((l) => l.split(',')[0]).sort();
    const refusedByPlan = [...planned.stderr.matchAll(/^line (\d+)/gm)].map((m) => Number(m[1]));
    const imported = await importText(csv);
    const keptByImport = (await store.db.query<{ la_reference: string }>('select la_reference from children order by 1')).map((c) => c.la_reference);
    expect(keptByImport).toEqual(keptByPlan);
    expect([...new Set(imported.errors.map((e) => e.line))]).toEqual(refusedByPlan);
    expect(keptByPlan).toEqual(['A-1', 'A-3', 'A-7', 'A-8']);
    expect(refusedByPlan).toEqual([3, 5, 6, 7]);
    // Counts add up to the rows of the file: 8 (A-8 spans two lines).
    expect(imported.created + imported.rejected).toBe(8);
  });
});
