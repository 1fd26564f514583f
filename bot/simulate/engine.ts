import { englandTypicalTerms, type TermCalendar } from '../../shared/calendar/termDates';
import { checkMeetingProposal } from '../../shared/compliance/checkMeetingProposal';
import { BOOKING_LEAD_DAYS } from '../../shared/planning/planReview';
import { computeTimeline } from '../../shared/timeline/computeTimeline';
import { familyResponseBy } from '../../shared/timeline/rules/familyResponseBy';
import { finalAmendedPlanDue } from '../../shared/timeline/rules/finalAmendedPlanDue';
import type { CaseInput, DecisionOutcome } from '../../shared/timeline/types';
import { CalendarDays } from './calendarDays';
import type { SimPlan } from './caseload';
import { sampleDays } from './distributions';
import { MinHeap } from './minHeap';
import type { SimulationParameters } from './parameters';
import { createRandom, type Random } from './random';
import { cycleKeyOf, type PromptedAction, type ReminderSchedule, type ReminderStateInput, reminderScheduleFromRules } from './reminderSchedule';

/** The step a review waits at; the weekly backlog counts reviews at each. */
export const steps = ['booking', 'meeting', 'report', 'decision', 'amendment-notice', 'final-plan'] as const;
export type Step = (typeof steps)[number] | 'done' | 'not-started';

/** What happened to one review, as day numbers (see CalendarDays); null where it did not happen in the run. */
export interface SimulatedReview {
  planId: string;
  school: number;
  /** 0 for the review the caseload describes, 1 for the one after it, and so on. */
  cycle: number;
  /** Its deadline falls in the period: an "expected" review that the figures count. */
  counted: boolean;
  /** The case as the timeline engine reads it, with what happened filled in. */
  case: CaseInput;
  reviewDeadline: string;
  /** The school held it early, well before its "book by" date. */
  heldEarly: boolean;
  bookedOn: string | null;
  invitationsSentOn: string | null;
  meetingDate: string | null;
  postponed: boolean;
  adviceInOn: string | null;
  reportSentOn: string | null;
  decisionNotifiedOn: string | null;
  outcome: DecisionOutcome | null;
  amendmentNoticeServedOn: string | null;
  finalPlanIssuedOn: string | null;
  /** How many reminders the product sent that this review's people acted on. */
  remindersActedOn: number;
}

export interface RunOptions {
  /**
   * With the product as it now is: reminders from shared/reminders, compliant booking
   * proposals (late reviews booked as soon as they can be, with a warning), decisions from
   * the meeting with or without the report, a share of reports submitted in the meeting,
   * and the amendment notice drafted with the decision.
   */
  product: boolean;
  seed: number;
  terms?: TermCalendar | undefined;
  /** Reminder schedule source; default: the shared reminder rules. */
  reminders?: ReminderSchedule | undefined;
}

export interface WeeklyBacklog {
  weekStarting: string;
  /** Reviews waiting at each step that week (booking counts from the "book by" date). */
  waiting: Record<(typeof steps)[number], number>;
}

export interface RunResult {
  reviews: SimulatedReview[];
  backlog: WeeklyBacklog[];
}

const EVENT = { book: 0, meeting: 1, report: 2, eligible: 3, notice: 4, final: 5 } as const;
type EventKind = (typeof EVENT)[keyof typeof EVENT];

interface Live {
  out: SimulatedReview;
  plan: SimPlan;
  index: number;
  /** Baseline draws, made once in a fixed order so both runs see the same people. */
  draws: {
    booking: number;
    early: number | null;
    lead: number;
    invitations: number;
    advice: number[];
    report: number;
    /** Compared with product.reportsInMeeting, so the halved and doubled runs move the same reviews. */
    reportInMeetingDraw: number;
    pickup: number;
    notice: number;
    final: number;
    postponeDays: number;
    postponeAnyway: boolean;
    postponeForAdvice: boolean;
    outcome: DecisionOutcome;
  };
  /** Reminder luck, its own stream: only the product run draws from it. */
  luck: Random;
  deadline: number;
  latest: number;
  bookBy: number;
  transferDeadline: string | null;
  step: Step;
  meeting: number;
  decisionDue: number;
  /** With the product: the day the officer takes the decision up. */
  eligibleOn: number;
  /** The reminder cache's key for this cycle (cycleKeyOf its case), made once; null without the product. */
  cycleKey: string | null;
}

