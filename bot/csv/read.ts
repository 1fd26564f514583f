import { StringDecoder } from 'node:string_decoder';
import type { parse as parseCsv } from 'csv-parse/sync';

/**
 * The one CSV reader of the service (the `plan` command and the caseload import).
 *
 * Rules (RFC 4180 as csv-parse reads it, strict about closing quotes):
 * - A field that starts with `"` is quoted: it may hold commas, `""` for a quote and line
 *   breaks, and must end at its closing quote followed by a comma or the line end.
 * - A closing quote followed by anything but a comma or the line end is an error on that
 *   line: the line is reported, by number, and reading carries on at the next line, so
 *   every other row is still read. A quote inside a field that does not start with one is
 *   an ordinary character (as csv-spectrum and spreadsheets read `37"N`), so a typo such
 *   as `2015 "x` stays in its own field, where the row's checks name it.
 * - A quoted field may legally span lines, so one that never closes would swallow the
 *   rest of the file. It is bounded: past `maxRecordLines` lines or `maxRecordChars`
 *   characters the line with the opening quote is reported and reading resumes at the
 *   line after it. The same bound caps a physical line, so memory stays bounded and each
 *   character is looked at a bounded number of times (linear time on any input).
 * - CRLF, LF or CR-only line ends (old Mac exports; a CR not followed by LF is read as a
 *   line end, inside a quoted field too); a UTF-8 byte order mark is dropped; blank lines are not rows.
 *
 * Every non-blank line of the file ends up in exactly one entry (a record, possibly
 * spanning lines, or a malformed line), so counts made from the entries add up.
 *
 * csv-parse reads every record that contains a quote. Lines without a quote are split
 * at commas directly: csv-parse alone took 2.05 s to read 640,000 plans here against
 * 0.47 s for the split, which would put `plan` under its throughput target.
 */
export interface CsvRecord {
  /** 1-based line number where the record starts. */
  line: number;
  fields: string[];
  problem?: undefined;
}

/** A line that is not valid CSV; nothing of it was read. */
export interface CsvMalformedLine {
  line: number;
  /** What is wrong and what to change, without the line number (callers add it). */
  problem: string;
  fields?: undefined;
}

export type CsvEntry = CsvRecord | CsvMalformedLine;

export interface ReadCsvOptions {
  /** Most lines one quoted record may span (default 100). */
  maxRecordLines?: number;
  /** Most characters in one record or line (default 65,536). */
  maxRecordChars?: number;
  /** The line number the input starts at, when it goes on from lines read elsewhere (default 1). */
  startLine?: number;
  /** True when the input goes on from text read elsewhere, so a byte order mark is not dropped from it. */
  continued?: boolean;
}

interface Limits {
  maxLines: number;
  maxChars: number;
}

const QUOTE = 34;
const COMMA = 44;
const NL = 10;
const CR = 13;
const SLICE = 1 << 16;

/** Reads CSV from a stream of UTF-8 bytes (or text), yielding entries in file order, in batches. */
export async function* readCsv(input: AsyncIterable<Buffer | string> | string, options: ReadCsvOptions = {}): AsyncGenerator<CsvEntry[]> {
  const limits: Limits = { maxLines: options.maxRecordLines ?? 100, maxChars: options.maxRecordChars ?? 65_536 };
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let line = options.startLine ?? 1;
  let first = !options.continued;
  let discarding = false;
  const source = typeof input === 'string' ? slices(input) : input;
  // A CR at the end of a piece may be the first half of a CRLF split across pieces: held back.
  let heldCr = false;
  const lineEnds = (text: string, atEnd: boolean): string => {
    let t = heldCr ? `\r${text}` : text;
    heldCr = !atEnd && t.endsWith('\r');
    if (heldCr) t = t.slice(0, -1);
    return t.includes('\r') ? t.replace(/\r(?!\n)/g, '\n') : t;
  };
  const take = (piece: string, atEnd: boolean): CsvEntry[] => {
    const text = lineEnds(piece, atEnd);
    let t = carry + text;
    if (first && t.length) {
      if (t.charCodeAt(0) === 0xfeff) t = t.slice(1);
      first = false;
    }
    if (discarding) {
      const nl = t.indexOf('\n');
      if (nl === -1) {
        carry = '';
        return [];
      }
      t = t.slice(nl + 1);
      line++;
      discarding = false;
    }
    const read = readComplete(t, line, atEnd, limits);
    carry = read.rest;
    line = read.nextLine;
    discarding = read.discard;
    return read.entries;
  };
  for await (const chunk of source) {
    const entries = take(typeof chunk === 'string' ? chunk : decoder.write(chunk), false);
    if (entries.length) yield entries;
  }
  const entries = take(decoder.end(), true);
  if (entries.length) yield entries;
}

