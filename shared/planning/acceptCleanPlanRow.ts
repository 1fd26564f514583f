import { isIsoDate } from '../calendar/isoDate';
import type { ParseResult } from '../timeline/chronology';
import type { TransferKind } from '../timeline/types';
import type { PlanRowInput } from './planReview';

/** The caseload CSV columns the planner reads (header names; order is free, extra columns are ignored). */
export const planRowColumns = ['id', 'planIssued', 'lastReviewConcluded', 'dateOfBirth', 'ncYear', 'transferKind', 'transferDate', 'meetingDate'] as const;
export type PlanRowColumn = (typeof planRowColumns)[number];

/** Raw text of one CSV row by column; an empty cell means "not given". */
export type PlanRowCells = Partial<Record<PlanRowColumn, string>>;

const TRANSFER_KINDS = new Set<string>(['school', 'post16', 'post16-move']);

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
  if (!isCleanPlanRow(cells)) return undefined;
  const { id, planIssued, lastReviewConcluded, dateOfBirth, ncYear, transferKind, transferDate, meetingDate } = cells as PlanRowCells & { id: string; planIssued: string };
  const value: PlanRowInput & { id: string } = { id, planIssued };
  if (lastReviewConcluded) value.lastReviewConcluded = lastReviewConcluded;
  if (dateOfBirth) value.dateOfBirth = dateOfBirth;
  if (ncYear) value.ncYear = Number(ncYear);
  if (transferKind && transferDate) value.transfer = { kind: transferKind as TransferKind, date: transferDate };
  if (meetingDate) value.meetingDate = meetingDate;
  return { ok: true, value };
}

/**
 * True when `acceptCleanPlanRow` would accept the row: for the planner, which reads
 * the clean cells as they are and so builds no value object per row.
 *
 * @example isCleanPlanRow({ id: 'A1', planIssued: '2026-03-01', meetingDate: '2026-02-01' }) //=> false (meeting before the plan)
 */
export function isCleanPlanRow(cells: PlanRowCells): boolean {
  const { id, planIssued, lastReviewConcluded, dateOfBirth, ncYear, transferKind, transferDate, meetingDate } = cells;
  if (!id || id.trim() !== id || !planIssued || !isIsoDate(planIssued)) return false;
  if ((lastReviewConcluded && !isIsoDate(lastReviewConcluded)) || (dateOfBirth && !isIsoDate(dateOfBirth)) || (meetingDate && !isIsoDate(meetingDate))) return false;
  if (ncYear) {
    const year = Number(ncYear);
    if (!/^-?\d{1,2}$/.test(ncYear) || year < -1 || year > 14) return false;
  }
  if ((transferKind || transferDate) && (!transferKind || !transferDate || !TRANSFER_KINDS.has(transferKind) || !isIsoDate(transferDate))) return false;
  // The order checks `chronologyProblems` makes of a row with these fields, as
  // comparisons: building its problem list for every clean row cost about 60 ms at
  // 640,000 rows. A row that fails one goes to the schema path, which words it.
  if (lastReviewConcluded && lastReviewConcluded < planIssued) return false;
  if (meetingDate && (meetingDate < planIssued || (lastReviewConcluded && meetingDate < lastReviewConcluded))) return false;
  if (dateOfBirth && planIssued < dateOfBirth) return false;
  return true;
}
