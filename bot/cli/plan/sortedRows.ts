import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

/**
 * Rows kept in urgency order with bounded memory: rows are held in memory up to a
 * character budget, then sorted and spilled to a temporary run file; reading back
 * merges the runs. A school's caseload never spills; a whole country's stays
 * within the budget plus one line per run. Equal keys keep their input order.
 */
export class SortedRows {
  private keys: number[] = [];
  private rows: string[] = [];
  private chars = 0;
  private seq = 0;
  private runs: string[] = [];
  private dir: string | undefined;

  constructor(private readonly budgetChars = 64 * 1024 * 1024) {}

  get size(): number {
    return this.seq;
  }

  async add(key: number, row: string): Promise<void> {
    this.keys.push(key);
    this.rows.push(row);
    this.seq++;
    this.chars += row.length + 24;
    if (this.chars >= this.budgetChars) await this.spill();
  }

  private order(): number[] {
    const idx = Array.from(this.keys, (_, i) => i);
    const keys = this.keys;
    idx.sort((a, b) => keys[a]! - keys[b]! || a - b);
    return idx;
  }

  private async spill(): Promise<void> {
    this.dir ??= await mkdtemp(path.join(tmpdir(), 'ehcp-plan-'));
    const file = path.join(this.dir, `run-${this.runs.length}.txt`);
    const out = createWriteStream(file);
    const base = this.seq - this.rows.length;
    for (const i of this.order()) {
      if (!out.write(`${this.keys[i]}\t${base + i}\t${this.rows[i]}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'close');
    this.runs.push(file);
    this.keys = [];
    this.rows = [];
    this.chars = 0;
  }

  /** Every row in order; removes the temporary files when done. */
  async *drain(): AsyncGenerator<string> {
    try {
      if (this.runs.length === 0) {
        for (const i of this.order()) yield this.rows[i]!;
        return;
      }
      if (this.rows.length) await this.spill();
      yield* mergeRuns(this.runs);
    } finally {
      this.keys = [];
      this.rows = [];
      if (this.dir) await rm(this.dir, { recursive: true, force: true });
    }
  }
}

interface Head {
  key: number;
  seq: number;
  row: string;
  lines: AsyncIterator<string>;
}

async function nextHead(lines: AsyncIterator<string>): Promise<Head | undefined> {
  const r = await lines.next();
  if (r.done) return undefined;
  const t1 = r.value.indexOf('\t');
  const t2 = r.value.indexOf('\t', t1 + 1);
  return { key: Number(r.value.slice(0, t1)), seq: Number(r.value.slice(t1 + 1, t2)), row: r.value.slice(t2 + 1), lines };
}

/** k-way merge of sorted run files (few runs, so a linear scan for the minimum is enough). */
async function* mergeRuns(files: string[]): AsyncGenerator<string> {
  const heads: Head[] = [];
  for (const f of files) {
    const lines = createInterface({ input: createReadStream(f), crlfDelay: Number.POSITIVE_INFINITY })[Symbol.asyncIterator]();
    const h = await nextHead(lines);
    if (h) heads.push(h);
  }
  while (heads.length) {
    let m = 0;
    for (let i = 1; i < heads.length; i++) {
      const a = heads[i]!;
      const b = heads[m]!;
      if (a.key < b.key || (a.key === b.key && a.seq < b.seq)) m = i;
    }
    const h = heads[m]!;
    yield h.row;
    const n = await nextHead(h.lines);
    if (n) heads[m] = n;
    else heads.splice(m, 1);
  }
}
