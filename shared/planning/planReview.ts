import { dayNumber, isoOfDayNumber, plusDays } from '../calendar/londonDay';
import { englandTypicalTerms, nextTermAfter, type TermCalendar, termContaining } from '../calendar/termDates';
import { latestMeetingDate } from '../timeline/rules/latestMeetingDate';
import { transferDeadline } from '../timeline/rules/phaseTransfer';
import { reviewDeadline } from '../timeline/rules/reviewDeadline';
import type { IsoDate, TransferKind } from '../timeline/types';

/** One row of a caseload: what the planner needs of a plan's history. */
export interface PlanRowInput {
  planIssued: IsoDate;
  lastReviewConcluded?: IsoDate | undefined;
  dateOfBirth?: IsoDate | undefined;
  ncYear?: number | undefined;
  transfer?: { kind: TransferKind; date: IsoDate } | undefined;
  meetingDate?: IsoDate | undefined;
}

export type PlanStatus = 'overdue' | 'book now' | 'due this term' | 'later';

export interface PlannedReview {
  reviewDeadline: IsoDate;
  latestMeetingDate: IsoDate;
  bookBy: IsoDate;
  status: PlanStatus;
  /** Sort key: smaller is more urgent (status first, then days to book by). */
  urgency: number;
}

export interface PlanReviewOptions {
  terms?: TermCalendar | undefined;
}

/** Weeks from booking to the latest meeting: advice requested in week 1, in by week 6, meeting in week 8. */
export const BOOKING_LEAD_DAYS = 56;
export const bookBySource = 'EHC Hub guidance timeline; Reg 20(2)-(4)';

const STATUS_RANK: Record<PlanStatus, number> = { overdue: 0, 'book now': 1, 'due this term': 2, later: 3 };

interface Dates {
  reviewDeadline: IsoDate;
  latestMeetingDate: IsoDate;
  bookBy: IsoDate;
  deadlineDay: number;
  latestDay: number;
  bookByDay: number;
  /** The plans made from these dates for `today` and `terms` (without a meeting, with one in time, with one too late). */
  planned: { today: IsoDate; terms: TermCalendar; none?: PlannedReview; inTime?: PlannedReview; late?: PlannedReview } | undefined;
}

// The planner streams whole council caseloads; the same few thousand anchor and
// transfer dates recur, so the date arithmetic is done once per distinct input,
// keyed by day number (cheap to hash) when there is no transfer.
const MAX_CACHED = 200_000;
const byAnchor = new Map<number, Dates>();
// Anchors from 1990 to 2089 (every real caseload's) are looked up by array slot, not
// hashed: day numbers come from arithmetic as doubles, and hashing them in the Map
// cost about 0.1 s at 640,000 plans. 36,525 slots, filled only as anchors are seen.
const FIRST_SLOT_DAY = 7305; // 1990-01-01
const SLOTS = 36_525;
const bySlot: (Dates | undefined)[] = new Array(SLOTS);
const byAnchorAndTransfer = new Map<string, Dates>();

function computeDates(anchor: IsoDate, kind: TransferKind | undefined, transferDate: IsoDate | undefined): Dates {
  const deadline = reviewDeadline(anchor);
  const latest = latestMeetingDate(deadline, kind && transferDate ? transferDeadline(kind, transferDate) : null);
  const bookBy = plusDays(latest, -BOOKING_LEAD_DAYS);
  return { reviewDeadline: deadline, latestMeetingDate: latest, bookBy, deadlineDay: dayNumber(deadline), latestDay: dayNumber(latest), bookByDay: dayNumber(bookBy), planned: undefined };
}

function datesFor(anchorDay: number, kind: TransferKind | undefined, transferDate: IsoDate | undefined): Dates {
  if (!kind) {
    const slot = anchorDay - FIRST_SLOT_DAY;
    if (slot >= 0 && slot < SLOTS) {
      let dates = bySlot[slot];
      if (!dates) {
        dates = computeDates(isoOfDayNumber(anchorDay), kind, transferDate);
        bySlot[slot] = dates;
      }
      return dates;
    }
    return cachedIn(byAnchor, anchorDay, () => computeDates(isoOfDayNumber(anchorDay), kind, transferDate));
  }
  return cachedIn(byAnchorAndTransfer, `${anchorDay}|${kind}|${transferDate}`, () => computeDates(isoOfDayNumber(anchorDay), kind, transferDate));
}

