import { chronologyProblems, type ParseResult, planHistorySchema, problemsFromZod } from '../timeline/parseCaseInput';
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
  return { ok: true, value: { id, ...(parsed.data as PlanRowInput) } };
}
