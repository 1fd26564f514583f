import { type CaseInput, ceaseConsultationEnds, computeTimeline, type DecisionOutcome, defaultTimelineSettings, nextCycleStart, type PlanAmendment, rightsNoticeItems } from '../../../shared';
import { readCouncilSettings } from '../councilSettings';
import { appendAudit } from '../audit';
import type { Queryable } from '../db';
import { ConflictError, InvalidInputError } from '../errors';
import type { Principal } from '../principal';
import { scheduleReminders } from '../reminders/scheduleReminders';
import { cycleDates } from './cycleDates';
import { caseInputOf, etagOf, loadReview, type ReviewRow, type SettingColumns } from './loadReview';
import { checkIfMatch, updateReview } from './writeSupport';

export interface DecisionInput {
  outcome: DecisionOutcome;
  notifiedOn: string;
  reasons: string;
  /** Amend only: the proposed amendments per plan section, kept with the decision for the letter and the notice. */
  proposedAmendments?: PlanAmendment[] | undefined;
  /** With no report recorded: what the decision took account of in its place (the advice, the meeting, the officer's notes; Reg 19(c)). */
  consideredInstead?: string | undefined;
  /** Interim reviews only: the council treats this interim review as the annual review, so its decision restarts the 12 months (s44(1)). */
  restartsCycle?: boolean | undefined;
  /** Cease only: the young person has left education; they must first be reviewed and re-engagement attempted (Regs 29-30). */
  leftEducation?: boolean | undefined;
  /** Cease only, for a young person who left education: what was done to re-engage them. */
  reengagement?: string | undefined;
}

/**
 * Records the LA's decision (Reg 20(10)) once the meeting has been held, with or without the
 * school's report: the 4 weeks run from the meeting. Without a report the decision must say
 * what it took account of instead (the school's views still count, Reg 19(c)); a report
 * recorded later is kept as usual. Maintaining or amending starts the next 12-month cycle
 * from the day the family was notified (CoP 9.169). "Cease" here is the proposal to cease
 * (Reg 31(1)(a)): the review moves to `ceasing` for the consultation the council sets, and
 * the plan stays in place ({@link recordCease} decides after it).
 */
