import type { CaseInput, DecisionOutcome, TransferKind } from '../../../shared';
import type { Queryable } from '../db';
import { NotFoundError } from '../errors';
import type { Principal } from '../principal';
import { type ReviewStatus, statusSql } from './status';
import { visibleTo } from './visibility';

/** One review with everything a write needs to check and the detail view shows. */
export interface ReviewRow {
  id: string;
  plan_id: number;
  council_id: string;
  school_id: string | null;
  stage: 'not-booked' | 'booked' | 'reported' | 'amending' | 'concluded';
  status: ReviewStatus;
  version: number;
  previous_concluded_on: string | null;
  review_deadline: string;
  latest_meeting_date: string;
  meeting_date: string | null;
  report_due: string | null;
  decision_due: string | null;
  final_plan_due: string | null;
  child_name: string;
  la_reference: string;
  date_of_birth: string | null;
  upn: string | null;
  issued_on: string;
  nc_year: number | null;
  transfer_kind: TransferKind | null;
  transfer_date: string | null;
  decision_outcome: DecisionOutcome | null;
  decision_notified_on: string | null;
  notice_served_on: string | null;
  /** The day the plan came to this council from another (Reg 15), if it did. */
  transferred_in_on?: string | null;
  /** The plan's council's name, for whoever reads the review (a school works with several). */
  council_name?: string;
}

/**
 * Reads one review the principal may see, or throws 404 (unknown and not-yours look
 * the same). `forUpdate` locks the row so concurrent writes to one review queue up.
 */
export async function loadReview(tx: Queryable, principal: Principal, id: string, today: string, forUpdate = false): Promise<ReviewRow> {
  const visible = visibleTo(principal, 3);
  const rows = await tx.query<ReviewRow>(
    `select r.id, r.plan_id, r.council_id, r.school_id, r.stage, ${statusSql('$2')} as status, r.version,
            r.previous_concluded_on, r.review_deadline, r.latest_meeting_date, r.meeting_date, r.report_due,
            r.decision_due, r.final_plan_due,
            c.name as child_name, c.la_reference, c.date_of_birth, c.upn,
            p.issued_on, p.nc_year, p.transfer_kind, p.transfer_date, p.transferred_in_on, co.name as council_name,
            d.outcome as decision_outcome, d.notified_on as decision_notified_on, a.notice_served_on
       from review_cycles r
       join plans p on p.id = r.plan_id
       join children c on c.id = p.child_id
       join organisations co on co.id = r.council_id
       left join decisions d on d.review_id = r.id
       left join amendments a on a.review_id = r.id
      where r.id = $1 and ${visible.sql}
      ${forUpdate ? 'for update of r' : ''}`,
    [id, today, ...visible.params],
  );
  const row = rows[0];
  if (!row) throw new NotFoundError(`Review ${id}`);
  return row;
}

/** The columns of a review's history that the timeline reads. */
export type CaseColumns = Pick<
  ReviewRow,
  'issued_on' | 'previous_concluded_on' | 'date_of_birth' | 'nc_year' | 'transfer_kind' | 'transfer_date' | 'meeting_date' | 'decision_outcome' | 'decision_notified_on' | 'notice_served_on'
> & { transferred_in_on?: string | null | undefined };

/** The review's history as the timeline core reads it. */
export function caseInputOf(row: CaseColumns): CaseInput {
  const input: CaseInput = { planIssued: row.issued_on };
  if (row.previous_concluded_on) input.lastReviewConcluded = row.previous_concluded_on;
  if (row.date_of_birth) input.dateOfBirth = row.date_of_birth;
  if (row.nc_year !== null) input.ncYear = row.nc_year;
  if (row.transfer_kind && row.transfer_date) input.transfer = { kind: row.transfer_kind, date: row.transfer_date };
  if (row.meeting_date) input.meetingDate = row.meeting_date;
  if (row.decision_outcome && row.decision_notified_on) input.decision = { outcome: row.decision_outcome, notifiedOn: row.decision_notified_on };
  if (row.notice_served_on) input.amendmentNoticeServed = row.notice_served_on;
  if (row.transferred_in_on) input.transferredIn = row.transferred_in_on;
  return input;
}

/** Quoted version for the ETag header; `If-Match` must send it back. */
export const etagOf = (row: { id: string; version: number }) => `"${row.id}.${row.version}"`;
