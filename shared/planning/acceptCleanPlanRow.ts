import { isIsoDate } from '../calendar/isoDate';
import { chronologyProblems, type ParseResult } from '../timeline/chronology';
import type { TransferKind } from '../timeline/types';
import type { PlanRowInput } from './planReview';

/** The caseload CSV columns the planner reads (header names; order is free, extra columns are ignored). */
export const planRowColumns = ['id', 'planIssued', 'lastReviewConcluded', 'dateOfBirth', 'ncYear', 'transferKind', 'transferDate', 'meetingDate'] as const;
export type PlanRowColumn = (typeof planRowColumns)[number];

/** Raw text of one CSV row by column; an empty cell means "not given". */
export type PlanRowCells = Partial<Record<PlanRowColumn, string>>;

const TRANSFER_KINDS = new Set<string>(['school', 'post16', 'post16-move']);
const optionalDateOk = (v: string | undefined) => v === undefined || isIsoDate(v);

/**
 * Fast path for a row the schema would accept as it is (every cell already clean):
 * a council's caseload is hundreds of thousands of mostly good rows. Anything it
 * is unsure of goes to `parsePlanRow`'s schema path, which runs the schema and words the problems.
 * A test checks both paths agree. In its own module so the planner can check clean
 * rows without loading zod (it loads `parsePlanRow` only for a row that fails here).
 *
 * @example acceptCleanPlanRow({ id: 'A1', planIssued: '2026-03-01' }) //=> { ok: true, value: { id: 'A1', planIssued: '2026-03-01' } }
 */
export function acceptCleanPlanRow(cells: PlanRowCells): ParseResult<PlanRowInput & { id: string }> | undefined {
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

