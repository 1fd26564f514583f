import { appendAudit } from '../store/audit';
import type { Queryable } from '../store/db';
import { ForbiddenError } from '../store/errors';
import { listTransfers, transferHistory } from '../store/placements/transfers';
import type { Principal } from '../store/principal';
import { describeReview } from '../store/reviews/reviewDetail';
import { loadReview } from '../store/reviews/loadReview';
import { caseAuditTrail, childOfPlan, planReviewIds, planSummary } from '../store/caseExport';

/** The export's format name and version: a reader checks both before reading further (docs/case-export.md). */
export const CASE_EXPORT_FORMAT = 'ehcp-review/case-export';
export const CASE_EXPORT_VERSION = 1;

/**
 * One child's case as a council holds it, for a new council that is not on this service
 * (Reg 15(2): the old council transfers the plan) and, later, for a subject access request:
 * the child, the plan, every review of the plan with everything each recorded (the same
 * shape as GET /api/reviews/{id}), the transfers, and the audit trail. Advice files are
 * pointers (drive and item ids), as stored: the files stay in the council's SharePoint.
 * Only the council that holds the case may export it; the export is itself audited.
 */
export async function exportCase(deps: { tx: Queryable; principal: Principal; today: string; exportedAt: string }, reviewId: string) {
  const { tx, principal, today } = deps;
  if (principal.orgKind !== 'council') throw new ForbiddenError('A case is exported by the council that holds it; sign in as someone at the council.');
  const row = await loadReview(tx, principal, reviewId, today);
  const reviewIds = (await planReviewIds(tx, row.plan_id)).map((id) => ({ id }));
  const reviews = [];
  for (const { id } of reviewIds) reviews.push(await describeReview(tx, await loadReview(tx, principal, id, today), today));
  const plan = await planSummary(tx, row.plan_id);
  const childId = await childOfPlan(tx, row.plan_id);
  const audit = await caseAuditTrail(tx, childId, reviewIds.map((r) => r.id));
  const transfers = (await listTransfers(tx, row.council_id)).filter((t) => t.laReference === row.la_reference);
  const body = {
    format: CASE_EXPORT_FORMAT,
    version: CASE_EXPORT_VERSION,
    exportedAt: deps.exportedAt,
    exportedBy: { council: row.council_id, councilName: row.council_name ?? row.council_id, role: principal.role },
    child: { name: row.child_name, dateOfBirth: row.date_of_birth, laReference: row.la_reference, upn: row.upn },
    plan: {
      issuedOn: row.issued_on,
      ncYear: row.nc_year,
      phaseTransfer: row.transfer_kind ? { kind: row.transfer_kind, date: row.transfer_date } : null,
      setting: { id: row.school_id, name: plan?.school_name ?? null },
      transferredInOn: plan?.transferred_in_on ?? null,
      transferredOutOn: plan?.transferred_out_on ?? null,
      transferredFrom: plan?.transferred_in_on ? await transferHistory(tx, row.plan_id) : null,
    },
    reviews,
    transfers,
    audit,
  };
  await appendAudit(tx, principal, 'case.exported', 'child', childId, null, { format: CASE_EXPORT_FORMAT, version: CASE_EXPORT_VERSION, reviews: reviewIds.length });
  return body;
}
