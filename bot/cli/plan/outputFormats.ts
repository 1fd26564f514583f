import type { PlannedReview } from '../../../shared/planning/planReview';
import { csvCell, startsLikeFormula } from '../../csv/write';

/** The planner's output columns, in order. */
export const planOutputColumns = ['id', 'status', 'reviewDeadline', 'latestMeetingDate', 'bookBy', 'meetingDate'] as const;

export type PlanFormat = 'csv' | 'json' | 'table';

/**
 * One output row as held while sorting: one line of text, no line break in it.
 *
 * For CSV it is the output line itself (so the sorted bytes are copied straight out);
 * for JSON and the table the id is held as a JSON string. Only the id can hold a line
 * break (the other fields are statuses and dates): such a CSV row is marked with a
 * leading NUL and its NULs and line breaks escaped, so the id comes out exactly as it
 * went in (see {@link unholdCsvRow}).
 */
export function heldRow(format: PlanFormat, id: string, status: string, reviewDeadline: string, latestMeetingDate: string, bookBy: string, meetingDate: string): string {
  const rest = `${status},${reviewDeadline},${latestMeetingDate},${bookBy},${meetingDate}`;
  if (format !== 'csv') return `${JSON.stringify(id)},${rest}`;
  const line = `${csvCell(id)},${rest}`;
  return /[\0\r\n]/.test(id) ? `\0${line.replace(/[\0\r\n]/g, (c) => `\0${escapes[c]}`)}` : line;
}

/**
 * `ascii` or `other` when `csvCell(id)` is `id` itself and the row needs no escaping (no
 * quote, comma, line break or NUL, and not like a formula), saying whether the id is
 * ASCII (then so is the whole held row); undefined when the id needs quoting or escaping.
 */
export function plainCsvId(id: string): 'ascii' | 'other' | undefined {
  if (startsLikeFormula(id)) return undefined;
  let ascii = true;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c === 34 || c === 44 || c === 10 || c === 13 || c === 0) return undefined;
    if (c > 127) ascii = false;
  }
  return ascii ? 'ascii' : 'other';
}

// The text after the id, per plan: plans are shared by every row with the same
// dates, so this is a few thousand strings instead of four joins per row.
const csvTails = new WeakMap<PlannedReview, string>();

/** `heldRow('csv', ...)` for an id that {@link plainCsvId} passed. */
export function heldPlainCsvRow(id: string, planned: PlannedReview, meetingDate: string): string {
  let tail = csvTails.get(planned);
  if (tail === undefined) {
    tail = `,${planned.status},${planned.reviewDeadline},${planned.latestMeetingDate},${planned.bookBy},`;
    csvTails.set(planned, tail);
  }
  return id + tail + meetingDate;
}

const csvTailBytes = new WeakMap<PlannedReview, Uint8Array>();

/** The bytes `heldPlainCsvRow` puts between the id and the meeting date, per plan (ASCII). */
export function csvTailBytesOf(planned: PlannedReview): Uint8Array {
  let tail = csvTailBytes.get(planned);
  if (tail === undefined) {
    tail = Buffer.from(`,${planned.status},${planned.reviewDeadline},${planned.latestMeetingDate},${planned.bookBy},`, 'latin1');
    csvTailBytes.set(planned, tail);
  }
  return tail;
}

const escapes: Record<string, string> = { '\0': '0', '\r': 'r', '\n': 'n' };
const unescapes: Record<string, string> = { '0': '\0', r: '\r', n: '\n' };

/** True when a held CSV row had to be escaped, so it cannot be copied out byte for byte. */
export function isEscapedRow(id: string): boolean {
  return /[\0\r\n]/.test(id);
}

/** A held CSV row back as its output line. */
export function unholdCsvRow(held: string): string {
  return held.charCodeAt(0) === 0 ? held.slice(1).replace(/\0(.)/g, (_m, c: string) => unescapes[c] ?? c) : held;
}

/** The fields of a held JSON/table row: the id (a JSON string) and the five that follow. */
function heldFields(held: string): string[] {
  let at = held.length;
  const tail: string[] = [];
  for (let i = 0; i < 5; i++) {
    const comma = held.lastIndexOf(',', at - 1);
    tail.unshift(held.slice(comma + 1, at));
    at = comma;
  }
  return [JSON.parse(held.slice(0, at)) as string, ...tail];
}

/** Turns held rows into the chosen format. */
export interface RowFormatter {
  header(): string;
  row(held: string, first: boolean): string;
  footer(): string;
}

export function formatterFor(format: PlanFormat, idWidth: number): RowFormatter {
  if (format === 'csv') {
    return { header: () => `${planOutputColumns.join(',')}\n`, row: (held) => `${unholdCsvRow(held)}\n`, footer: () => '' };
  }
  if (format === 'json') {
    return {
      header: () => '[',
      row: (held, first) => {
        const f = heldFields(held);
        const obj = Object.fromEntries(planOutputColumns.map((c, i) => [c, f[i] ? f[i] : null]));
        return `${first ? '\n' : ',\n'}  ${JSON.stringify(obj)}`;
      },
      footer: () => '\n]\n',
    };
  }
  const widths = [Math.max(idWidth, 2), 13, 14, 18, 10, 11];
  const line = (cells: string[]) => `${cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()}\n`;
  return {
    header: () => line(['ID', 'STATUS', 'REVIEW BY', 'LATEST MEETING', 'BOOK BY', 'MEETING']) + line(widths.map((w) => '-'.repeat(w))),
    row: (held) => line(heldFields(held)),
    footer: () => '',
  };
}
