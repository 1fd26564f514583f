import { isBankHolidayInEngland } from '../calendar/bankHolidays';
import { isWeekend } from '../calendar/londonDay';
import { adviceCirculatedBy, adviceCirculatedBySource } from './rules/adviceCirculatedBy';
import { adviceRequestedBy, adviceRequestedBySource } from './rules/adviceRequested';
import { daysBetween } from '../calendar/londonDay';
import { amendmentNoticeDue, amendmentNoticeDueSource } from './rules/amendmentNoticeDue';
import { appealDeadline, appealDeadlineSource } from './rules/appealDeadline';
import { decisionDue, decisionDueSource } from './rules/decisionDue';
import { familyResponseBy, familyResponseBySource } from './rules/familyResponseBy';
import { finalAmendedPlanDue, finalAmendedPlanDueSource } from './rules/finalAmendedPlanDue';
import { invitationsBy, invitationsBySource } from './rules/invitationsBy';
import { nextReviewDeadline, nextReviewDeadlineSource } from './rules/nextReviewDeadline';
import { reportDue, reportDueSource } from './rules/reportDue';
import { ceaseConsultationEnds, ceaseSource, proposedPlanEnd } from './rules/cease';
import { cycleLimits } from './rules/cycleLimits';
import { nextCycleStart } from './rules/earlyReview';
import { latestMeetingDateSource } from './rules/latestMeetingDate';
import { transferDeadlineSource } from './rules/phaseTransfer';
import { preparingForAdulthood, preparingForAdulthoodSource } from './rules/preparingForAdulthood';
import { reviewDeadlineSource } from './rules/reviewDeadline';
import { familyToldBy, familyToldBySource, transferReviewDeadlineSource } from '../transfer/planTransfer';
import { under5CadenceSource, under5ReviewBy } from './rules/under5Cadence';
import { type CaseInput, defaultTimelineSettings, type IsoDate, type Timeline, type TimelineStep, type TimelineWarning } from './types';

export interface ComputeTimelineOptions {
  /** Today in Europe/London; when given, each step gets a done/due/overdue state. */
  today?: IsoDate | undefined;
}

/**
 * Every statutory date of one review cycle, with warnings and a step list.
 *
 * Before a meeting is booked, the pre-meeting dates (invitations, advice) are worked
 * out against the latest meeting date, so they say "by when at the latest"; once a
 * meeting date is given they follow it. Dates after the meeting need the meeting;
 * the amendment dates need a decision to amend (and the notice date); the appeal
 * deadline needs a decision to maintain or cease (a decision to amend is appealed
 * once the final plan is issued). With the `meeting` anchor the next cycle starts
 * with the meeting date instead of the decision.
 *
 * @example computeTimeline({ planIssued: '2026-03-01' }).reviewDeadline //=> '2027-02-28'
 */
