import { type CaseInput, type PlanRowCells, parsePlanRow } from '../../../shared';
import type { FieldProblem } from '../errors';

/** The import's columns: the planner's, plus who the child is and which school they attend. */
export const importColumns = ['laReference', 'childName', 'school', 'planIssued', 'lastReviewConcluded', 'dateOfBirth', 'ncYear', 'transferKind', 'transferDate', 'meetingDate'] as const;
export const requiredImportColumns = ['laReference', 'childName', 'school', 'planIssued'] as const;

export interface ImportRow {
  line: number;
  laReference: string;
  childName: string;
  school: string;
  plan: CaseInput;
}

export interface LineProblem extends FieldProblem {
  line: number;
}

const LA_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9/_.-]{0,63}$/;

/**
 * Checks one CSV row with the planner's rules plus the import's own columns. `schools`
 * are the settings registered on the service (any council may place a child at any of
 * them: a placement, not ownership); `seen` maps references met earlier in the file.
 */
export function checkImportRow(
  cells: Record<string, string | undefined>,
  line: number,
  schools: ReadonlySet<string>,
  seen: Map<string, number>,
): { row: ImportRow } | { problems: LineProblem[] } {
  const laReference = cells.laReference?.trim() ?? '';
  const childName = cells.childName?.trim() ?? '';
  const school = cells.school?.trim() ?? '';
  const problems: LineProblem[] = [];
  if (!laReference) problems.push({ line, field: 'laReference', message: 'is required: the council’s reference for the child' });
  else if (!LA_REFERENCE.test(laReference)) problems.push({ line, field: 'laReference', message: `"${laReference}" must be 1-64 letters, digits or / _ . -` });
  else if (seen.has(laReference)) problems.push({ line, field: 'laReference', message: `${laReference} appears again (first on line ${seen.get(laReference)}); keep one row per child` });
  if (!childName) problems.push({ line, field: 'childName', message: 'is required' });
  else if (childName.length > 200) problems.push({ line, field: 'childName', message: 'is longer than 200 characters' });
  if (!school) problems.push({ line, field: 'school', message: 'is required: the id of the child’s school' });
  else if (!schools.has(school)) {
    problems.push({
      line,
      field: 'school',
      message: `"${school}" is not a registered setting (school, college or early years provider); find it by name or URN (GET /api/settings?q=) or register it with the reason (POST /api/settings), then import this line again`,
    });
  }

  const planCells: PlanRowCells = { ...(cells as PlanRowCells), id: laReference || 'row' };
  const parsed = parsePlanRow(planCells);
  if (!parsed.ok) for (const p of parsed.problems) problems.push({ line, field: p.field, message: p.message });
  if (problems.length || !parsed.ok) return { problems };
  if (laReference) seen.set(laReference, line);
  const { id: _id, ...plan } = parsed.value;
  return { row: { line, laReference, childName, school, plan } };
}
