import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

/**
 * Rows (single lines of text, no line breaks) kept in order of an integer key with
 * bounded memory. Lines are packed as UTF-8, newline-ended, into 4 MiB byte blocks
 * rather than held as hundreds of thousands of string objects (measured at 640,000
 * rows: about half the time and memory), written as they come, never copied.
 * Past `budgetBytes` the rows are sorted and spilled to a temporary run file, and
 * reading back merges the runs, so a caseload of any size runs in bounded memory.
 * Equal keys keep their input order.
 */
const BLOCK = 4 * 1024 * 1024;
/** Characters of ASCII rows joined before they are written to a block. */
const ASCII_BATCH = 1 << 16;
/** Bytes of sorted output made per pass over the rows held in memory. */
const WINDOW = 16 * 1024 * 1024;

export class SortedRows {
  private blocks: Buffer[] = [];
  /** Bytes used in each block. */
  private filled: number[] = [];
  private used = 0;
  /** ASCII rows, each with its newline, not yet written to a block. */
  private ascii = '';
  private keys = new Int32Array(1 << 14);
  private count = 0;
  private total = 0;
  private runs: string[] = [];
  private dir: string | undefined;

  constructor(
    private readonly budgetBytes = 64 * 1024 * 1024,
    private readonly windowBytes = WINDOW,
  ) {}

  get size(): number {
    return this.total;
  }

  /** How many sorted runs have been spilled to disk so far. */
  get spilledRuns(): number {
    return this.runs.length;
  }

  /**
   * Adds a row; returns a promise only when it had to spill to disk (so callers need not
   * await every row). `ascii` says the row is ASCII, so its UTF-8 bytes are its Latin-1
   * ones, which Node copies without encoding (UTF-8 encoding cost 0.3 s more at 640,000 rows).
   */
  add(key: number, row: string, ascii = false): Promise<void> | undefined {
    this.pushKey(key);
    if (ascii) {
      this.ascii += row;
      this.ascii += '\n';
      this.used += row.length + 1;
      if (this.ascii.length >= ASCII_BATCH) this.flush();
    } else {
      this.flush();
      this.used += this.put(row, 'utf8');
    }
    if (this.used >= this.budgetBytes) return this.spill();
    return undefined;
  }

  /**
   * Adds an ASCII row made of `text.slice(from, to)`, then `middle`, then
   * `text.slice(from2, to2)`, copied straight into the blocks: the planner's rows, so
   * no string is made for them (joining them as strings and writing those cost about
   * 0.3 s at 640,000 rows, in flattening the joined pieces). The caller vouches that
   * those characters are ASCII.
   */
  addAsciiPieces(key: number, text: string, from: number, to: number, middle: Uint8Array, from2: number, to2: number): Promise<void> | undefined {
    this.pushKey(key);
    this.flush();
    const size = to - from + middle.length + (to2 - from2) + 1;
    const b = this.blockWithRoom(size);
    const block = this.blocks[b]!;
    let at = this.filled[b]!;
    for (let i = from; i < to; i++) block[at++] = text.charCodeAt(i);
    // TypedArray set for the ~45 bytes of the tail: measured faster here than a byte loop.
    block.set(middle, at);
    at += middle.length;
    for (let i = from2; i < to2; i++) block[at++] = text.charCodeAt(i);
    block[at++] = 10;
    this.filled[b] = at;
    this.used += size;
    if (this.used >= this.budgetBytes) return this.spill();
    return undefined;
  }

  /** Records a row's key (in input order), growing the key array when it is full. */
  private pushKey(key: number): void {
    if (this.count === this.keys.length) {
      const keys = new Int32Array(this.keys.length * 2);
      keys.set(this.keys);
      this.keys = keys;
    }
    this.keys[this.count++] = key;
    this.total++;
  }

  /** The last block if `size` more bytes fit in it, else a new one (at least BLOCK); its index. */
  private blockWithRoom(size: number): number {
    const last = this.blocks.length - 1;
    if (last >= 0 && this.filled[last]! + size <= this.blocks[last]!.length) return last;
    this.blocks.push(Buffer.allocUnsafe(Math.max(BLOCK, size)));
    this.filled.push(0);
    return last + 1;
  }