export function computeTimeline(input: CaseInput, options: ComputeTimelineOptions = {}): Timeline {
  const settings = { ...defaultTimelineSettings, ...input.settings };
  const warnings: TimelineWarning[] = [];
  const limits = cycleLimits(input, settings);
  const { transferredIn, s44Deadline } = limits;
  const deadline = limits.reviewDeadline;
  const transferPlan = limits.transfer;
  const transfer = transferPlan?.deadline ?? null;
  const latestMeeting = limits.latestMeetingDate;
  const meeting = input.meetingDate ?? null;
  const target = meeting ?? latestMeeting;
  const decision = input.decision ?? null;

  const invitations = invitationsBy(target, settings.notice);
  const adviceRequest = adviceRequestedBy(target);
  const adviceCirculation = adviceCirculatedBy(target, settings.notice);
  const report = meeting ? reportDue(meeting) : null;
  const decisionBy = meeting ? decisionDue(meeting, deadline, transfer) : null;
  const amending = decision?.outcome === 'amend';
  const noticeDue = amending && decisionBy ? amendmentNoticeDue(decisionBy) : null;
  const notice = amending ? (input.amendmentNoticeServed ?? null) : null;
  const familyBy = notice ? familyResponseBy(notice) : null;
  const finalPlan = notice ? finalAmendedPlanDue(notice, transfer) : null;
  const appeal = decision && decision.outcome !== 'amend' ? appealDeadline(decision.notifiedOn, input.mediationCertificate) : null;
  // Ceasing: the review's decision is the proposal; the cease follows the consultation, and the plan is kept until the appeal window ends (s45).
  const proposal = input.ceaseProposed ?? null;
  const consultationEnds = proposal ? ceaseConsultationEnds(proposal, settings.ceaseConsultationDays) : null;
  const ceased = decision?.outcome === 'cease' ? decision.notifiedOn : null;
  const planKeptUntil = ceased ? proposedPlanEnd(ceased, input.mediationCertificate) : null;
  const concluded = proposal ?? decision?.notifiedOn ?? null;
  const cycleStart = limits.cycleStart;
  const kind = input.review?.kind ?? 'annual';
  const keepsCycle = kind === 'interim' && !input.review?.restartsCycle;
  const nextStart = concluded ? nextCycleStart({ kind, concludedOn: concluded, meetingDate: meeting, anchor: settings.anchor, currentCycleStart: cycleStart, restartsCycle: input.review?.restartsCycle }) : null;
  // An interim review leaves the current 12 months running: the next review is still due by this cycle's deadline.
  const nextDeadline = concluded && nextStart && !ceased ? (keepsCycle ? deadline : nextReviewDeadline(nextStart)) : null;
  const under5 = under5ReviewBy(cycleStart, input.dateOfBirth);
  const pfa = preparingForAdulthood(input, target);

  if (meeting && meeting > deadline) {
    const late = daysBetween(deadline, meeting);
    warnings.push({
      code: 'meeting-after-review-deadline',
      message: `The meeting on ${meeting} is ${late} ${late === 1 ? 'day' : 'days'} after the review deadline ${deadline}: the review is late (CFA 2014 s44(1)). Hold it as soon as you can; the LA must decide within 4 weeks of it (Reg 20(10)).`,
    });
  } else if (meeting && meeting > latestMeeting && decisionBy) {
    warnings.push({
      code: 'meeting-after-latest-date',
      message: `The meeting on ${meeting} is after the latest meeting date ${latestMeeting}: the LA's decision is then due by ${decisionBy}, ${daysBetween(meeting, decisionBy)} days after the meeting instead of the 28 Reg 20(10) allows, because ${transfer && decisionBy < deadline ? `the plan must be amended before the transfer deadline ${transfer} (Reg 18(1))` : `the review must be concluded by ${deadline}`}.`,
    });
  }
  if (input.review?.kind === 'early') {
    warnings.push({
      code: 'early-review',
      message: `An early review, started on ${input.review.startedOn} (${input.review.reason}): it is the annual review held early, with the same notice and circulation; its decision restarts the 12 months (CFA 2014 s44(1)).`,
    });
  } else if (input.review?.kind === 'interim') {
    warnings.push({
      code: 'interim-review',
      message: keepsCycle
        ? `An interim review, started on ${input.review.startedOn} (${input.review.reason}): it does not conclude the annual review, so the review deadline stays ${deadline} (CFA 2014 s44(1)), unless the council treats it as the annual review.`
        : `An interim review, started on ${input.review.startedOn} (${input.review.reason}), that the council treats as the annual review: its decision restarts the 12 months (CFA 2014 s44(1)).`,
    });
  }
  if (transferPlan?.inferred) {
    warnings.push({
      code: 'transfer-inferred',
      message: `Phase transfer inferred: ${transferPlan.reason}. The plan must be reviewed and amended by ${transferPlan.deadline} (Reg 18(1)); record the transfer, or "none", if this is wrong.`,
    });
  }
  if (transferPlan && decision?.outcome === 'maintain' && !input.namesNextPlacement) {
    warnings.push({
      code: 'transfer-plan-unchanged',
      message: `The plan is kept unchanged although the child transfers on ${transferPlan.date}: unless it already names the next school or institution, it must be amended to name it by ${transferPlan.deadline} (Reg 18(1)).`,
    });
  }
  if (ceased && proposal && consultationEnds && ceased <= consultationEnds) {
    warnings.push({ code: 'cease-before-consultation-ends', message: `The cease decision on ${ceased} is before the consultation on the proposal ended (${consultationEnds}); consult the family and the institution first (Reg 31(1)).` });
  }
  if (ceased && !proposal) {
    warnings.push({ code: 'cease-without-proposal', message: `The plan was ceased on ${ceased} with no proposal to cease recorded: the family and the institution named must first be told of the proposal and consulted (Reg 31(1)(a)).` });
  }
  if (under5) warnings.push({ code: 'under-5-cadence', message: `The child is under 5: the LA should consider reviewing every 3 to 6 months (by ${under5}); advisory, not statutory (CoP 9.178).` });
  const decidedOn = proposal ?? decision?.notifiedOn ?? null;
  if (decidedOn && decisionBy && decidedOn > decisionBy) {
    warnings.push({ code: 'decision-late', message: `The decision was notified on ${decidedOn}, after it was due on ${decisionBy}.` });
  }
  if (notice && noticeDue && notice > noticeDue) {
    warnings.push({
      code: 'amendment-notice-late',
      message: `The amendment notice was served on ${notice}, after the decision was due (${noticeDue}); it must go with the decision (R (L) v Devon CC [2022]), so this is late even under a local "within 4 weeks" indicator.`,
    });
  }
  if (amending && !notice) {
    warnings.push({ code: 'amendment-notice-missing', message: `The LA decided to amend but no amendment notice date is recorded; it was due with the decision by ${noticeDue ?? deadline}.` });
  }
  if (pfa && !input.setting && input.transfer === undefined && (input.ncYear ?? 0) >= 11) {
    warnings.push({ code: 'post16-transfer-unrecorded', message: 'The young person is in Year 11 or above but no post-16 transfer is recorded; add it so the 31 March deadline is planned.' });
  }

  const steps: TimelineStep[] = [
    step('adviceRequestedBy', 'Request advice from everyone invited (good practice)', adviceRequest, adviceRequestedBySource, null),
    step('invitationsBy', 'Send invitations with at least two weeks’ notice', invitations, invitationsBySource, null),
    step('adviceCirculatedBy', 'Circulate all advice to everyone invited', adviceCirculation, adviceCirculatedBySource, null),
    step('latestMeetingDate', meeting ? 'Hold the review meeting' : 'Hold the review meeting by this date', meeting ?? latestMeeting, latestMeetingDateSource, meeting && options.today && meeting <= options.today ? meeting : null),
    step('reportDue', 'Send the meeting report to everyone invited', report, reportDueSource, null),
    step('decisionDue', 'LA notifies its decision (maintain, amend or propose to cease)', decisionBy, decisionDueSource, decidedOn),
    step('reviewDeadline', 'Review concluded (decision notified) by', deadline, transferredIn && deadline !== s44Deadline ? `${transferReviewDeadlineSource}; ${reviewDeadlineSource}` : reviewDeadlineSource, decidedOn),
    step('familyToldOfTransfer', 'Tell the family the plan has transferred, whether the council will assess, and when it will review', transferredIn ? familyToldBy(transferredIn) : null, familyToldBySource, null),
    step('ceaseConsultationEnds', 'Consultation on the proposal to cease ends; the cease can be decided after it', consultationEnds, ceaseSource, ceased),
    step('planMaintainedUntil', 'Plan maintained until (proposed; an officer confirms it)', planKeptUntil, ceaseSource, null),
    step('amendmentNoticeDue', 'Serve the amendment notice with the decision', noticeDue, amendmentNoticeDueSource, notice),
    step('familyResponseBy', 'Family’s 15 days to respond to the proposed amendments end', familyBy, familyResponseBySource, null),
    step('finalAmendedPlanDue', 'Issue the final amended plan', finalPlan, finalAmendedPlanDueSource, null),
    step('transferDeadline', 'Phase transfer: plan reviewed and amended by', transfer, transferDeadlineSource, null),
    step('appealDeadline', 'Family’s last day to appeal to the First-tier Tribunal', appeal, appealDeadlineSource, null),
    step('under5ReviewBy', 'Under 5: consider the next review by (advisory)', under5, under5CadenceSource, null),
    step('nextReviewDeadline', 'Next review concluded by', nextDeadline, nextReviewDeadlineSource, null),
  ]
    .filter((s) => s.date !== null)
    .sort((a, b) => (a.date! < b.date! ? -1 : a.date! > b.date! ? 1 : 0));

  for (const s of steps) {
    if (s.date && (isWeekend(s.date) || isBankHolidayInEngland(s.date)) && s.id !== 'appealDeadline' && s.id !== 'planMaintainedUntil' && s.id !== 'nextReviewDeadline') {
      warnings.push({ code: 'deadline-not-working-day', message: `${s.label}: ${s.date} is a weekend or bank holiday; the date does not move, so plan to finish by the working day before.` });
    }
    if (options.today) s.state = s.doneOn || superseded(s.id, input, options.today, s.date!) ? 'done' : s.date! < options.today ? 'overdue' : 'due';
  }
  if (pfa) steps.push(step('preparingForAdulthood', 'Year 9 onwards: the meeting must cover preparing for adulthood', null, preparingForAdulthoodSource, null));

  return {
    reviewDeadline: deadline,
    latestMeetingDate: latestMeeting,
    transferDeadline: transfer,
    transfer: transferPlan,
    ceaseConsultationEnds: consultationEnds,
    planMaintainedUntil: planKeptUntil,
    invitationsBy: invitations,
    adviceRequestedBy: adviceRequest,
    adviceCirculatedBy: adviceCirculation,
    reportDue: report,
    decisionDue: decisionBy,
    amendmentNoticeDue: noticeDue,
    familyResponseBy: familyBy,
    finalAmendedPlanDue: finalPlan,
    nextReviewDeadline: nextDeadline,
    appealDeadline: appeal,
    under5ReviewBy: under5,
    outOfTurn: input.review ? { kind: input.review.kind, startedOn: input.review.startedOn } : null,
    preparingForAdulthood: pfa,
    warnings,
    steps,
  };
}

const BEFORE_MEETING = new Set(['adviceRequestedBy', 'invitationsBy', 'adviceCirculatedBy']);
/** The family's windows: nobody is late when they close, they are simply over. */
const WINDOWS = new Set(['familyResponseBy', 'appealDeadline', 'planMaintainedUntil']);

/** A step with no date of its own recorded is behind us once a later step has happened, or its window has closed. */
function superseded(id: string, input: CaseInput, today: IsoDate, date: IsoDate): boolean {
  if (WINDOWS.has(id)) return date < today;
  const held = input.meetingDate !== undefined && input.meetingDate <= today;
  if (BEFORE_MEETING.has(id)) return held;
  if (id === 'reportDue') return input.decision !== undefined || input.ceaseProposed !== undefined;
  return false;
}

function step(id: string, label: string, date: IsoDate | null, source: string, doneOn: IsoDate | null): TimelineStep {
  return { id, label, date, source, doneOn };
}
