import type { Principal } from '../principal';

/** Who runs a review and so writes its report: the school, or the council's officers. */
export type ReportRunner = 'school' | 'council';

/**
 * Who runs the review, and so writes the report and sees its draft. The school where the
 * child attends one; the council where there is none (Reg 21). Branch `every` makes this
 * a property of the setting (Reg 20(12): settings outside the list are run by the council);
 * this is the one place that answers the question, so that change lands here.
 *
 * @see Reg 20(7), 20(12), 21; CoP 9.176
 */
export function reportRunnerOf(review: { school_id: string | null }): ReportRunner {
  return review.school_id ? 'school' : 'council';
}

/**
 * Whether this person may see and write the report's draft: the SENCO of the school that
 * runs the review, or an LA officer of the council where the council runs it.
 */
export function mayWriteReportDraft(principal: Principal, review: { school_id: string | null; council_id: string }): boolean {
  if (reportRunnerOf(review) === 'school') return principal.role === 'senco' && principal.orgId === review.school_id;
  return principal.role === 'la-officer' && principal.orgId === review.council_id;
}
