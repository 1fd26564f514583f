import { type Addressing, adviceCirculatedBy, type CaseInput, type DecisionOutcome, defaultTimelineSettings, type ReviewRunner, type SettingPhase, type TimelineSettings, type TransferKind } from '../../../shared';
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
  stage: 'not-booked' | 'booked' | 'reported' | 'amending' | 'ceasing' | 'concluded';
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
  report_sent_on: string | null;
  /** The day the plan came to this council from another (Reg 15), if it did. */
  transferred_in_on?: string | null;
  /** The plan's council's name, for whoever reads the review (a school works with several). */
  council_name?: string;
}

/** The setting, the plan's school year and the cease steps: what says who runs the review, which transfer is coming and where a cease stands. */
export interface SettingColumns {
  setting_phase?: SettingPhase | null;
  setting_sixth_form?: boolean | null;
  setting_runs_review?: 'school' | 'council' | null;
  nc_year_school_year?: number | null;
  out_of_education?: boolean | null;
  cease_proposed_on?: string | null;
  cease_consultation_days?: number | null;
  cease_decided_on?: string | null;
  cease_decision?: 'cease' | 'keep' | null;
  cease_plan_end_proposed?: string | null;
  cease_plan_end_confirmed?: string | null;
  /** A review held out of its annual turn (early or interim), when it was started and why. */
  review_kind?: 'annual' | 'early' | 'interim';
  early_started_on?: string | null;
  early_reason?: string | null;
  /** Interim only: the council's decision said it is the annual review, restarting the 12 months. */
  restarts_cycle?: boolean | null;
  /** Who the family's letters and invitations go to once over compulsory school age (CFA 2014 s80; Regs 63-64). */
  addressee?: Addressing;
  alternative_person_name?: string | null;
  alternative_person_email?: string | null;
}

/** The select list and joins for {@link SettingColumns}, on review_cycles `r` and plans `p`. */
export const settingColumnsSql = {
  columns: `st.phase as setting_phase, st.sixth_form as setting_sixth_form, st.runs_review as setting_runs_review,
            p.nc_year_school_year, p.out_of_education, cs.proposed_on as cease_proposed_on, cs.consultation_days as cease_consultation_days,
            cs.decided_on as cease_decided_on, cs.decision as cease_decision, cs.plan_end_proposed as cease_plan_end_proposed,
            cs.plan_end_confirmed as cease_plan_end_confirmed, r.review_kind, r.early_started_on, r.early_reason,
            (select restarts_cycle from decisions where review_id = r.id) as restarts_cycle,
            p.addressee, p.alternative_person_name, p.alternative_person_email`,
  joins: 'left join organisations st on st.id = r.school_id left join cease_steps cs on cs.review_id = r.id',
};

/**
 * Reads one review the principal may see, or throws 404 (unknown and not-yours look
 * the same). `forUpdate` locks the row so concurrent writes to one review queue up.
 */
export async function loadReview(tx: Queryable, principal: Principal, id: string, today: string, forUpdate = false): Promise<ReviewRow & SettingColumns> {
  const visible = visibleTo(principal, 3);
  const rows = await tx.query<ReviewRow & SettingColumns>(`${reviewRowSql(visible.sql)} ${forUpdate ? 'for update of r' : ''}`, [id, today, ...visible.params], { prepare: true });
  const row = rows[0];
  if (!row) throw new NotFoundError(`Review ${id}`);
  return row;
}

/**
 * The statement {@link loadReview} sends: review `$1` as of today `$2`, where `visible`
 * (from {@link visibleTo}, numbered from `$3`) holds. The detail read uses it as its first
 * step (bot/store/reviews/reviewDetail.ts), so a read and a write see the same row.
 */
export function reviewRowSql(visible: string): string {
  return `select r.id, r.plan_id, r.council_id, r.school_id, r.stage, ${statusSql('$2')} as status, r.version,
            r.previous_concluded_on, r.review_deadline, r.latest_meeting_date, r.meeting_date, r.report_due,
            r.decision_due, r.final_plan_due,
            c.name as child_name, c.la_reference, c.date_of_birth, c.upn,
            p.issued_on, p.nc_year, p.transfer_kind, p.transfer_date, p.transferred_in_on, co.name as council_name,
            d.outcome as decision_outcome, d.notified_on as decision_notified_on, a.notice_served_on,
            (select sent_on from reports where review_id = r.id) as report_sent_on, ${settingColumnsSql.columns}
       from review_cycles r
       join plans p on p.id = r.plan_id
       join children c on c.id = p.child_id
       join organisations co on co.id = r.council_id
       left join decisions d on d.review_id = r.id
       left join amendments a on a.review_id = r.id
       ${settingColumnsSql.joins}
      where r.id = $1 and ${visible}`;
}

