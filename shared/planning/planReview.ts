import { dayNumber, plusDays } from '../calendar/londonDay';
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
  bookByDay: number;
}

// The planner streams whole council caseloads; the same few thousand anchor and
// transfer dates recur, so the date-fns arithmetic is done once per distinct input,
// keyed by day number (cheap to hash) when there is no transfer.
const MAX_CACHED = 200_000;
const byAnchor = new Map<number, Dates>();
const byAnchorAndTransfer = new Map<string, Dates>();

function computeDates(anchor: IsoDate, kind: TransferKind | undefined, transferDate: IsoDate | undefined): Dates {
  const deadline = reviewDeadline(anchor);
  const latest = latestMeetingDate(deadline, kind && transferDate ? transferDeadline(kind, transferDate) : null);
  const bookBy = plusDays(latest, -BOOKING_LEAD_DAYS);
  return { reviewDeadline: deadline, latestMeetingDate: latest, bookBy, deadlineDay: dayNumber(deadline), bookByDay: dayNumber(bookBy) };
}

function datesFor(anchor: IsoDate, kind: TransferKind | undefined, transferDate: IsoDate | undefined): Dates {
  const cache: Map<number | string, Dates> = (kind ? byAnchorAndTransfer : byAnchor) as Map<number | string, Dates>;
  const key = kind ? `${anchor}|${kind}|${transferDate}` : dayNumber(anchor);
  let dates = cache.get(key);
  if (!dates) {
    dates = computeDates(anchor, kind, transferDate);
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
  const dates = datesFor(row.lastReviewConcluded ?? row.planIssued, row.transfer?.kind, row.transfer?.date);
  let status: PlanStatus;
  if (today > dates.reviewDeadline || (row.meetingDate ? row.meetingDate > dates.latestMeetingDate : today > dates.latestMeetingDate)) status = 'overdue';
  else if (row.meetingDate) status = 'later';
  else if (today >= dates.bookBy) status = 'book now';
  else if (dates.bookBy <= termHorizon(today, options.terms ?? englandTypicalTerms())) status = 'due this term';
  else status = 'later';
  const urgency = STATUS_RANK[status] * 100_000 + (status === 'overdue' ? dates.deadlineDay : dates.bookByDay) - dayNumber(today);
  return { reviewDeadline: dates.reviewDeadline, latestMeetingDate: dates.latestMeetingDate, bookBy: dates.bookBy, status, urgency };
}
