import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type CsvEntry, readCsv } from './read';

const spectrum = path.dirname(require.resolve('csv-spectrum/package.json'));

async function readAll(input: string | Buffer[], options = {}): Promise<CsvEntry[]> {
  const out: CsvEntry[] = [];
  const source = typeof input === 'string' ? input : (async function* () { yield* input; })();
  for await (const batch of readCsv(source, options)) out.push(...batch);
  return out;
}

/** csv-spectrum 2.0.0's JSON for location_coordinates has a phone number its CSV does not (the CSV says 2095257564). */
const knownSpectrumSlip = { 'Contact Phone Number': '2095257564' };

const shape = (entries: CsvEntry[]) => entries.map((e) => (e.problem ? { line: e.line, problem: e.problem.slice(0, 30) } : { line: e.line, fields: e.fields }));

describe('the CSV reader', () => {
  it.each(readdirSync(path.join(spectrum, 'csvs')).map((f) => [path.basename(f, '.csv')]))('reads the csv-spectrum case %s exactly', async (name) => {
    const entries = await readAll(readFileSync(path.join(spectrum, 'csvs', `${name}.csv`), 'utf8'));
    const json = JSON.parse(readFileSync(path.join(spectrum, 'json', `${name}.json`), 'utf8')) as Record<string, string>[] | Record<string, string>;
    const expected = Array.isArray(json) ? json : [json];
    const [header, ...rows] = entries;
    const objects = rows.map((r) => Object.fromEntries((header?.fields ?? []).map((h, i) => [h, r.fields?.[i]])));
    expect(objects).toEqual(expected.map((row) => (name === 'location_coordinates' ? { ...row, ...knownSpectrumSlip } : row)));
  });

  it('reads a UTF-8 character split across two chunks, and drops a byte order mark', async () => {
    const bytes = Buffer.from('\ufeffid,name\n1,Zoë\n', 'utf8');
    const cut = bytes.indexOf(0xc3) + 1;
    expect(shape(await readAll([bytes.subarray(0, cut), bytes.subarray(cut)]))).toEqual([
      { line: 1, fields: ['id', 'name'] },
      { line: 2, fields: ['1', 'Zoë'] },
    ]);
  });

  it('keeps a stray quote inside its own field and reads every other row', async () => {
    const entries = await readAll('id,planIssued\nA,2015 "x\nB,2026-01-01\nC,2026-01-02\nD,2026-01-03\n');
    expect(shape(entries)).toEqual([
      { line: 1, fields: ['id', 'planIssued'] },
      { line: 2, fields: ['A', '2015 "x'] },
      { line: 3, fields: ['B', '2026-01-01'] },
      { line: 4, fields: ['C', '2026-01-02'] },
      { line: 5, fields: ['D', '2026-01-03'] },
    ]);
  });

  it('reports text after a closing quote on its line and goes on', async () => {
    expect(shape(await readAll('a,b\n"x"y,1\n2,3\n'))).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, problem: "field 1's closing quote is fol" },
      { line: 3, fields: ['2', '3'] },
    ]);
  });

  it('reads a quoted field across lines and numbers the rows after it by their real lines', async () => {
    expect(shape(await readAll('a,b\r\n"two\r\nlines",1\r\n"q ""x""",2\r\nlast,3'))).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['two\r\nlines', '1'] },
      { line: 4, fields: ['q "x"', '2'] },
      { line: 5, fields: ['last', '3'] },
    ]);
  });

  it('bounds a quote that never closes: reports its line and resumes at the next line', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `R${i + 3},2026-01-01`);
    const entries = await readAll(`id,planIssued\n"R2,2026-01-01\n${rows.join('\n')}\n`, { maxRecordLines: 50 });
    expect(entries).toHaveLength(302);
    expect(entries[1]).toEqual({ line: 2, problem: expect.stringContaining('field 1 opens a quote that is not closed (within 50 lines') });
    expect(entries.slice(2).map((e) => e.fields?.[0])).toEqual(rows.map((r) => r.split(',')[0]));
    expect(entries.at(-1)?.line).toBe(302);
  });

  it('reports a quote still open at the end of the file and reads the lines after it', async () => {
    expect(shape(await readAll('a,b\n1,"open\n2,3\n'))).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, problem: 'field 2 opens a quote that is ' },
      { line: 3, fields: ['2', '3'] },
    ]);
  });

  it('stays linear on a few megabytes after an unterminated quote: every row read, memory bounded', async () => {
    const good = 'X,2026-01-01,2025-12-01,2015-01-01,5,,,\n';
    const n = 100_000;
    const text = `id,planIssued\n"unclosed,2026-01-01\n${good.repeat(n)}`;
    expect(text.length).toBeGreaterThan(3_000_000);
    const before = process.memoryUsage().heapUsed;
    let rows = 0;
    let problems = 0;
    let largestBatch = 0;
    for await (const batch of readCsv(text)) {
      largestBatch = Math.max(largestBatch, batch.length);
      for (const e of batch) e.problem ? problems++ : rows++;
    }
    expect({ rows, problems }).toEqual({ rows: n + 1, problems: 1 });
    // Batches follow the 64 KiB slices, not the file: nothing accumulates.
    expect(largestBatch).toBeLessThan(5000);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('caps a line with no end instead of holding it all', async () => {
    const entries = await readAll(`a,b\n${'x'.repeat(200_000)}\n1,2\n`, { maxRecordChars: 1000 });
    expect(shape(entries)).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, problem: 'is longer than 1000 characters' },
      { line: 3, fields: ['1', '2'] },
    ]);
  });
});