/** The dates kept under `key`, made and kept when missing (the cache is emptied at MAX_CACHED). */
function cachedIn<K>(cache: Map<K, Dates>, key: K, make: () => Dates): Dates {
  let dates = cache.get(key);
  if (!dates) {
    dates = make();
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, dates);
  }
  return dates;
}

let termCache: { today: IsoDate; terms: TermCalendar; horizon: IsoDate } | undefined;

/** Last day of the term we are in, or of the next term when today is a holiday. */
function termHorizon(today: IsoDate, terms: TermCalendar): IsoDate {
  if (termCache?.today === today && termCache.terms === terms) return termCache.horizon;
  const term = termContaining(today, terms) ?? nextTermAfter(today, terms);
  const horizon = term?.end ?? plusDays(today, 90);
  termCache = { today, terms, horizon };
  return horizon;
}

/**
 * Where one plan stands for booking its review, against `today`:
 * `overdue` when the review deadline has passed, or the latest meeting date has
 * passed (or a booked meeting is after it); `book now` when today is on or after
 * the book-by date (latest meeting date - 8 weeks); `due this term` when the book-by
 * date falls before the current term ends (or the next, in a holiday); else `later`.
 *
 * @example planReview({ planIssued: '2026-03-01' }, '2026-11-01').bookBy //=> '2026-12-06'
 */
export function planReview(row: PlanRowInput, today: IsoDate, options: PlanReviewOptions = {}): PlannedReview {
  return planReviewOf(row.lastReviewConcluded ?? row.planIssued, row.transfer?.kind, row.transfer?.date, row.meetingDate, today, options.terms);
}

/**
 * `planReview` from the row's fields themselves: the review's anchor (the last review
 * concluded, else the plan's issue), the transfer and the meeting. The result is
 * shared by every plan with the same dates (frozen): at 640,000 plans, one object
 * per plan was measurable garbage, and a few thousand distinct results cover them.
 *
 * @example planReviewOf('2026-03-01', undefined, undefined, undefined, '2026-11-01').bookBy //=> '2026-12-06'
 */
export function planReviewOf(
  anchor: IsoDate,
  transferKind: TransferKind | undefined,
  transferDate: IsoDate | undefined,
  meetingDate: IsoDate | undefined,
  today: IsoDate,
  terms: TermCalendar = englandTypicalTerms(),
): PlannedReview {
  return planReviewOfDays(dayNumber(anchor), transferKind, transferDate, meetingDate ? dayNumber(meetingDate) : undefined, today, terms);
}

/**
 * `planReviewOf` with the anchor and the meeting as day numbers (see `dayNumber`),
 * for the planner, which reads them in place from its input.
 *
 * @example planReviewOfDays(dayNumber('2026-03-01'), undefined, undefined, undefined, '2026-11-01').bookBy //=> '2026-12-06'
 */
export function planReviewOfDays(
  anchorDay: number,
  transferKind: TransferKind | undefined,
  transferDate: IsoDate | undefined,
  meetingDay: number | undefined,
  today: IsoDate,
  terms: TermCalendar = englandTypicalTerms(),
): PlannedReview {
  const dates = datesFor(anchorDay, transferKind, transferDate);
  let planned = dates.planned;
  if (planned?.today !== today || planned.terms !== terms) {
    planned = { today, terms };
    dates.planned = planned;
  }
  if (meetingDay === undefined) {
    planned.none ??= plan(dates, false, false, today, terms);
    return planned.none;
  }
  // With a meeting, only whether it is after the latest meeting date changes the plan.
  if (meetingDay > dates.latestDay) {
    planned.late ??= plan(dates, true, true, today, terms);
    return planned.late;
  }
  planned.inTime ??= plan(dates, true, false, today, terms);
  return planned.inTime;
}

/** The plan for a meeting that is after the latest meeting date (`late`), or one in time, or none. */
function plan(dates: Dates, meeting: boolean, late: boolean, today: IsoDate, terms: TermCalendar): PlannedReview {
  let status: PlanStatus;
  if (today > dates.reviewDeadline || (meeting ? late : today > dates.latestMeetingDate)) status = 'overdue';
  else if (meeting) status = 'later';
  else if (today >= dates.bookBy) status = 'book now';
  else if (dates.bookBy <= termHorizon(today, terms)) status = 'due this term';
  else status = 'later';
  const urgency = STATUS_RANK[status] * 100_000 + (status === 'overdue' ? dates.deadlineDay : dates.bookByDay) - dayNumber(today);
  return Object.freeze({ reviewDeadline: dates.reviewDeadline, latestMeetingDate: dates.latestMeetingDate, bookBy: dates.bookBy, status, urgency });
}
