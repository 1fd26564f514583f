import { chronologyProblems, type ParseResult, planHistorySchema, problemsFromZod } from '../timeline/parseCaseInput';
import { acceptCleanPlanRow, type PlanRowCells } from './acceptCleanPlanRow';
import type { PlanRowInput } from './planReview';

export { acceptCleanPlanRow, type PlanRowCells, type PlanRowColumn, planRowColumns } from './acceptCleanPlanRow';

const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());

/**
 * Checks one caseload row with the same rules as a case in `parseCaseInput`, and
 * names CSV columns in its problems (`transferDate`, not `transfer.date`).
 *
 * @example parsePlanRow({ id: 'A1', planIssued: '2025-02-30' }) //=> { ok: false, problems: [{ field: 'planIssued', ... }] }
 */
export function parsePlanRow(cells: PlanRowCells): ParseResult<PlanRowInput & { id: string }> {
  return acceptCleanPlanRow(cells) ?? explain(cells);
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