// Days the calendar tables reach beyond the counted period: bookings start up to about
// 15 months before a deadline at the year's start, and late steps run on after its end.
const LEAD_IN_DAYS = 480;
/** checkMeetingProposal findings that moving the meeting later cures. */
const curedByLaterDate = new Set(['notice-too-short', 'invitations-after-meeting', 'meeting-before-plan']);
/** At most this many cycles per plan: five years of reviews and a spare. */
const CYCLE_STREAMS = 8;
const RUN_OUT_DAYS = 400;

/**
 * One run of one council's year, day by day: SENCOs book, professionals send advice,
 * meetings happen (or move), schools report, officers work their queue, amendments
 * run on. Every date comes from shared/timeline; with the product, reminders come from
 * shared/reminders and bookings are proposed compliant and checked with
 * checkMeetingProposal, as the add-in does. Pure and deterministic for a seed.
 */
export function runSimulation(plans: readonly SimPlan[], p: SimulationParameters, options: RunOptions): RunResult {
  const terms = options.terms ?? englandTypicalTerms();
  const cal = new CalendarDays(shiftIso(p.from, -LEAD_IN_DAYS), shiftIso(p.to, RUN_OUT_DAYS), terms);
  const from = cal.dayOf(p.from);
  const to = cal.dayOf(p.to);
  const reminders = options.product ? (options.reminders ?? reminderScheduleFromRules(terms)) : null;
  const agenda: [EventKind, Live][][] = [];
  const at = (day: number, kind: EventKind, live: Live) => pushAt(agenda, day - cal.first, [kind, live]);
  const queue = new MinHeap<Live>();
  const waiting: Record<(typeof steps)[number], number> = { booking: 0, meeting: 0, report: 0, decision: 0, 'amendment-notice': 0, 'final-plan': 0 };
  const moveTo = (live: Live, step: Step) => {
    if (live.step in waiting) waiting[live.step as (typeof steps)[number]]--;
    live.step = step;
    if (step in waiting) waiting[step as (typeof steps)[number]]++;
  };
  const bookingStarts: Live[][] = [];
  const lives: Live[] = [];

  /**
   * Starts one review cycle of a plan: its dates from the timeline, its people's delays
   * drawn once (the same in both runs). Cycles after the first begin when the previous
   * review concludes; a review is counted when its deadline falls in the period, and
   * simulated (it makes work) whenever its booking starts before the period ends.
   */
  function startCycle(plan: SimPlan, index: number, cycle: number): void {
    const t = computeTimeline(plan);
    const deadline = cal.dayOf(t.reviewDeadline);
    const latest = cal.dayOf(t.latestMeetingDate);
    if (latest - BOOKING_LEAD_DAYS > to) return;
    // Each plan and cycle draws from streams of its own, so one more draw anywhere shifts nothing else.
    const r = createRandom(options.seed, (index * CYCLE_STREAMS + cycle) * 2 + 1);
    const luck = createRandom(options.seed, (index * CYCLE_STREAMS + cycle) * 2 + 2);
    const d = p.delays;
    const outcomeDraw = r.next();
    const draws: Live['draws'] = {
      booking: sampleDays(d.booking, r),
      early: r.next() < p.probabilities.bookedEarly ? sampleDays(d.earlyBooking, r) : null,
      lead: sampleDays(d.meetingLead, r, 15),
      invitations: sampleDays(d.invitations, r),
      advice: Array.from({ length: p.council.professionalsPerReview }, () => sampleDays(d.advice, r)),
      report: sampleDays(d.report, r, 1),
      reportInMeetingDraw: r.next(),
      pickup: sampleDays(d.decisionPickup, r),
      notice: sampleDays(d.amendmentNotice, r),
      final: sampleDays(d.finalPlan, r, 15),
      postponeDays: sampleDays(d.postponement, r, 1),
      postponeAnyway: r.next() < p.probabilities.meetingPostponed,
      postponeForAdvice: r.next() < p.probabilities.postponedForLateAdvice,
      outcome: outcomeDraw < p.probabilities.cease ? 'cease' : outcomeDraw < p.probabilities.cease + p.probabilities.amend ? 'amend' : 'maintain',
    };
    const live: Live = {
      out: {
        planId: plan.id,
        school: plan.school,
        cycle,
        counted: deadline >= from && deadline <= to,
        case: { planIssued: plan.planIssued, lastReviewConcluded: plan.lastReviewConcluded, ncYear: plan.ncYear, transfer: plan.transfer },
        reviewDeadline: t.reviewDeadline,
        heldEarly: draws.early !== null,
        bookedOn: null,
        invitationsSentOn: null,
        meetingDate: null,
        postponed: false,
        adviceInOn: null,
        reportSentOn: null,
        decisionNotifiedOn: null,
        outcome: null,
        amendmentNoticeServedOn: null,
        finalPlanIssuedOn: null,
        remindersActedOn: 0,
      },
      plan,
      index,
      draws,
      luck,
      deadline,
      latest,
      bookBy: latest - BOOKING_LEAD_DAYS,
      transferDeadline: t.transferDeadline,
      step: 'not-started',
      meeting: 0,
      decisionDue: 0,
      eligibleOn: 0,
      cycleKey: null,
    };
    if (reminders) live.cycleKey = cycleKeyOf(live.out.case);
    lives.push(live);
    // The review is the SENCO's to book from its "book by" date.
    pushAt(bookingStarts, Math.max(live.bookBy, cal.first) - cal.first, live);
    at(bookingDay(live), EVENT.book, live);
  }

  /** The plan after this review concluded: the next 12 months start with the decision (CoP 9.169). */
  function nextCycle(live: Live): void {
    if (live.out.outcome === 'cease' || live.out.cycle + 1 >= CYCLE_STREAMS) return;
    const { meetingDate: _meeting, transfer: _transfer, ...rest } = live.plan;
    const ncYear = live.plan.ncYear === undefined ? undefined : Math.min(14, live.plan.ncYear + 1);
    startCycle({ ...rest, ncYear, lastReviewConcluded: live.out.decisionNotifiedOn as string }, live.index, live.out.cycle + 1);
  }

  for (const [index, plan] of plans.entries()) startCycle(plan, index, 0);

  /**
   * When the SENCO books: on their own, or sooner when a reminder works. A review held
   * early books that long before its "book by" date, but not in the first month of the
   * cycle (the last review has only just concluded). The booking reminders are the shared
   * rules' own, on their own days: the due list goes at least two weeks before the term in
   * which the review must be booked (CoP 9.172), which can be months before "book by", so
   * they count from the end of that first month (or 10 weeks before "book by" if later).
   */
  function bookingDay(live: Live): number {
    const anchor = cal.dayOf(live.out.case.lastReviewConcluded ?? live.out.case.planIssued);
    const wanted = live.draws.early === null ? live.bookBy + live.draws.booking : Math.max(anchor + 28, live.bookBy - live.draws.early);
    const own = cal.nextSchoolDay(Math.max(cal.first, wanted));
    const day = prompted(live, 'book', Math.max(cal.first, Math.min(anchor + 28, live.bookBy - 7 * 10)), own, () => ({}));
    return cal.nextSchoolDay(day);
  }

  /**
   * The day an action happens: `own` (when the person would act anyway), or the first
   * reminder after `since` that works plus the response time, if that is sooner.
   */
  function prompted(live: Live, action: PromptedAction, since: number, own: number, state: () => Partial<ReminderStateInput>): number {
    if (!reminders) return own;
    return actedOn(live, reminderDays(live, action, since, own, state), since, own);
  }

  /**
   * The send days of the reminders that prompt `action`, from `since` until `until` at
   * least, asked in two parts: the first NEAR_DAYS now, the rest only if nobody has acted
   * by then. Most people act on one of the first reminders, and writing out a year of
   * weekly reminders was half of a run's time. The rules' horizon only bounds how far
   * weekly reminders are written out, and those sent within the first part are the same
   * in both answers (a later one is due, and so sent, after it), so the days walked and
   * the luck drawn are the same as with one answer.
   */
  function reminderDays(live: Live, action: PromptedAction, since: number, until: number, state: () => Partial<ReminderStateInput>): ReminderDays {
    const schedule = reminders;
    if (!schedule) return NO_REMINDERS;
    const base = Math.min(since, cal.last);
    const ask = (untilDays: number) => schedule.days(action, { live: describe(live, state()), since: cal.isoOf(base), untilDays });
    if (until - since <= NEAR_DAYS) return { near: ask(until - since), nearUntil: Number.POSITIVE_INFINITY, far: null };
    let far: readonly string[] | null = null;
    return {
      near: ask(NEAR_DAYS),
      nearUntil: base + NEAR_DAYS,
      far: () => {
        far ??= ask(until - since);
        return far;
      },
    };
  }

  /** The first of the reminder days (after `since`, before `own`) whose reminder works, plus the response time; else `own`. */
  function actedOn(live: Live, days: ReminderDays, since: number, own: number): number {
    const near = firstActed(live, days.near, since, Math.min(own, days.nearUntil + 1));
    if (near !== null) return Math.min(own, near);
    if (!days.far || own <= days.nearUntil + 1) return own;
    const later = firstActed(live, days.far(), Math.max(since, days.nearUntil + 1), own);
    return later === null ? own : Math.min(own, later);
  }

  /** The first of `days` from `since` and before `before` whose reminder works, plus the response time; null if none does. */
  function firstActed(live: Live, days: readonly string[], since: number, before: number): number | null {
    for (const iso of days) {
      const day = cal.dayOf(iso);
      if (day < since) continue;
      if (day >= before) break;
      if (live.luck.next() < p.reminders.actProbability) {
        live.out.remindersActedOn++;
        return day + sampleDays(p.reminders.response, live.luck);
      }
    }
    return null;
  }

  function describe(live: Live, extra: Partial<ReminderStateInput>): ReminderStateInput {
    return {
      case: live.out.case,
      meetingDate: extra.meetingDate ?? live.out.meetingDate,
      invitationsSentOn: extra.invitationsSentOn ?? live.out.invitationsSentOn,
      bookedOn: extra.bookedOn ?? live.out.bookedOn,
      adviceDueOn: extra.adviceDueOn ?? null,
      reportSentOn: extra.reportSentOn ?? live.out.reportSentOn,
      decision: extra.decision ?? null,
      noticeServedOn: extra.noticeServedOn ?? live.out.amendmentNoticeServedOn,
      cycleKey: live.cycleKey ?? undefined,
    };
  }

  function book(live: Live, day: number): void {
    const o = live.out;
    o.bookedOn = cal.isoOf(day);
    let meeting: number;
    let invitations: number;
    if (options.product) {
      // The add-in proposes the first school day that leaves time for advice and notice,
      // no later than the latest meeting date where that is still possible.
      meeting = proposeMeeting(live, day);
      invitations = day;
    } else {
      meeting = cal.nextSchoolDay(day + live.draws.lead);
      invitations = day + live.draws.invitations;
      if (invitations >= meeting) invitations = meeting - 1;
    }
    const adviceDue = meeting - 15;
    let adviceIn = day;
    // Every professional is reminded on the same days: asked once, as far as the latest of them.
    const owns = live.draws.advice.map((late) => Math.max(day + 1, adviceDue + late));
    const adviceDays = reminderDays(live, 'advice', day, Math.max(day, ...owns), () => ({ meetingDate: cal.isoOf(meeting), bookedOn: o.bookedOn, adviceDueOn: cal.isoOf(adviceDue) }));
    for (const own of owns) adviceIn = Math.max(adviceIn, reminders ? actedOn(live, adviceDays, day, own) : own);
    if (live.draws.postponeAnyway || (adviceIn > meeting - 7 && live.draws.postponeForAdvice)) {
      meeting = cal.nextSchoolDay(meeting + live.draws.postponeDays);
      o.postponed = true;
    }
    o.meetingDate = cal.isoOf(Math.min(meeting, cal.last));
    o.invitationsSentOn = cal.isoOf(invitations);
    o.adviceInOn = cal.isoOf(Math.min(adviceIn, cal.last));
    o.case = { ...o.case, meetingDate: o.meetingDate };
    live.meeting = meeting;
    moveTo(live, 'meeting');
    at(meeting, EVENT.meeting, live);
  }

  function proposeMeeting(live: Live, day: number): number {
    const earliest = cal.nextSchoolDay(day + 29);
    const wanted = Math.max(earliest, Math.min(day + live.draws.lead, live.latest));
    let meeting = wanted > live.latest ? earliest : cal.previousSchoolDay(wanted, earliest);
    // The same check the add-in and the send handler run; a blocked date moves on.
    for (let tries = 0; tries < 10; tries++) {
      const findings = checkMeetingProposal({
        case: live.out.case,
        meetingDate: cal.isoOf(meeting),
        invitationsSentOn: cal.isoOf(day),
        invitees: ['parent', 'school', 'la-send-officer', 'health', 'social-care'],
        mode: 'in-person',
        coversPreparingForAdulthood: true,
        terms,
      });
      // Only a notice problem is cured by a later date; a meeting already past the latest
      // date (the booking came too late) is held as soon as it can be.
      if (!findings.some((f) => f.severity === 'block' && curedByLaterDate.has(f.code))) break;
      meeting = cal.nextSchoolDay(meeting + 1);
    }
    return meeting;
  }

  /**
   * After the meeting. Without the product the officer waits for the school's report.
   * With it the decision clock and the "decision needed" card start on the meeting day
   * (Reg 20(10): 4 weeks from the meeting, report or not), so a reminder can bring the
   * decision before the report; and a share of reports is written in the meeting and
   * submitted on the day.
   */
  function holdMeeting(live: Live, day: number): void {
    moveTo(live, 'report');
    const inMeeting = options.product && live.draws.reportInMeetingDraw < p.product.reportsInMeeting;
    const sent = inMeeting ? day : Math.max(day + 1, prompted(live, 'report', day, day + live.draws.report, () => ({})));
    if (options.product) {
      live.decisionDue = cal.dayOf(computeTimeline(live.out.case).decisionDue as string);
      const own = sent + live.draws.pickup;
      live.eligibleOn = prompted(live, 'decide', day, own, () => ({ reportSentOn: null }));
      at(live.eligibleOn, EVENT.eligible, live);
    }
    if (sent === day) receiveReport(live, day);
    else at(sent, EVENT.report, live);
  }

  function receiveReport(live: Live, day: number): void {
    const o = live.out;
    if (o.decisionNotifiedOn) {
      // Decided without it: the report is kept and circulated, and changes nothing now.
      o.reportSentOn = cal.isoOf(day);
      return;
    }
    o.reportSentOn = cal.isoOf(day);
    if (options.product) {
      // The officer has had the card since the meeting; the report now waits with it.
      if (live.step === 'report') moveTo(live, 'decision');
      return;
    }
    const t = computeTimeline(o.case);
    live.decisionDue = cal.dayOf(t.decisionDue as string);
    moveTo(live, 'decision');
    const own = day + live.draws.pickup;
    at(prompted(live, 'decide', day, own, () => ({ reportSentOn: o.reportSentOn })), EVENT.eligible, live);
  }

  function decide(live: Live, day: number): void {
    const o = live.out;
    o.decisionNotifiedOn = cal.isoOf(day);
    o.outcome = live.draws.outcome;
    o.case = { ...o.case, decision: { outcome: o.outcome, notifiedOn: o.decisionNotifiedOn } };
    nextCycle(live);
    if (o.outcome !== 'amend') {
      moveTo(live, 'done');
      return;
    }
    moveTo(live, 'amendment-notice');
    // With the product the notice goes with the decision (R (L) v Devon CC [2022]): the
    // letter carries the proposed amendments; without it, it follows when drafted.
    const served = options.product ? day : day + live.draws.notice;
    // Decisions are made after the day's events, so a notice served the same day is served now.
    if (served <= day) serveNotice(live, day);
    else at(served, EVENT.notice, live);
  }

  function serveNotice(live: Live, day: number): void {
    const o = live.out;
    o.amendmentNoticeServedOn = cal.isoOf(day);
    o.case = { ...o.case, amendmentNoticeServed: o.amendmentNoticeServedOn };
    moveTo(live, 'final-plan');
    // The plan must not be finalised before the family's window closes (Reg 22(3)).
    const windowCloses = cal.dayOf(familyResponseBy(o.amendmentNoticeServedOn));
    const own = Math.max(windowCloses + 1, day + live.draws.final);
    const finalDue = cal.dayOf(finalAmendedPlanDue(o.amendmentNoticeServedOn, live.transferDeadline));
    const issued = prompted(live, 'final-plan', day, own, () => ({}));
    at(Math.max(windowCloses + 1, Math.min(issued, Math.max(finalDue, windowCloses + 1) + 365)), EVENT.final, live);
  }

  // Officers: each working day, those at work make their share of the week's decisions.
  const officerLuck = createRandom(options.seed, 0x0ff1ce);
  const perDay = p.council.decisionsPerOfficerWeek / 5;
  let capacity = 0;
  const backlog: WeeklyBacklog[] = [];

  for (let day = cal.first; day <= Math.min(cal.last, to); day++) {
    const starting = bookingStarts[day - cal.first];
    if (starting) for (const live of starting) if (live.step === 'not-started') moveTo(live, 'booking');
    const events = agenda[day - cal.first];
    if (events) {
      for (const [kind, live] of events) {
        switch (kind) {
          case EVENT.book:
            if (live.step === 'not-started') moveTo(live, 'booking');
            book(live, day);
            break;
          case EVENT.meeting:
            holdMeeting(live, day);
            break;
          case EVENT.report:
            receiveReport(live, day);
            break;
          case EVENT.eligible:
            if (live.step === 'report') moveTo(live, 'decision');
            queue.push(day, live);
            break;
          case EVENT.notice:
            serveNotice(live, day);
            break;
          case EVENT.final:
            live.out.finalPlanIssuedOn = cal.isoOf(day);
            moveTo(live, 'done');
            break;
        }
      }
    }
    if (cal.isWorkingDay(day)) {
      let present = 0;
      for (let o = 0; o < p.council.officers; o++) if (officerLuck.next() >= p.council.officerAbsence) present++;
      capacity += present * perDay;
      while (capacity >= 1 && queue.size > 0) {
        capacity -= 1;
        decide(queue.pop() as Live, day);
      }
      // Unused time does not carry over: an officer with an empty queue does other work.
      if (queue.size === 0) capacity = Math.min(capacity, 1);
    }
    if (day >= from && (day - from) % 7 === 0) backlog.push({ weekStarting: cal.isoOf(day), waiting: { ...waiting } });
  }
  return { reviews: lives.map((l) => l.out), backlog };
}

/** Reminder send days asked in two parts (see reminderDays in runSimulation). */
interface ReminderDays {
  near: readonly string[];
  /** The last day `near` is complete to. */
  nearUntil: number;
  /** The whole answer, asked when needed; null when `near` is all of it. */
  far: (() => readonly string[]) | null;
}
const NO_REMINDERS: ReminderDays = { near: [], nearUntil: Number.POSITIVE_INFINITY, far: null };
/** Days of reminders asked for first: three of the schedule's four-week blocks. */
const NEAR_DAYS = 84;

/** Appends to the list at `i` of a sparse array of lists, making it when needed. */
function pushAt<T>(lists: T[][], i: number, item: T): void {
  const list = lists[i];
  if (list) list.push(item);
  else lists[i] = [item];
}

function shiftIso(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
