import { daysBetween } from '../../shared/calendar/londonDay';
import { computeTimeline } from '../../shared/timeline/computeTimeline';
import type { SimulatedReview } from './engine';

/** A share with what it is a share of, so a reader can check it. */
export interface Share {
  share: number;
  of: number;
}

/** The DfE's categories of an expected review, as the data set defines them (see dfeFigures.ts). */
export interface DfeFigures {
  /** review_completed_2025: the LA notified its decision within the period. */
  completed: number;
  /** review_completed_prior_2025: the review due in the period was concluded before it began (early). */
  completedEarly: number;
  /** review_not_completed: no decision by the period's end. */
  notCompleted: number;
  /** decision_4_weeks, of the reviews completed in the period (with decision_over_4_weeks). */
  decisions4w: number;
  /** The reviews these are shares of. */
  expected: number;
}

/**
 * The figures a council reports, for reviews expected in the period (review deadline
 * in it): the DfE's four, for every plan and for ages 10-14 at the end of the school
 * year (the rows the DfE figures were read from), and the statutory timeliness figures.
 */
export interface RunMetrics {
  expectedReviews: number;
  dfe: DfeFigures;
  /** The same for plans of ages 10-14 at 31 August (NC Years 5-9 in the school year the period starts in). */
  dfeAges10to14: DfeFigures;
  /** The same for age 11 (Year 6, the move to secondary school). */
  dfeAge11: DfeFigures;
  /** Decision notified on or before the review deadline (CFA 2014 s44(1); CoP 9.169). */
  concludedWithin12Months: Share;
  /** Report within 2 weeks of the meeting (Reg 20(7)-(8)), of meetings whose 2 weeks ended in the period. */
  reportsWithin2Weeks: Share;
  /** Decision within 4 weeks of the meeting (Reg 20(10)), of the expected reviews completed in the period (DfE's decision_4_weeks). */
  decisionsWithin4Weeks: Share;
  /** Final amended plan by its due date (Reg 22(3)), of plans due in the period. */
  amendedPlansInTime: Share;
  /** Booked meetings that gave at least two weeks' notice (Reg 20(2)-(3), strict reading). */
  invitationsWithNotice: Share;
  remindersActedOn: number;
}

/** The DfE's four figures for some reviews expected in the period from `from` to `to`. */
export function dfeFiguresOf(reviews: readonly SimulatedReview[], from: string, to: string): DfeFigures {
  let completed = 0;
  let early = 0;
  let within = 0;
  for (const r of reviews) {
    const on = r.decisionNotifiedOn;
    if (on === null || on > to) continue;
    if (on < from) early++;
    else {
      completed++;
      if (r.meetingDate && daysBetween(r.meetingDate, on) <= 28) within++;
    }
  }
  const n = reviews.length;
  return {
    completed: share(completed, n).share,
    completedEarly: share(early, n).share,
    notCompleted: share(n - completed - early, n).share,
    decisions4w: share(within, completed).share,
    expected: n,
  };
}

/** Age at 31 August at the end of the school year the period starts in: NC Year + 5 (Year 6 is 11). */
function ageOf(r: SimulatedReview): number | null {
  return r.cycle === 0 && r.case.ncYear !== undefined ? r.case.ncYear + 5 : null;
}

function share(hit: number, of: number): Share {
  return { share: of === 0 ? 0 : Math.round((hit / of) * 10_000) / 10_000, of };
}

/** The reviews of plans aged 10 to 14 at 31 August (the DfE rows the defaults are fitted to). */
function ages10to14Of(reviews: readonly SimulatedReview[]): SimulatedReview[] {
  return reviews.filter((r) => {
    const age = ageOf(r);
    return age !== null && age >= 10 && age <= 14;
  });
}

/**
 * The DfE's four figures of one run, for every plan and for ages 10-14, without the rest
 * of `measureRun` (no timeline is worked out): the same numbers as its `dfe` and
 * `dfeAges10to14`, for the runs that fit parameters and need nothing else.
 */
