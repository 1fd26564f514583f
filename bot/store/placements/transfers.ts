import type { PlanTransferDates } from '../../../shared';
import { appendAudit } from '../audit';
import type { Queryable } from '../db';
import { ConflictError, InvalidInputError } from '../errors';
import type { Principal } from '../principal';
import { cycleDates } from '../reviews/cycleDates';
import { caseInputOf, type ReviewRow } from '../reviews/loadReview';

/** The receiving council as the transfer needs it, or why it cannot take the plan here. */
export async function receivingCouncil(tx: Queryable, from: string, to: string): Promise<{ id: string; name: string }> {
  if (to === from) throw new InvalidInputError([{ field: 'toCouncil', message: 'is this council; a transfer moves the plan to another council (Reg 15(1))' }]);
  const [council] = await tx.query<{ id: string; kind: string; name: string }>('select id, kind, name from organisations where id = $1', [to]);
  if (!council) {
    throw new ConflictError(
      'council-not-on-service',
      `${to} is not a council on this service, so the plan cannot move to it here. Export the case (GET /api/reviews/{id}/export) and send the export to the new council securely; the plan stays open here until you have transferred it.`,
    );
  }
  if (council.kind !== 'council') throw new InvalidInputError([{ field: 'toCouncil', message: `${to} is a ${council.kind}, not a council` }]);
  return { id: council.id, name: council.name };
}

export interface TransferInput {
  toCouncil: string;
  movedOn: string;
  awareOn?: string | undefined;
  transferredOn: string;
  newLaReference?: string | undefined;
  school?: string | undefined;
}

export interface StoredTransfer {
  transferId: number;
  fromPlanId: number;
  toPlanId: number;
  movedReviewIds: string[];
  openReviewId: string | null;
  schoolId: string | null;
  caseOfficerId: number | null;
}

/**
 * Moves a plan to another council in the caller's transaction (Reg 15): a new child and
 * plan of the new council, treated as made on the old plan's issue date (Reg 15(3)(a)); the
 * reviews not yet concluded move to it with everything they recorded (the clock carries on),
 * their dates worked out again for the new council (Reg 15(5)); the old plan is closed as
 * transferred (not ceased) and keeps its concluded reviews; contacts are copied; both
 * sides are written to `plan_transfers` and the audit log.
 */
export async function storeTransfer(tx: Queryable, principal: Principal, row: ReviewRow, input: TransferInput, dates: PlanTransferDates): Promise<StoredTransfer> {
  const [plan] = await tx.query<{ child_id: number; transferred_out_on: string | null; ceased_on: string | null; case_officer_id: number | null }>(
    'select child_id::int, transferred_out_on, ceased_on, case_officer_id::int from plans where id = $1 for update',
    [row.plan_id],
  );
  if (!plan) throw new ConflictError('plan-not-transferable', 'The plan of this review was not found; reload the review.');
  if (plan.transferred_out_on) throw new ConflictError('plan-not-transferable', `This plan was already transferred on ${plan.transferred_out_on}.`);
  if (plan.ceased_on) throw new ConflictError('plan-not-transferable', `This plan ceased on ${plan.ceased_on}: there is no plan to transfer.`);
  const laReference = input.newLaReference ?? row.la_reference;
  const [taken] = await tx.query('select 1 from children where council_id = $1 and la_reference = $2', [input.toCouncil, laReference]);
  if (taken) {
    throw new InvalidInputError([{ field: 'newLaReference', message: `${input.toCouncil} already has a child with reference ${laReference}; give the reference the new council uses for this child` }]);
  }
  const school = input.school ?? row.school_id;
  if (input.school) {
    const [setting] = await tx.query("select 1 from organisations where id = $1 and kind = 'school'", [input.school]);
    if (!setting) throw new InvalidInputError([{ field: 'school', message: `"${input.school}" is not a registered setting; find it (GET /api/settings?q=) or register it (POST /api/settings) first` }]);
  }
  const [child] = await tx.query<{ id: number }>(
    `insert into children (council_id, la_reference, name, date_of_birth, upn)
     select $1, $2, name, date_of_birth, upn from children where id = $3 returning id::int`,
    [input.toCouncil, laReference, plan.child_id],
  );
  const [toPlan] = await tx.query<{ id: number }>(
    `insert into plans (child_id, school_id, issued_on, nc_year, transfer_kind, transfer_date, transferred_in_on, transferred_from_plan_id)
     select $1, $2, issued_on, nc_year, transfer_kind, transfer_date, $3, id from plans where id = $4 returning id::int`,
    [child?.id, school, input.transferredOn, row.plan_id],
  );
  const toPlanId = toPlan?.id as number;
  await tx.query('update plans set transferred_out_on = $2 where id = $1', [row.plan_id, input.transferredOn]);
  await tx.query(
    `insert into case_contacts (child_id, role, name, email) select $1, role, name, email from case_contacts where child_id = $2 on conflict do nothing`,
    [child?.id, plan.child_id],
  );
  const moving = await tx.query<ReviewRow & { stage: ReviewRow['stage'] }>(
    `select r.id, r.stage, r.previous_concluded_on, r.meeting_date, p.issued_on, p.nc_year, p.transfer_kind, p.transfer_date, c.date_of_birth,
            d.outcome as decision_outcome, d.notified_on as decision_notified_on, a.notice_served_on
       from review_cycles r join plans p on p.id = r.plan_id join children c on c.id = p.child_id
       left join decisions d on d.review_id = r.id left join amendments a on a.review_id = r.id
      where r.plan_id = $1 and r.stage <> 'concluded' order by r.created_at for update of r`,
    [row.plan_id],
  );
  for (const review of moving) {
    const d = cycleDates({ ...caseInputOf(review), transferredIn: input.transferredOn });
    const open = review.stage !== 'amending';
    await tx.query(
      `update review_cycles set plan_id = $2, council_id = $3, school_id = $4,
         review_deadline = case when $5 then $6::date else review_deadline end,
         latest_meeting_date = case when $5 then $7::date else latest_meeting_date end,
         decision_due = case when $5 and meeting_date is not null then $8::date else decision_due end,
         version = version + 1, updated_at = now()
       where id = $1`,
      [review.id, toPlanId, input.toCouncil, school, open, d.review_deadline, d.latest_meeting_date, d.decision_due],
    );
  }
  const openReview = moving.find((r) => r.stage !== 'amending')?.id ?? null;
  const [transfer] = await tx.query<{ id: number }>(
    `insert into plan_transfers (from_plan_id, to_plan_id, from_council_id, to_council_id, moved_on, aware_on, transferred_on, transfer_due_by, family_told_by, review_deadline, school_id, recorded_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id::int`,
    [row.plan_id, toPlanId, row.council_id, input.toCouncil, input.movedOn, input.awareOn ?? input.movedOn, input.transferredOn, dates.transferDueBy, dates.familyToldBy, dates.reviewDeadline, school, principal.personId],
  );
  const transferId = transfer?.id as number;
  const record = { transferId, from: { council: row.council_id, laReference: row.la_reference, planId: row.plan_id }, to: { council: input.toCouncil, laReference, planId: toPlanId }, ...input, dates, movedReviews: moving.map((r) => r.id) };
  await appendAudit(tx, principal, 'plan.transferred-out', 'child', String(plan.child_id), { council: row.council_id, planId: row.plan_id }, record);
  await appendAudit(tx, principal, 'plan.transferred-in', 'child', String(child?.id), null, record);
  return { transferId, fromPlanId: row.plan_id, toPlanId, movedReviewIds: moving.map((r) => r.id), openReviewId: openReview, schoolId: school, caseOfficerId: plan.case_officer_id };
}

