import { dayNumberAt } from '../../../shared/calendar/isoDate';
import { type PlannedReview, planReviewOfDays } from '../../../shared/planning/planReview';
import type { IsoDate, TransferKind } from '../../../shared/timeline/types';

/** One clean row as read in place; the reader reuses the object for every row. */
export interface CleanLine {
  /** Where the id is in the text. */
  idFrom: number;
  idTo: number;
  /** True when the id is ASCII and `csvCell` leaves it as it is (not like a formula; a plain line has no quote, comma or line break). */
  plainAsciiId: boolean;
  planned: PlannedReview;
  /** Where the meeting date is in the text (an empty range when none). */
  meetingFrom: number;
  meetingTo: number;
}

const TRANSFER_KINDS = new Set<string>(['school', 'post16', 'post16-move']);
const SPACE = 32;

/**
 * Plans a plain CSV line (no quotes) where it lies in the text, when its cells pass
 * exactly the checks of `isCleanPlanRow` (which plan.ts applies to a split line):
 * an id with no space around it, real dates, an ncYear of -1 to 14 written with at
 * most two digits, both or neither of transferKind and transferDate, and dates in
 * order. Only the id (and a meeting date or a transfer, when given) become strings;
 * dates are read as day numbers. Anything else gives undefined, and plan.ts reads the
 * line the general way, which words the problem. A test checks both ways agree.
 *
 * `at` holds the position of each planner column (in `planRowColumns` order), -1 when absent.
 */
export function cleanLineReader(today: IsoDate): (text: string, from: number, to: number, at: Int32Array) => CleanLine | undefined {
  const result: CleanLine = { idFrom: 0, idTo: 0, plainAsciiId: false, planned: undefined as unknown as PlannedReview, meetingFrom: 0, meetingTo: 0 };
  let columns: Int32Array | undefined;
  let fields = 0;
  let starts = new Int32Array(0);
  let ends = new Int32Array(0);
  // Start and end of column c's cell, or -1 when the line has no such cell.
  const startOf = (c: number) => (columns![c]! < 0 ? -1 : starts[columns![c]!]!);
  const endOf = (c: number) => ends[columns![c]!]!;

  return (text, from, to, at) => {
    if (at !== columns) {
      columns = at;
      fields = Math.max(...at) + 1;
      starts = new Int32Array(fields);
      ends = new Int32Array(fields);
    }
    let s = from;
    for (let k = 0; k < fields; k++) {
      if (s > to) {
        starts[k] = -1;
        continue;
      }
      const comma = text.indexOf(',', s);
      const e = comma === -1 || comma > to ? to : comma;
      starts[k] = s;
      ends[k] = e;
      s = e + 1;
    }
    // id: present, not blank, no white space around it (as id.trim() === id).
    const idFrom = startOf(0);
    if (idFrom < 0) return undefined;
    const idTo = endOf(0);
    if (idTo === idFrom) return undefined;
    // No white space around it (as id.trim() === id); ASCII and not like a formula for the plain CSV row.
    const head = text.charCodeAt(idFrom);
    const tail = text.charCodeAt(idTo - 1);
    if ((head <= SPACE || tail <= SPACE || head > 127 || tail > 127) && text.slice(idFrom, idTo).trim() !== text.slice(idFrom, idTo)) return undefined;
    let plainAsciiId = !startsLikeFormula(head);
    for (let i = idFrom; plainAsciiId && i < idTo; i++) {
      const c = text.charCodeAt(i);
      if (c === 0 || c > 127) plainAsciiId = false;
    }
    const issuedFrom = startOf(1);
    if (issuedFrom < 0) return undefined;
    const issued = dayNumberAt(text, issuedFrom, endOf(1));
    if (Number.isNaN(issued)) return undefined;
    const last = optionalDay(text, startOf(2), columns![2]! < 0 ? 0 : endOf(2));
    const born = optionalDay(text, startOf(3), columns![3]! < 0 ? 0 : endOf(3));
    const meetingFrom = startOf(7);
    const meetingTo = meetingFrom < 0 ? meetingFrom : endOf(7);
    const meeting = optionalDay(text, meetingFrom, meetingTo);
    if (Number.isNaN(last) || Number.isNaN(born) || Number.isNaN(meeting)) return undefined;
    const yearFrom = startOf(4);
    if (yearFrom >= 0 && !ncYearOk(text, yearFrom, endOf(4))) return undefined;
    const kindFrom = startOf(5);
    const kindTo = kindFrom < 0 ? kindFrom : endOf(5);
    const dateFrom = startOf(6);
    const dateTo = dateFrom < 0 ? dateFrom : endOf(6);
    let kind: TransferKind | undefined;
    let transferDate: IsoDate | undefined;
    if (kindTo > kindFrom || dateTo > dateFrom) {
      if (!(kindTo > kindFrom) || !(dateTo > dateFrom) || Number.isNaN(dayNumberAt(text, dateFrom, dateTo))) return undefined;
      const k = text.slice(kindFrom, kindTo);
      if (!TRANSFER_KINDS.has(k)) return undefined;
      kind = k as TransferKind;
      transferDate = text.slice(dateFrom, dateTo);
    }
    // The order checks of chronologyProblems, on day numbers (ISO dates compare in day order).
    if (last !== NONE && last < issued) return undefined;
    if (meeting !== NONE && (meeting < issued || (last !== NONE && meeting < last))) return undefined;
    if (born !== NONE && issued < born) return undefined;
    result.idFrom = idFrom;
    result.idTo = idTo;
    result.plainAsciiId = plainAsciiId;
    result.planned = planReviewOfDays(last !== NONE ? last : issued, kind, transferDate, meeting !== NONE ? meeting : undefined, today);
    result.meetingFrom = meeting !== NONE ? meetingFrom : 0;
    result.meetingTo = meeting !== NONE ? meetingTo : 0;
    return result;
  };
}

/** As csvCell's startsLikeFormula, on a character code: = + - @. */
function startsLikeFormula(c: number): boolean {
  return c === 61 || c === 43 || c === 45 || c === 64;
}

/** No date given (no cell, or an empty one). */
const NONE = Number.NEGATIVE_INFINITY;

/** The day number of an optional date cell: NONE when not given, NaN when not a real date. */
function optionalDay(text: string, from: number, to: number): number {
  if (from < 0 || to === from) return NONE;
  return dayNumberAt(text, from, to);
}

/** As acceptCleanPlanRow's ncYear check: empty, or /^-?\d{1,2}$/ from -1 to 14. */
function ncYearOk(text: string, from: number, to: number): boolean {
  if (to === from) return true;
  let i = from;
  const negative = text.charCodeAt(i) === 45;
  if (negative) i++;
  const digits = to - i;
  if (digits < 1 || digits > 2) return false;
  let n = 0;
  for (; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    n = n * 10 + d;
  }
  if (negative) n = -n;
  return n >= -1 && n <= 14;
}