export function measureDfe(all: readonly SimulatedReview[], from: string, to: string): { dfe: DfeFigures; dfeAges10to14: DfeFigures } {
  const reviews = all.filter((r) => r.counted);
  return { dfe: dfeFiguresOf(reviews, from, to), dfeAges10to14: dfeFiguresOf(ages10to14Of(reviews), from, to) };
}

/** The two figures the smallest-changes table aims at, counted exactly as `measureRun` counts them. */
export interface TargetFigures {
  decisionsWithin4Weeks: number;
  concludedWithin12Months: number;
}

/**
 * `measureRun`'s `decisionsWithin4Weeks.share` and `concludedWithin12Months.share` alone,
 * for the searches that try many changes and read only these two: neither needs a
 * timeline, and working one out for every review was a tenth of a whole command's time.
 */
export function measureTargets(all: readonly SimulatedReview[], from: string, to: string): TargetFigures {
  let expected = 0;
  let within12 = 0;
  let decisions = 0;
  let decisionsOnTime = 0;
  for (const r of all) {
    if (!r.counted) continue;
    expected++;
    const decided = r.decisionNotifiedOn !== null && r.decisionNotifiedOn <= to;
    if (decided && (r.decisionNotifiedOn as string) <= r.reviewDeadline) within12++;
    if (r.meetingDate && r.meetingDate <= to && decided && (r.decisionNotifiedOn as string) >= from) {
      decisions++;
      if (daysBetween(r.meetingDate, r.decisionNotifiedOn as string) <= 28) decisionsOnTime++;
    }
  }
  return { decisionsWithin4Weeks: share(decisionsOnTime, decisions).share, concludedWithin12Months: share(within12, expected).share };
}

/** The period's figures from one run's reviews (those it counts: deadline in the period, from `from` to `to`). */
export function measureRun(all: readonly SimulatedReview[], from: string, to: string): RunMetrics {
  const reviews = all.filter((r) => r.counted);
  let within12 = 0;
  let reports = 0;
  let reportsOnTime = 0;
  let decisions = 0;
  let decisionsOnTime = 0;
  let finals = 0;
  let finalsOnTime = 0;
  let booked = 0;
  let withNotice = 0;
  let acted = 0;
  for (const r of reviews) {
    acted += r.remindersActedOn;
    const decided = r.decisionNotifiedOn !== null && r.decisionNotifiedOn <= to;
    if (decided && (r.decisionNotifiedOn as string) <= r.reviewDeadline) within12++;
    if (r.meetingDate && r.invitationsSentOn) {
      booked++;
      if (daysBetween(r.invitationsSentOn, r.meetingDate) >= 15) withNotice++;
    }
    if (r.meetingDate && r.meetingDate <= to) {
      const t = computeTimeline(r.case);
      const reportDue = t.reportDue as string;
      if (reportDue <= to || (r.reportSentOn && r.reportSentOn <= to)) {
        reports++;
        if (r.reportSentOn && r.reportSentOn <= reportDue) reportsOnTime++;
      }
      if (decided && (r.decisionNotifiedOn as string) >= from) {
        decisions++;
        if (daysBetween(r.meetingDate, r.decisionNotifiedOn as string) <= 28) decisionsOnTime++;
      }
      if (r.amendmentNoticeServedOn && t.finalAmendedPlanDue && t.finalAmendedPlanDue <= to) {
        finals++;
        if (r.finalPlanIssuedOn && r.finalPlanIssuedOn <= t.finalAmendedPlanDue) finalsOnTime++;
      }
    }
  }
  const ages10to14 = ages10to14Of(reviews);
  return {
    expectedReviews: reviews.length,
    dfe: dfeFiguresOf(reviews, from, to),
    dfeAges10to14: dfeFiguresOf(ages10to14, from, to),
    dfeAge11: dfeFiguresOf(
      reviews.filter((r) => ageOf(r) === 11),
      from,
      to,
    ),
    concludedWithin12Months: share(within12, reviews.length),
    reportsWithin2Weeks: share(reportsOnTime, reports),
    decisionsWithin4Weeks: share(decisionsOnTime, decisions),
    amendedPlansInTime: share(finalsOnTime, finals),
    invitationsWithNotice: share(withNotice, booked),
    remindersActedOn: acted,
  };
}