/** The columns of a review's history that the timeline reads. */
export type CaseColumns = Pick<
  ReviewRow,
  'issued_on' | 'previous_concluded_on' | 'date_of_birth' | 'nc_year' | 'transfer_kind' | 'transfer_date' | 'meeting_date' | 'decision_outcome' | 'decision_notified_on' | 'notice_served_on'
> & { transferred_in_on?: string | null | undefined };

/**
 * Who runs the review: the council under Reg 21 for a child at no school or institution,
 * the council under Reg 20 where the setting is one it cannot require to (Reg 20(12)),
 * else the school.
 */
export function runByOf(row: SettingColumns): ReviewRunner {
  if (row.out_of_education) return 'reg21';
  return row.setting_runs_review === 'council' ? 'council' : 'school';
}

/**
 * The case's own timeline settings over the defaults: what {@link caseInputOf} gives the
 * timeline core (today only a cease consultation's length differs from case to case).
 */
export function timelineSettingsOf(row: SettingColumns): TimelineSettings {
  return { ...defaultTimelineSettings, ...(row.cease_proposed_on && row.cease_consultation_days ? { ceaseConsultationDays: row.cease_consultation_days } : {}) };
}

/**
 * The day the advice reaches everyone invited (Reg 20(4)), read with the case's own notice
 * setting: what an advice link's pages and the Teams chat tell the person who sent it.
 */
export function circulatedByOf(meetingDate: string, row: SettingColumns): string {
  return adviceCirculatedBy(meetingDate, timelineSettingsOf(row).notice);
}

/** Drops the {@link SettingColumns} from a row read with {@link settingColumnsSql}, keeping the rest. */
export function withoutSettingColumns<T extends SettingColumns>(row: T): Omit<T, keyof SettingColumns> {
  const {
    setting_phase: _phase,
    setting_sixth_form: _sixthForm,
    setting_runs_review: _runsReview,
    nc_year_school_year: _ncYearSchoolYear,
    out_of_education: _outOfEducation,
    cease_proposed_on: _ceaseProposed,
    cease_consultation_days: _ceaseDays,
    cease_decided_on: _ceaseDecided,
    cease_decision: _ceaseDecision,
    cease_plan_end_proposed: _planEndProposed,
    cease_plan_end_confirmed: _planEndConfirmed,
    review_kind: _reviewKind,
    early_started_on: _earlyStarted,
    early_reason: _earlyReason,
    restarts_cycle: _restartsCycle,
    addressee: _addressee,
    alternative_person_name: _alternativeName,
    alternative_person_email: _alternativeEmail,
    ...rest
  } = row;
  return rest;
}

/** The review's history as the timeline core reads it. */
export function caseInputOf(row: CaseColumns & SettingColumns): CaseInput {
  const input: CaseInput = { planIssued: row.issued_on };
  if (row.previous_concluded_on) input.lastReviewConcluded = row.previous_concluded_on;
  if (row.date_of_birth) input.dateOfBirth = row.date_of_birth;
  if (row.nc_year !== null) input.ncYear = row.nc_year;
  if (row.transfer_kind && row.transfer_date) input.transfer = { kind: row.transfer_kind, date: row.transfer_date };
  if (row.meeting_date) input.meetingDate = row.meeting_date;
  if (row.decision_outcome && row.decision_notified_on) input.decision = { outcome: row.decision_outcome, notifiedOn: row.decision_notified_on };
  if (row.notice_served_on) input.amendmentNoticeServed = row.notice_served_on;
  if (row.nc_year_school_year !== null && row.nc_year_school_year !== undefined) input.ncYearSchoolYear = row.nc_year_school_year;
  if (row.setting_phase) input.setting = { phase: row.setting_phase, sixthForm: row.setting_sixth_form ?? false };
  if (row.cease_proposed_on) {
    // The review's decision was the proposal to cease; the cease itself (if any) follows the consultation.
    input.ceaseProposed = row.cease_proposed_on;
    input.decision = row.cease_decision === 'cease' && row.cease_decided_on ? { outcome: 'cease', notifiedOn: row.cease_decided_on } : undefined;
    if (row.cease_consultation_days) input.settings = { ceaseConsultationDays: row.cease_consultation_days };
  }
  if (row.transferred_in_on) input.transferredIn = row.transferred_in_on;
  if ((row.review_kind === 'early' || row.review_kind === 'interim') && row.early_started_on) {
    input.review = { kind: row.review_kind, startedOn: row.early_started_on, reason: row.early_reason ?? '', restartsCycle: row.restarts_cycle ?? undefined };
  }
  return input;
}

/** Quoted version for the ETag header; `If-Match` must send it back. */
export const etagOf = (row: { id: string; version: number }) => `"${row.id}.${row.version}"`;
