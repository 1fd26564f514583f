import { isBankHolidayInEngland } from '../calendar/bankHolidays';
import { dayNumber, isWeekend, later, plusDays } from '../calendar/londonDay';
import { englandTypicalTerms, isSchoolHoliday, type TermCalendar } from '../calendar/termDates';
import { adviceCirculatedBy } from '../timeline/rules/adviceCirculatedBy';
import { adviceRequestedBy } from '../timeline/rules/adviceRequested';
import { invitationsBy } from '../timeline/rules/invitationsBy';
import { cycleLimits } from '../timeline/rules/cycleLimits';
import { type CaseInput, defaultTimelineSettings, type IsoDate } from '../timeline/types';

export const proposeMeetingDatesSource = 'Reg 20(2)-(4); CoP 9.169, 9.176; EHC Hub guidance timeline';

export interface ProposeMeetingDatesOptions {
  /** How many dates to propose. Default 5. */
  count?: number;
  /** The council's term dates. Default: typical English terms. */
  terms?: TermCalendar;
}

/** One date the SENCO can book with one click, and what it leaves time for. */
export interface ProposedDate {
  date: IsoDate;
  /** Invitations must go by this day (today or later). */
  invitationsBy: IsoDate;
  /** All advice must reach everyone invited by this day. */
  adviceCirculatedBy: IsoDate;
  /** True when advice requested today still gets the good-practice 7 weeks (6 to write, 1 to circulate). */
  fullAdviceTime: boolean;
  /** Days after the latest meeting date (or, past it, the review deadline) when this date is late. */
  daysLate?: number;
}

export interface MeetingDateProposal {
  dates: ProposedDate[];
  /** The first day notice and advice circulation are still possible from today. */
  earliest: IsoDate;
  /** The latest meeting date (the LA must still decide within 4 weeks and by the deadline). */
  latest: IsoDate;
  /** Why there are no dates, or that every date is late, in one sentence for the SENCO; undefined otherwise. */
  problem?: string;
  source: string;
}

/**
 * Proposes review meeting dates that satisfy every date rule from `today`: a school day
 * (a weekday in term, not a bank holiday), late enough that invitations sent today give
 * two weeks' notice and the advice can still be circulated two weeks ahead, and no later
 * than the latest meeting date. Dates that still give professionals the good-practice
 * 7 weeks for advice come first; then one date per week so the SENCO sees a spread
 * rather than five days in a row.
 *
 * A review already too late for its latest meeting date still gets dates: the earliest
 * school days with two weeks' notice from today, each with how late it is, and `problem`
 * saying so. A date in the past is never proposed.
 *
 * Why not the first N school days: a SENCO picks around other commitments, and the 7-week
 * advice window matters more than booking the very earliest day.
 *
 * @example proposeMeetingDates({ planIssued: '2026-03-01' }, '2026-11-24').dates[0].date //=> '2027-01-12'
 * @see Reg 20(2)-(4); CoP 9.169, 9.176; EHC Hub guidance
 */
export function proposeMeetingDates(input: CaseInput, today: IsoDate, options: ProposeMeetingDatesOptions = {}): MeetingDateProposal {
  const notice = { ...defaultTimelineSettings, ...input.settings }.notice;
  const count = options.count ?? 5;
  const terms = options.terms ?? englandTypicalTerms();
  const limits = cycleLimits(input);
  const deadline = limits.reviewDeadline;
  const latest = limits.latestMeetingDate;
  // invitationsBy(d) >= today  <=>  d >= today + 15 (strict) or + 14 (lenient); circulation is the same two weeks.
  const noticeDays = dayNumber(today) - dayNumber(invitationsBy(today, notice));
  const earliest = later(plusDays(today, noticeDays), plusDays(input.planIssued, 1));
  const goodPractice = later(earliest, plusDays(today, dayNumber(today) - dayNumber(adviceRequestedBy(today))));
  const base = { earliest, latest, source: proposeMeetingDatesSource };
  // Late already: the review must still be held as soon as it can be (s44; Reg 20(1)), so
  // propose the earliest lawful school days from today, each saying it is late.
  const late = earliest > latest;
  const last = late ? plusDays(earliest, 10 * 7) : latest;
  const schoolDay = (d: IsoDate) => !isWeekend(d) && !isBankHolidayInEngland(d) && !isSchoolHoliday(d, terms);
  const dates: ProposedDate[] = [];
  const pick = (from: IsoDate) => {
    let lastWeek = -1;
    for (let d = from; d <= last && dates.length < count; d = plusDays(d, 1)) {
      const week = Math.floor((dayNumber(d) + 3) / 7);
      if (!schoolDay(d) || week === lastWeek || dates.some((p) => p.date === d)) continue;
      lastWeek = week;
      const lateBy = d > deadline ? dayNumber(d) - dayNumber(deadline) : d > latest ? dayNumber(d) - dayNumber(latest) : 0;
      dates.push({ date: d, invitationsBy: invitationsBy(d, notice), adviceCirculatedBy: adviceCirculatedBy(d, notice), fullAdviceTime: d >= goodPractice, ...(lateBy ? { daysLate: lateBy } : {}) });
    }
  };
  // Late: the earliest days first; good-practice advice time matters less than holding it.
  if (!late && goodPractice <= latest) pick(goodPractice);
  if (dates.length < count) pick(earliest);
  if (!late) dates.sort((a, b) => Number(b.fullAdviceTime) - Number(a.fullAdviceTime) || (a.date < b.date ? -1 : 1));
  if (dates.length === 0) {
    return { ...base, dates, problem: `No school day falls between ${earliest} and ${last}; check the term dates or book in the holidays with the family's agreement.` };
  }
  if (late) {
    const after = earliest > deadline ? `the review deadline ${deadline}` : `the latest meeting date ${latest}`;
    return {
      ...base,
      dates,
      problem: `This review is late: with two weeks' notice the earliest meeting is ${earliest}, after ${after}. Book the earliest date you can; the LA must still decide within 4 weeks of it (Reg 20(10)).`,
    };
  }
  return { ...base, dates };
}