export interface TransferRecord {
  id: number;
  direction: 'out' | 'in';
  status: 'transferred';
  fromCouncil: { id: string; name: string };
  toCouncil: { id: string; name: string };
  laReference: string;
  childName: string;
  movedOn: string;
  awareOn: string;
  transferredOn: string;
  transferDueBy: string;
  familyToldBy: string;
  reviewDeadline: string;
  schoolId: string | null;
  /** The moved review, for the receiving council only. */
  reviewId: string | null;
}

/**
 * The council's transfers, in and out, newest first. Each side sees the child under its
 * own reference and name; the sending council sees the closed record (no review id: the
 * review is the receiving council's now).
 */
export async function listTransfers(db: Queryable, councilId: string, limit = 100): Promise<TransferRecord[]> {
  return db.query<TransferRecord>(
    `select t.id::int, case when t.from_council_id = $1 then 'out' else 'in' end as direction, 'transferred' as status,
            json_build_object('id', fo.id, 'name', fo.name) as "fromCouncil", json_build_object('id', tco.id, 'name', tco.name) as "toCouncil",
            case when t.from_council_id = $1 then fc.la_reference else tc.la_reference end as "laReference",
            case when t.from_council_id = $1 then fc.name else tc.name end as "childName",
            t.moved_on as "movedOn", t.aware_on as "awareOn", t.transferred_on as "transferredOn", t.transfer_due_by as "transferDueBy",
            t.family_told_by as "familyToldBy", t.review_deadline as "reviewDeadline", t.school_id as "schoolId",
            case when t.to_council_id = $1 then (select r.id from review_cycles r where r.plan_id = t.to_plan_id and r.stage in ('not-booked', 'booked', 'reported') limit 1) end as "reviewId"
       from plan_transfers t
       join organisations fo on fo.id = t.from_council_id
       join organisations tco on tco.id = t.to_council_id
       join plans fp on fp.id = t.from_plan_id join children fc on fc.id = fp.child_id
       join plans tp on tp.id = t.to_plan_id join children tc on tc.id = tp.child_id
      where t.from_council_id = $1 or t.to_council_id = $1
      order by t.transferred_on desc, t.id desc
      limit $2`,
    [councilId, limit],
  );
}

/** Where a transferred-in plan came from, and its concluded reviews with the old council: the history the new council takes on. */
export async function transferHistory(db: Queryable, planId: number) {
  const [row] = await db.query<{ history: unknown }>(transferHistorySql('$1'), [planId]);
  return row?.history ?? null;
}

/** The statement {@link transferHistory} sends, for plan `planId` (a parameter or a column): one row, `history`, or none. */
export function transferHistorySql(planId: string): string {
  return `select json_build_object(
       'transferredFrom', fo.id, 'transferredFromName', fo.name, 'transferredOn', t.transferred_on, 'previousReference', fc.la_reference,
       'familyToldBy', t.family_told_by, 'reviewDeadline', t.review_deadline,
       'previousReviews', (select coalesce(json_agg(json_build_object('meetingDate', r.meeting_date, 'outcome', d.outcome, 'notifiedOn', d.notified_on) order by d.notified_on), '[]')
                             from review_cycles r join decisions d on d.review_id = r.id where r.plan_id = t.from_plan_id)) as history
       from plan_transfers t join organisations fo on fo.id = t.from_council_id
       join plans fp on fp.id = t.from_plan_id join children fc on fc.id = fp.child_id
      where t.to_plan_id = ${planId}`;
}