export async function recordDecision(tx: Queryable, principal: Principal, id: string, input: DecisionInput, today: string, ifMatch?: string) {
  const row = await loadReview(tx, principal, id, today, true);
  checkIfMatch(row, ifMatch);
  const held = row.stage === 'booked' && row.meeting_date !== null && row.meeting_date <= today;
  if (row.stage !== 'reported' && !held) {
    const why =
      row.stage === 'not-booked' ? 'book and hold the meeting first' : row.stage === 'booked' ? `the meeting is on ${row.meeting_date}; decide once it has been held` : 'a decision has already been recorded';
    throw new ConflictError('not-awaiting-decision', `This review is ${row.status}, not awaiting its decision: ${why}.`);
  }
  const withoutReport = row.report_sent_on === null;
  const consideredInstead = input.consideredInstead?.trim() || null;
  const problems = [];
  if (withoutReport && !consideredInstead) {
    problems.push({
      field: 'consideredInstead',
      message: `deciding without the school's report, which was due on ${row.report_due}: say what the decision took account of in its place (the advice, the meeting, your notes), since the school's views must still be considered (Reg 19(c))`,
    });
  }
  if (input.outcome === 'cease' && input.leftEducation && !input.reengagement?.trim()) {
    problems.push({ field: 'reengagement', message: 'the young person has left education: record the review and what was done to re-engage them before proposing to cease (Regs 29-30)' });
  }
  if (input.restartsCycle !== undefined && row.review_kind !== 'interim') {
    problems.push({ field: 'restartsCycle', message: `only an interim review's decision says whether it restarts the 12 months; this ${row.review_kind === 'early' ? 'early' : 'annual'} review always does (CFA 2014 s44(1)): leave the field out` });
  }
  if (problems.length) throw new InvalidInputError(problems);
  if (row.meeting_date && input.notifiedOn < row.meeting_date) {
    throw new InvalidInputError([{ field: 'notifiedOn', message: `the decision is dated ${input.notifiedOn}, before the meeting on ${row.meeting_date}` }]);
  }
  if (input.notifiedOn > today) throw new InvalidInputError([{ field: 'notifiedOn', message: `${input.notifiedOn} is in the future; record the decision on the day the family is told` }]);

  await tx.query(
    'insert into decisions (review_id, outcome, notified_on, reasons, decided_by, proposed_amendments, without_report, considered_instead, restarts_cycle) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
    [
    id,
    input.outcome,
    input.notifiedOn,
    input.reasons,
    principal.personId,
    JSON.stringify(input.outcome === 'amend' ? (input.proposedAmendments ?? []) : []),
    withoutReport,
    withoutReport ? consideredInstead : null,
    row.review_kind === 'interim' ? (input.restartsCycle ?? false) : null,
    ],
  );
  const ceasing = input.outcome === 'cease';
  let cease: { proposedOn: string; consultationEnds: string } | null = null;
  if (ceasing) {
    const days = (await readCouncilSettings(tx, row.council_id)).settings.ceaseConsultationDays ?? defaultTimelineSettings.ceaseConsultationDays;
    cease = { proposedOn: input.notifiedOn, consultationEnds: ceaseConsultationEnds(input.notifiedOn, days) };
    await tx.query(
      'insert into cease_steps (review_id, proposed_on, consultation_days, consultation_ends, left_education, reengagement) values ($1, $2, $3, $4, $5, $6)',
      [id, input.notifiedOn, days, cease.consultationEnds, input.leftEducation ?? false, input.reengagement?.trim() || null],
    );
  }
  const stage = input.outcome === 'amend' ? 'amending' : ceasing ? 'ceasing' : 'concluded';
  const version = await updateReview(tx, row, { stage });
  const nextReviewId = ceasing ? null : await startNextCycle(tx, row, input.notifiedOn, input.restartsCycle);
  const report = withoutReport ? { recorded: false, due: row.report_due, consideredInstead } : { recorded: true };
  await appendAudit(tx, principal, ceasing ? 'decision.cease-proposed' : `decision.${input.outcome}`, 'review', id, { stage: row.stage }, { stage, ...input, report, cease, nextReviewId });
  // This review's reminders stop (or turn to the amendment or the cease); the next cycle's start.
  await scheduleReminders(tx, nextReviewId ? [id, nextReviewId] : [id], today);
  return {
    etag: etagOf({ id, version }),
    nextReviewId,
    // A proposal to cease carries no appeal rights yet: they come with the cease itself (Reg 31(3)).
    rightsNotice: ceasing ? [] : rightsNoticeItems(input.outcome),
    report,
    ...(cease ? { cease } : {}),
    warnings: computeTimeline({ ...withRestart(caseInputOf(row), input.restartsCycle), decision: ceasing ? undefined : { outcome: input.outcome, notifiedOn: input.notifiedOn }, ceaseProposed: cease?.proposedOn }).warnings,
  };
}

/** The case with this decision's word on whether an interim review restarts the 12 months. */
function withRestart(input: CaseInput, restartsCycle: boolean | undefined): CaseInput {
  return input.review && restartsCycle !== undefined ? { ...input, review: { ...input.review, restartsCycle } } : input;
}

/**
 * Opens the next 12-month cycle once this review is concluded on `concludedOn`. What it
 * counts from follows the council's reading (`nextReviewFrom`: the decision, or the
 * meeting) and the kind of review: an early review restarts the 12 months like an annual
 * one; an interim review leaves them running (the next cycle keeps this one's start and so
 * its deadline) unless the council's decision said it is the annual review (s44(1)).
 */
export async function startNextCycle(tx: Queryable, row: ReviewRow & SettingColumns, concludedOn: string, restartsCycle?: boolean): Promise<string | null> {
  const base = caseInputOf(row);
  const anchor = (await readCouncilSettings(tx, row.council_id)).settings.nextReviewFrom ?? defaultTimelineSettings.anchor;
  const kind = row.review_kind ?? 'annual';
  const keepsCycle = kind === 'interim' && !(restartsCycle ?? row.restarts_cycle);
  // The next cycle's start as stored: null keeps a first cycle's start at the plan's issue.
  const start = keepsCycle
    ? row.previous_concluded_on
    : nextCycleStart({ kind, concludedOn, meetingDate: row.meeting_date, anchor, currentCycleStart: base.lastReviewConcluded ?? base.planIssued, restartsCycle: true });
  const dates = cycleDates({
    planIssued: base.planIssued,
    lastReviewConcluded: start ?? undefined,
    dateOfBirth: base.dateOfBirth,
    ncYear: base.ncYear,
    ncYearSchoolYear: base.ncYearSchoolYear,
    setting: base.setting,
    transfer: base.transfer,
  });
  const rows = await tx.query<{ id: string }>(
    `insert into review_cycles (plan_id, council_id, school_id, previous_concluded_on, review_deadline, latest_meeting_date)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [row.plan_id, row.council_id, row.school_id, start, dates.review_deadline, dates.latest_meeting_date],
  );
  return rows[0]?.id ?? null;
}