function* slices(text: string): Generator<string> {
  for (let i = 0; i < text.length; i += SLICE) yield text.slice(i, i + SLICE);
}

type Scan =
  | { kind: 'incomplete' }
  | { kind: 'record'; end: number; lines: number }
  | { kind: 'malformed'; problem: string; at: number }
  | { kind: 'unterminated'; field: number; quoteAt: number; quoteLine: number };

/** Reads every complete record in `text`; returns the unfinished tail to carry over. */
function readComplete(text: string, startLine: number, atEnd: boolean, limits: Limits): { entries: CsvEntry[]; rest: string; nextLine: number; discard: boolean } {
  const entries: CsvEntry[] = [];
  const quoted: { entry: number; text: string }[] = [];
  let pos = 0;
  let line = startLine;
  let discard = false;
  const length = text.length;
  // Where the next quote is; looked up again only once we pass it, so quote-free text is scanned once.
  let quote = text.indexOf('"');
  while (pos < length) {
    const nl = text.indexOf('\n', pos);
    if (nl === -1 && !atEnd) {
      if (length - pos > limits.maxChars) {
        entries.push({ line, problem: `is longer than ${limits.maxChars} characters, so it was not read; check the line ends of the file` });
        pos = length;
        discard = true;
      }
      break;
    }
    const end = nl === -1 ? length : nl;
    if (quote !== -1 && quote < pos) quote = text.indexOf('"', pos);
    if (quote === -1 || quote >= end) {
      const raw = text.charCodeAt(end - 1) === CR ? text.slice(pos, end - 1) : text.slice(pos, end);
      if (raw.length) entries.push({ line, fields: raw.split(',') });
      pos = end + 1;
      line++;
      continue;
    }
    const scan = scanRecord(text, pos, atEnd, limits);
    if (scan.kind === 'incomplete') {
      if (length - pos > limits.maxChars) {
        entries.push({ line, problem: `is longer than ${limits.maxChars} characters, so it was not read; check the line ends of the file` });
        pos = length;
        discard = true;
      }
      break;
    }
    if (scan.kind === 'record') {
      quoted.push({ entry: entries.length, text: text.slice(pos, scan.end) });
      entries.push({ line, fields: [] });
      pos = scan.end;
      line += scan.lines;
      continue;
    }
    // Malformed or unterminated: skip to the end of the line where the trouble is, and go on.
    const from = scan.kind === 'malformed' ? scan.at : scan.quoteAt;
    const problem =
      scan.kind === 'malformed'
        ? scan.problem
        : `field ${scan.field} opens a quote${scan.quoteLine > 1 ? ` (on line ${line + scan.quoteLine - 1})` : ''} that is not closed (within ${limits.maxLines} lines or ${limits.maxChars} characters, before a comma or the line end), so the line was not read and reading went on with the next line; close the quote, or write a quote inside a quoted field as ""`;
    entries.push({ line, problem });
    const eol = text.indexOf('\n', from);
    const skippedLines = lineCount(text, pos, from);
    if (eol === -1) {
      pos = length;
      line += skippedLines;
      discard = !atEnd;
      break;
    }
    line += skippedLines + 1;
    pos = eol + 1;
  }
  if (quoted.length) fillQuoted(entries, quoted);
  return { entries, rest: text.slice(pos), nextLine: line, discard };
}

