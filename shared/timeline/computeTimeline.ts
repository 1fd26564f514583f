import { isBankHolidayInEngland } from '../calendar/bankHolidays';
import { isWeekend } from '../calendar/londonDay';
import { adviceCirculatedBy, adviceCirculatedBySource } from './rules/adviceCirculatedBy';
import { adviceRequestedBy, adviceRequestedBySource } from './rules/adviceRequested';
import { amendmentNoticeDue, amendmentNoticeDueSource } from './rules/amendmentNoticeDue';
import { appealDeadline, appealDeadlineSource } from './rules/appealDeadline';
import { decisionDue, decisionDueSource } from './rules/decisionDue';
import { familyResponseBy, familyResponseBySource } from './rules/familyResponseBy';
import { finalAmendedPlanDue, finalAmendedPlanDueSource } from './rules/finalAmendedPlanDue';
import { invitationsBy, invitationsBySource } from './rules/invitationsBy';
import { nextReviewDeadline, nextReviewDeadlineSource } from './rules/nextReviewDeadline';
import { reportDue, reportDueSource } from './rules/reportDue';
import { latestMeetingDate, latestMeetingDateSource } from './rules/latestMeetingDate';
import { transferDeadline, transferDeadlineSource } from './rules/phaseTransfer';
import { preparingForAdulthood, preparingForAdulthoodSource } from './rules/preparingForAdulthood';
import { reviewDeadline, reviewDeadlineSource } from './rules/reviewDeadline';
import { familyToldBy, familyToldBySource, transferReviewDeadline, transferReviewDeadlineSource } from '../transfer/planTransfer';
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
  // A plan transferred in keeps its clock, but its first review with the new council may run to 3 months after the transfer (Reg 15(5)).
  const transferredIn = input.transferredIn && (!input.lastReviewConcluded || input.lastReviewConcluded < input.transferredIn) ? input.transferredIn : null;
  const s44Deadline = reviewDeadline(input.planIssued, input.lastReviewConcluded);
  const deadline = transferredIn ? transferReviewDeadline(s44Deadline, transferredIn) : s44Deadline;
  const transfer = input.transfer ? transferDeadline(input.transfer.kind, input.transfer.date) : null;
  const latestMeeting = latestMeetingDate(deadline, transfer);
  const meeting = input.meetingDate ?? null;
  const target = meeting ?? latestMeeting;
  const decision = input.decision ?? null;

  const invitations = invitationsBy(target, settings.notice);
  const adviceRequest = adviceRequestedBy(target);
  const adviceCirculation = adviceCirculatedBy(target, settings.notice);
  const report = meeting ? reportDue(meeting) : null;
  const decisionBy = meeting ? decisionDue(meeting, deadline) : null;
  const amending = decision?.outcome === 'amend';
  const noticeDue = amending && decisionBy ? amendmentNoticeDue(decisionBy) : null;
  const notice = amending ? (input.amendmentNoticeServed ?? null) : null;
  const familyBy = notice ? familyResponseBy(notice) : null;
  const finalPlan = notice ? finalAmendedPlanDue(notice, transfer) : null;
  const appeal = decision && decision.outcome !== 'amend' ? appealDeadline(decision.notifiedOn, input.mediationCertificate) : null;
  const nextStart = settings.anchor === 'meeting' ? meeting : (decision?.notifiedOn ?? null);
  const nextDeadline = decision && nextStart ? nextReviewDeadline(nextStart) : null;
  const cycleStart = input.lastReviewConcluded ?? input.planIssued;
  const under5 = under5ReviewBy(cycleStart, input.dateOfBirth);
  const pfa = preparingForAdulthood(input, target);

  if (meeting && meeting > deadline) {
    warnings.push({ code: 'meeting-after-review-deadline', message: `The meeting on ${meeting} is after the review deadline ${deadline}: the review cannot be concluded in time.` });
  } else if (meeting && meeting > latestMeeting) {
    warnings.push({
      code: 'meeting-after-latest-date',
      message: `The meeting on ${meeting} is after the latest meeting date ${latestMeeting}: the LA's decision is then due by ${decisionBy}, not 4 weeks after the meeting.`,
    });
  }
  if (under5) warnings.push({ code: 'under-5-cadence', message: `The child is under 5: the LA should consider reviewing every 3 to 6 months (by ${under5}); advisory, not statutory (CoP 9.178).` });
  if (decision && decisionBy && decision.notifiedOn > decisionBy) {
    warnings.push({ code: 'decision-late', message: `The decision was notified on ${decision.notifiedOn}, after it was due on ${decisionBy}.` });
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
  if (pfa && input.transfer?.kind !== 'post16' && input.transfer?.kind !== 'post16-move' && (input.ncYear ?? 0) >= 11) {
    warnings.push({ code: 'post16-transfer-unrecorded', message: 'The young person is in Year 11 or above but no post-16 transfer is recorded; add it so the 31 March deadline is planned.' });
  }

  const steps: TimelineStep[] = [
    step('adviceRequestedBy', 'Request advice from everyone invited (good practice)', adviceRequest, adviceRequestedBySource, null),
    step('invitationsBy', 'Send invitations with at least two weeks’ notice', invitations, invitationsBySource, null),
    step('adviceCirculatedBy', 'Circulate all advice to everyone invited', adviceCirculation, adviceCirculatedBySource, null),
    step('latestMeetingDate', meeting ? 'Hold the review meeting' : 'Hold the review meeting by this date', meeting ?? latestMeeting, latestMeetingDateSource, meeting && options.today && meeting <= options.today ? meeting : null),
    step('reportDue', 'Send the meeting report to everyone invited', report, reportDueSource, null),
    step('decisionDue', 'LA notifies its decision (maintain, amend or cease)', decisionBy, decisionDueSource, decision?.notifiedOn ?? null),
    step('reviewDeadline', 'Review concluded (decision notified) by', deadline, transferredIn && deadline !== s44Deadline ? `${transferReviewDeadlineSource}; ${reviewDeadlineSource}` : reviewDeadlineSource, decision?.notifiedOn ?? null),
    step('familyToldOfTransfer', 'Tell the family the plan has transferred, whether the council will assess, and when it will review', transferredIn ? familyToldBy(transferredIn) : null, familyToldBySource, null),
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
    if (s.date && (isWeekend(s.date) || isBankHolidayInEngland(s.date)) && s.id !== 'appealDeadline' && s.id !== 'nextReviewDeadline') {
      warnings.push({ code: 'deadline-not-working-day', message: `${s.label}: ${s.date} is a weekend or bank holiday; the date does not move, so plan to finish by the working day before.` });
    }
    if (options.today) s.state = s.doneOn || superseded(s.id, input, options.today, s.date!) ? 'done' : s.date! < options.today ? 'overdue' : 'due';
  }
  if (pfa) steps.push(step('preparingForAdulthood', 'Year 9 onwards: the meeting must cover preparing for adulthood', null, preparingForAdulthoodSource, null));

  return {
    reviewDeadline: deadline,
    latestMeetingDate: latestMeeting,
    transferDeadline: transfer,
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
    preparingForAdulthood: pfa,
    warnings,
    steps,
  };
}

const BEFORE_MEETING = new Set(['adviceRequestedBy', 'invitationsBy', 'adviceCirculatedBy']);
/** The family's windows: nobody is late when they close, they are simply over. */
const WINDOWS = new Set(['familyResponseBy', 'appealDeadline']);

/** A step with no date of its own recorded is behind us once a later step has happened, or its window has closed. */
function superseded(id: string, input: CaseInput, today: IsoDate, date: IsoDate): boolean {
  if (WINDOWS.has(id)) return date < today;
  const held = input.meetingDate !== undefined && input.meetingDate <= today;
  if (BEFORE_MEETING.has(id)) return held;
  if (id === 'reportDue') return input.decision !== undefined;
  return false;
}

function step(id: string, label: string, date: IsoDate | null, source: string, doneOn: IsoDate | null): TimelineStep {
  return { id, label, date, source, doneOn };
}