  /** Writes the ASCII rows joined so far (newlines included) into the blocks. */
  private flush(): void {
    if (this.ascii.length === 0) return;
    this.put(this.ascii, 'latin1');
    this.ascii = '';
  }

  /**
   * Writes text into the last block (a row gets its newline here; joined ASCII rows
   * have theirs); returns the bytes written. Measured at 640,000 rows: joining rows and
   * sizing the text with Buffer.byteLength (which walks a rope of a thousand pieces)
   * cost 0.44 s; one UTF-8 write per row about 0.3 s more than joined ASCII rows written
   * as Latin-1 (their length is their size, and Node copies them without encoding).
   */
  private put(text: string, encoding: 'latin1' | 'utf8'): number {
    const b = this.blockWithRoom(encoding === 'latin1' ? text.length : text.length * 3 + 1);
    const block = this.blocks[b]!;
    const from = this.filled[b]!;
    let at = from + block.write(text, from, encoding);
    if (encoding === 'utf8') block[at++] = 10;
    this.filled[b] = at;
    return at - from;
  }

  /** Where each row is: its block, and its start and end (after the newline) in it. */
  private locate(): { block: Uint16Array; start: Int32Array; end: Int32Array } {
    this.flush();
    const block = new Uint16Array(this.count);
    const start = new Int32Array(this.count);
    const end = new Int32Array(this.count);
    let b = 0;
    let at = 0;
    for (let i = 0; i < this.count; i++) {
      if (at >= this.filled[b]!) {
        b++;
        at = 0;
      }
      const nl = this.blocks[b]!.indexOf(10, at);
      block[i] = b;
      start[i] = at;
      end[i] = nl + 1;
      at = nl + 1;
    }
    return { block, start, end };
  }

  private clear(): void {
    this.count = 0;
    this.used = 0;
    this.blocks = [];
    this.filled = [];
  }

  /**
   * The smallest and largest key held (at least one row is), and whether the range is small
   * enough to sort by counting (an array per key value) rather than by comparison.
   */
  private keyRange(): { min: number; max: number; dense: boolean } {
    const keys = this.keys;
    let min = keys[0]!;
    let max = keys[0]!;
    for (let i = 1; i < this.count; i++) {
      const k = keys[i]!;
      if (k < min) min = k;
      else if (k > max) max = k;
    }
    return { min, max, dense: max - min <= 4 * this.count + 1_000_000 };
  }

  /** Row positions in key order, stable: a counting sort over the key range when it is small (used for spills and spread-out keys). */
  private order(): Uint32Array {
    const n = this.count;
    const keys = this.keys.subarray(0, n);
    const out = new Uint32Array(n);
    if (n === 0) return out;
    const { min, max, dense } = this.keyRange();
    if (!dense) {
      for (let i = 0; i < n; i++) out[i] = i;
      return out.sort((a, b) => keys[a]! - keys[b]! || a - b);
    }
    const counts = new Uint32Array(max - min + 2);
    for (let i = 0; i < n; i++) counts[keys[i]! - min + 1]!++;
    for (let k = 1; k < counts.length; k++) counts[k]! += counts[k - 1]!;
    for (let i = 0; i < n; i++) out[counts[keys[i]! - min]!++] = i;
    return out;
  }

  private async spill(): Promise<void> {
    this.dir ??= await mkdtemp(path.join(tmpdir(), 'ehcp-plan-'));
    const file = path.join(this.dir, `run-${this.runs.length}.txt`);
    const out = createWriteStream(file);
    const { block, start, end } = this.locate();
    const base = this.total - this.count;
    let chunk = '';
    for (const i of this.order()) {
      chunk += `${this.keys[i]}\t${base + i}\t${this.blocks[block[i]!]!.toString('utf8', start[i], end[i]!)}`;
      if (chunk.length > 1 << 16) {
        if (!out.write(chunk)) await once(out, 'drain');
        chunk = '';
      }
    }
    out.end(chunk);
    await once(out, 'close');
    this.runs.push(file);
    this.clear();
  }

