import { isIsoDate } from '../calendar/isoDate';
import { chronologyProblems, type ParseResult, planHistorySchema, problemsFromZod } from '../timeline/parseCaseInput';
import type { TransferKind } from '../timeline/types';
import type { PlanRowInput } from './planReview';

/** The caseload CSV columns the planner reads (header names; order is free, extra columns are ignored). */
export const planRowColumns = ['id', 'planIssued', 'lastReviewConcluded', 'dateOfBirth', 'ncYear', 'transferKind', 'transferDate', 'meetingDate'] as const;
export type PlanRowColumn = (typeof planRowColumns)[number];

/** Raw text of one CSV row by column; an empty cell means "not given". */
export type PlanRowCells = Partial<Record<PlanRowColumn, string>>;

const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());

/**
 * Checks one caseload row with the same rules as a case in `parseCaseInput`, and
 * names CSV columns in its problems (`transferDate`, not `transfer.date`).
 *
 * @example parsePlanRow({ id: 'A1', planIssued: '2025-02-30' }) //=> { ok: false, problems: [{ field: 'planIssued', ... }] }
 */
export function parsePlanRow(cells: PlanRowCells): ParseResult<PlanRowInput & { id: string }> {
  return acceptClean(cells) ?? explain(cells);
}

const TRANSFER_KINDS = new Set<string>(['school', 'post16', 'post16-move']);
const optionalDateOk = (v: string | undefined) => v === undefined || isIsoDate(v);

/**
 * Fast path for a row the schema would accept as it is (every cell already clean):
 * a council's caseload is hundreds of thousands of mostly good rows. Anything it
 * is unsure of goes to `explain`, which runs the schema and words the problems.
 * A test checks both paths agree.
 */
function acceptClean(cells: PlanRowCells): ParseResult<PlanRowInput & { id: string }> | undefined {
  const { id, planIssued, lastReviewConcluded, dateOfBirth, ncYear, transferKind, transferDate, meetingDate } = cells;
  if (!id || id.trim() !== id || !planIssued || !isIsoDate(planIssued)) return undefined;
  const last = lastReviewConcluded || undefined;
  const born = dateOfBirth || undefined;
  const meeting = meetingDate || undefined;
  if (!optionalDateOk(last) || !optionalDateOk(born) || !optionalDateOk(meeting)) return undefined;
  let year: number | undefined;
  if (ncYear) {
    year = Number(ncYear);
    if (!/^-?\d{1,2}$/.test(ncYear) || year < -1 || year > 14) return undefined;
  }
  let transfer: PlanRowInput['transfer'];
  if (transferKind || transferDate) {
    if (!transferKind || !transferDate || !TRANSFER_KINDS.has(transferKind) || !isIsoDate(transferDate)) return undefined;
    transfer = { kind: transferKind as TransferKind, date: transferDate };
  }
  const value: PlanRowInput & { id: string } = { id, planIssued };
  if (last) value.lastReviewConcluded = last;
  if (born) value.dateOfBirth = born;
  if (year !== undefined) value.ncYear = year;
  if (transfer) value.transfer = transfer;
  if (meeting) value.meetingDate = meeting;
  return chronologyProblems(value).length ? undefined : { ok: true, value };
}

/** The schema path: trims cells, validates with the shared schema, and names CSV columns in problems. */
function explain(cells: PlanRowCells): ParseResult<PlanRowInput & { id: string }> {
  const id = blank(cells.id);
  const ncYearText = blank(cells.ncYear);
  const transferKind = blank(cells.transferKind);
  const transferDate = blank(cells.transferDate);
  const candidate = {
    planIssued: blank(cells.planIssued),
    lastReviewConcluded: blank(cells.lastReviewConcluded),
    dateOfBirth: blank(cells.dateOfBirth),
    ncYear: ncYearText === undefined ? undefined : /^-?\d+$/.test(ncYearText) ? Number(ncYearText) : ncYearText,
    transfer: transferKind === undefined && transferDate === undefined ? undefined : { kind: transferKind, date: transferDate },
    meetingDate: blank(cells.meetingDate),
  };
  const parsed = planHistorySchema.safeParse(candidate);
  const problems = parsed.success ? chronologyProblems(parsed.data as PlanRowInput) : problemsFromZod(parsed.error);
  if (id === undefined) problems.unshift({ field: 'id', message: 'is required' });
  if (problems.length || !parsed.success || id === undefined) {
    return { ok: false, problems: problems.map((p) => ({ field: p.field.replace('transfer.kind', 'transferKind').replace('transfer.date', 'transferDate'), message: p.message })) };
  }
  const data = parsed.data as PlanRowInput;
  const value: PlanRowInput & { id: string } = { id, planIssued: data.planIssued };
  for (const key of ['lastReviewConcluded', 'dateOfBirth', 'ncYear', 'transfer', 'meetingDate'] as const) {
    if (data[key] !== undefined) Object.assign(value, { [key]: data[key] });
  }
  return { ok: true, value };
}
