/**
 * Streaming RFC 4180 CSV reader: quoted fields (with "" escapes and line breaks
 * inside), CRLF or LF line ends, and a UTF-8 byte order mark. It yields one record
 * at a time with the line number it started on, so memory stays flat whatever the
 * file size. Lines without a quote take a fast path (a plain split).
 */
export interface CsvRecord {
  fields: string[];
  /** 1-based line number where the record starts. */
  line: number;
}

export async function* readCsvRecords(stream: AsyncIterable<Buffer | string>): AsyncGenerator<CsvRecord[]> {
  let carry = '';
  let line = 1;
  let first = true;
  for await (const chunk of stream) {
    let text = carry + (typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    const { records, rest, nextLine } = parseComplete(text, line, false);
    carry = rest;
    line = nextLine;
    if (records.length) yield records;
  }
  if (carry.length) {
    const { records } = parseComplete(carry, line, true);
    if (records.length) yield records;
  }
}

/** Parses every complete record in `text`; returns the unfinished tail to carry over. */
function parseComplete(text: string, startLine: number, atEnd: boolean): { records: CsvRecord[]; rest: string; nextLine: number } {
  const records: CsvRecord[] = [];
  let pos = 0;
  let line = startLine;
  const length = text.length;
  // Where the next quote is; looked up again only once we pass it, so quote-free text is scanned once.
  let quote = text.indexOf('"', pos);
  while (pos < length) {
    const nl = text.indexOf('\n', pos);
    if (nl === -1 && !atEnd) break;
    const end = nl === -1 ? length : nl;
    if (quote !== -1 && quote < pos) quote = text.indexOf('"', pos);
    if (quote === -1 || quote >= end) {
      const raw = text.charCodeAt(end - 1) === 13 ? text.slice(pos, end - 1) : text.slice(pos, end);
      if (raw.length) records.push({ fields: raw.split(','), line });
      pos = end + 1;
      line++;
      continue;
    }
    const quoted = parseQuoted(text, pos, atEnd);
    if (!quoted) break; // the record continues in the next chunk
    if (quoted.fields.length > 1 || quoted.fields[0] !== '') records.push({ fields: quoted.fields, line });
    line += quoted.lines;
    pos = quoted.next;
  }
  return { records, rest: text.slice(pos), nextLine: line };
}

/** Reads one record that contains quotes, starting at `pos`; `undefined` if it is not complete yet. */
function parseQuoted(text: string, pos: number, atEnd: boolean): { fields: string[]; next: number; lines: number } | undefined {
  const fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let lines = 1;
  let i = pos;
  for (; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else if (i + 1 === text.length && !atEnd) {
          return undefined; // cannot tell "" from " yet
        } else inQuotes = false;
      } else {
        if (c === '\n') lines++;
        field += c;
      }
    } else if (c === '"') inQuotes = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n') {
      fields.push(field);
      return { fields, next: i + 1, lines };
    } else if (c !== '\r' || text[i + 1] !== '\n') field += c;
  }
  if (!atEnd) return undefined;
  fields.push(field);
  return { fields, next: i, lines };
}

/** The fields of one complete CSV line. */
export function splitCsvLine(line: string): string[] {
  return line.includes('"') ? (parseQuoted(`${line}\n`, 0, true)?.fields ?? []) : line.split(',');
}

/** One CSV field, quoted when it needs to be. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