  /**
   * The rows held in memory, in key order. Copying them out in sorted order reads
   * them at random, and at 640,000 rows that cost 0.3-0.45 s in cache and TLB misses (0.13-0.2 s this way)
   * (the copy loop itself was not the cost: Buffer.copy was as slow). So the rows are
   * read in input order, sequentially, and each is written at its key's place in an
   * output window of about 16 MiB: one pass over the rows per window (2-3 at 640,000; 16 MiB measured faster than 2 or 8),
   * and only about as many write streams as there are distinct keys. Ties keep input order.
   */
  private *inMemoryBytes(): Generator<Buffer> {
    const { block, start, end } = this.locate();
    const n = this.count;
    if (n === 0) return;
    const keys = this.keys;
    const { min, max, dense } = this.keyRange();
    if (!dense) {
      yield* this.gatheredBytes(block, start, end);
      return;
    }
    const span = max - min + 1;
    const bytesOfKey = new Float64Array(span);
    for (let i = 0; i < n; i++) bytesOfKey[keys[i]! - min]! += end[i]! - start[i]!;
    const at = new Float64Array(span);
    for (let lo = 0; lo < span; ) {
      let hi = lo;
      let total = 0;
      while (hi < span && (hi === lo || total + bytesOfKey[hi]! <= this.windowBytes)) {
        at[hi] = total;
        total += bytesOfKey[hi++]!;
      }
      const out = Buffer.allocUnsafe(total);
      const loKey = lo + min;
      const hiKey = hi + min;
      for (let i = 0; i < n; i++) {
        const k = keys[i]!;
        if (k < loKey || k >= hiKey) continue;
        const source = this.blocks[block[i]!]!;
        const to = end[i]!;
        let o = at[k - min]!;
        // A byte loop beats Buffer.copy's call overhead for lines this short.
        for (let j = start[i]!; j < to; j++) out[o++] = source[j]!;
        at[k - min] = o;
      }
      if (total) yield out;
      lo = hi;
    }
  }

  /** The rows held in memory gathered in sorted order: for keys too spread out to count. */
  private *gatheredBytes(block: Uint16Array, start: Int32Array, end: Int32Array): Generator<Buffer> {
    const out = Buffer.allocUnsafe(1 << 16);
    let at = 0;
    for (const i of this.order()) {
      const from = start[i]!;
      const to = end[i]!;
      if (at + to - from > out.length) {
        yield Buffer.from(out.subarray(0, at));
        at = 0;
      }
      const source = this.blocks[block[i]!]!;
      if (to - from > out.length) yield source.subarray(from, to);
      else for (let j = from; j < to; j++) out[at++] = source[j]!;
    }
    if (at) yield Buffer.from(out.subarray(0, at));
  }

  /** Every row in order, each ending in a newline, as UTF-8 in chunks of about 64 KiB; removes temporary files. */
  async *drainBytes(): AsyncGenerator<Buffer> {
    try {
      if (this.runs.length === 0) {
        yield* this.inMemoryBytes();
        return;
      }
      if (this.count) await this.spill();
      let chunk = '';
      for await (const row of mergeRuns(this.runs)) {
        chunk += `${row}\n`;
        if (chunk.length > 1 << 16) {
          yield Buffer.from(chunk);
          chunk = '';
        }
      }
      if (chunk) yield Buffer.from(chunk);
    } finally {
      this.clear();
      if (this.dir) await rm(this.dir, { recursive: true, force: true });
    }
  }

  /** Every row in order as a string (without its newline). */
  async *drain(): AsyncGenerator<string> {
    let carry = '';
    for await (const bytes of this.drainBytes()) {
      const lines = (carry + bytes.toString('utf8')).split('\n');
      carry = lines.pop() ?? '';
      yield* lines;
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
