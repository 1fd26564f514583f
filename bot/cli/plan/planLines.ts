import { StringDecoder } from 'node:string_decoder';
import { type CsvEntry, readCsv } from '../../csv/read';

/** Where `readPlanLines` sends what it reads. */
export interface PlanLineSink {
  /** A non-blank line with no quote and no carriage return: `text.slice(from, to)`, on line `line`. */
  line(text: string, from: number, to: number, line: number): Promise<void> | undefined;
  /** An entry of the CSV reader, for the rest of the input once it has a quote or a carriage return. */
  entry(entry: CsvEntry): Promise<void> | undefined;
  /** Called after each piece of input. */
  piece(): void;
}

/** readCsv's default bound on a line (`maxRecordChars`). */
const MAX_CHARS = 65_536;

/**
 * Reads the planner's input as `readCsv` would, handing over plain lines in place.
 *
 * A caseload is nearly all plain lines (no quote, no carriage return), which readCsv
 * splits at commas anyway; here the planner reads their cells where they are in the
 * decoded text instead of as a record of new strings per line (measured at 640,000
 * rows: the reader's records and their garbage were about a quarter of the run).
 * From the first line with a quote or a carriage return (anywhere in the piece read so
 * far), or an unfinished line longer than readCsv allows, the rest of the input
 * (from the start of that line, in the same pieces) goes to readCsv itself, which
 * then reads exactly what it would have read from the start: quoted records, line
 * ends and bad lines included. The byte order mark and blank lines are treated as readCsv does.
 */
export async function readPlanLines(input: AsyncIterable<Buffer | string>, sink: PlanLineSink): Promise<void> {
  const decoder = new StringDecoder('utf8');
  const pieces = input[Symbol.asyncIterator]();
  let carry = '';
  let line = 1;
  let first = true;
  for (;;) {
    const next = await pieces.next();
    const atEnd = next.done === true;
    const piece = atEnd ? decoder.end() : typeof next.value === 'string' ? next.value : decoder.write(next.value);
    let text = carry + piece;
    if (first && text.length) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    const quote = text.indexOf('"');
    const cr = text.indexOf('\r');
    const stop = quote === -1 ? cr : cr === -1 ? quote : Math.min(quote, cr);
    const length = text.length;
    let pos = 0;
    let handOver = false;
    while (pos < length) {
      const nl = text.indexOf('\n', pos);
      if (nl === -1 && !atEnd) {
        handOver = stop !== -1 || length - pos > MAX_CHARS;
        break;
      }
      const end = nl === -1 ? length : nl;
      if (stop !== -1 && stop < end) {
        handOver = true;
        break;
      }
      if (end > pos) {
        const waiting = sink.line(text, pos, end, line);
        if (waiting) await waiting;
      }
      pos = end + 1;
      line++;
    }
    if (handOver) {
      await readRest(text.slice(pos), pieces, decoder, atEnd, line, sink);
      return;
    }
    sink.piece();
    if (atEnd) return;
    carry = pos < length ? text.slice(pos) : '';
  }
}

/** The rest of the input, from the start of line `line`, through readCsv. */
async function readRest(start: string, pieces: AsyncIterator<Buffer | string>, decoder: StringDecoder, atEnd: boolean, line: number, sink: PlanLineSink): Promise<void> {
  async function* rest(): AsyncGenerator<string> {
    yield start;
    if (atEnd) return;
    for (;;) {
      const next = await pieces.next();
      if (next.done) break;
      yield typeof next.value === 'string' ? next.value : decoder.write(next.value);
    }
    const last = decoder.end();
    if (last) yield last;
  }
  for await (const batch of readCsv(rest(), { startLine: line, continued: true })) {
    for (const entry of batch) {
      const waiting = sink.entry(entry);
      if (waiting) await waiting;
    }
    sink.piece();
  }
}
