import { daysBetween } from '../../shared/calendar/londonDay';
import { computeTimeline } from '../../shared/timeline/computeTimeline';
import type { SimulatedReview } from './engine';

/** A share with what it is a share of, so a reader can check it. */
export interface Share {
  share: number;
  of: number;
}

/**
 * The figures a council reports, for reviews expected in the period (review deadline
 * in it). DfE's categories, as this simulation reads them: completed = the LA notified
 * its decision by the end of the period; not completed = no decision by then; ended =
 * the plan ended before its review (the rest of the DfE total).
 */
export interface RunMetrics {
  expectedReviews: number;
  dfe: { completedInPeriod: number; notCompleted: number; endedBeforeReview: number };
  /** Decision notified on or before the review deadline (CFA 2014 s44(1); CoP 9.169). */
  concludedWithin12Months: Share;
  /** Report within 2 weeks of the meeting (Reg 20(7)-(8)), of meetings whose 2 weeks ended in the period. */
  reportsWithin2Weeks: Share;
  /** Decision within 4 weeks of the meeting (Reg 20(10)), of decisions notified in the period. */
  decisionsWithin4Weeks: Share;
  /** Final amended plan by its due date (Reg 22(5)), of plans due in the period. */
  amendedPlansInTime: Share;
  /** Booked meetings that gave at least two weeks' notice (Reg 20(2)-(3), strict reading). */
  invitationsWithNotice: Share;
  remindersActedOn: number;
}

function share(hit: number, of: number): Share {
  return { share: of === 0 ? 0 : Math.round((hit / of) * 10_000) / 10_000, of };
}

/** The period's figures from one run's reviews (those it counts: deadline in the period). `to` is the last day counted. */
export function measureRun(all: readonly SimulatedReview[], to: string): RunMetrics {
  const reviews = all.filter((r) => r.counted);
  let completed = 0;
  let ended = 0;
  let within12 = 0;
  let open = 0;
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
    if (r.endedBeforeReview) {
      ended++;
      continue;
    }
    open++;
    const decided = r.decisionNotifiedOn !== null && r.decisionNotifiedOn <= to;
    if (decided) completed++;
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
      if (decided) {
        decisions++;
        if (daysBetween(r.meetingDate, r.decisionNotifiedOn as string) <= 28) decisionsOnTime++;
      }
      if (r.amendmentNoticeServedOn && t.finalAmendedPlanDue && t.finalAmendedPlanDue <= to) {
        finals++;
        if (r.finalPlanIssuedOn && r.finalPlanIssuedOn <= t.finalAmendedPlanDue) finalsOnTime++;
      }
    }
  }
  const expected = reviews.length;
  return {
    expectedReviews: expected,
    dfe: {
      completedInPeriod: share(completed, expected).share,
      notCompleted: share(open - completed, expected).share,
      endedBeforeReview: share(ended, expected).share,
    },
    concludedWithin12Months: share(within12, open),
    reportsWithin2Weeks: share(reportsOnTime, reports),
    decisionsWithin4Weeks: share(decisionsOnTime, decisions),
    amendedPlansInTime: share(finalsOnTime, finals),
    invitationsWithNotice: share(withNotice, booked),
    remindersActedOn: acted,
  };
}