function lineCount(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Scans one record that contains a quote, from `pos` (the start of a line), to find
 * where it ends and whether its quotes are well formed. Bounded by `limits`.
 */
function scanRecord(text: string, pos: number, atEnd: boolean, limits: Limits): Scan {
  const length = text.length;
  let lines = 1;
  let field = 1;
  let fieldStart = true;
  let inQuotes = false;
  let quoteAt = -1;
  let quoteLine = 1;
  for (let i = pos; i < length; i++) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === QUOTE) {
        if (i + 1 === length && !atEnd) return { kind: 'incomplete' }; // cannot tell "" from " yet
        const next = text.charCodeAt(i + 1);
        if (next === QUOTE) {
          i++;
          continue;
        }
        inQuotes = false;
        if (i + 1 === length || next === COMMA || next === NL) continue;
        if (next === CR) {
          if (i + 2 === length && !atEnd) return { kind: 'incomplete' };
          if (i + 2 === length || text.charCodeAt(i + 2) === NL) continue;
        }
        // A quoted field that ran over line breaks and then ends badly was most likely never
        // closed: report the line that opened it and read on from the line after that.
        if (lines > quoteLine) return { kind: 'unterminated', field, quoteAt, quoteLine };
        return { kind: 'malformed', at: i, problem: `field ${field}'s closing quote is followed by ${JSON.stringify(text[i + 1])}; a quoted field must end at a comma or the end of the line (write a quote inside it as "")` };
      }
      if (c === NL && ++lines > limits.maxLines) return { kind: 'unterminated', field, quoteAt, quoteLine };
      if (i - pos > limits.maxChars) return { kind: 'unterminated', field, quoteAt, quoteLine };
    } else if (c === NL) {
      return { kind: 'record', end: i + 1, lines };
    } else if (c === COMMA) {
      field++;
      fieldStart = true;
    } else if (c === QUOTE) {
      // A quote inside an unquoted field is kept as a character (csv-parse's relax_quotes,
      // and how spreadsheets read 37"N): the value then goes to the row checks as it is.
      if (fieldStart) {
        inQuotes = true;
        fieldStart = false;
        quoteAt = i;
        quoteLine = lines;
      }
    } else {
      fieldStart = false;
    }
  }
  if (!atEnd) return { kind: 'incomplete' };
  if (inQuotes) return { kind: 'unterminated', field, quoteAt, quoteLine };
  return { kind: 'record', end: length, lines };
}

const parseOptions = { relax_column_count: true, relax_quotes: true, record_delimiter: ['\r\n', '\n'] };

/** Reads the well-formed quoted records of one batch with csv-parse, in one call. */
function fillQuoted(entries: CsvEntry[], quoted: { entry: number; text: string }[]): void {
  // Required on the first quoted record: a caseload without quotes never needs csv-parse.
  const parse: typeof parseCsv = (require('csv-parse/sync') as typeof import('csv-parse/sync')).parse;
  const joined = quoted.map((q) => (q.text.endsWith('\n') ? q.text : `${q.text}\n`)).join('');
  let records: string[][] | undefined;
  try {
    records = parse(joined, parseOptions);
  } catch {
    records = undefined;
  }
  if (records?.length === quoted.length) {
    quoted.forEach((q, i) => {
      entries[q.entry] = { line: entries[q.entry]!.line, fields: records[i]! };
    });
    return;
  }
  // The scan admits only records csv-parse accepts, so this is not expected; should one
  // still be refused, each record is read alone and a refusal is reported, not lost.
  for (const q of quoted) {
    const line = entries[q.entry]!.line;
    try {
      const [fields] = parse(q.text, parseOptions) as string[][];
      entries[q.entry] = fields ? { line, fields } : { line, problem: 'could not be read' };
    } catch (error) {
      entries[q.entry] = { line, problem: (error as Error).message.replace(/ at line \d+/, '') };
    }
  }
}
