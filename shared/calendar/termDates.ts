import type { IsoDate } from '../types';
import { easterSunday } from './bankHolidays';
import { dayOfWeek, plusDays } from './londonDay';

/** One school term; `halfTerm` is the holiday inside it. */
export interface Term {
  name: string;
  start: IsoDate;
  end: IsoDate;
  halfTerm?: { start: IsoDate; end: IsoDate } | undefined;
}

/** A council's term dates (a per-council setting), terms in date order. */
export interface TermCalendar {
  council: string;
  terms: Term[];
}

function onOrAfter(date: IsoDate, weekday: number): IsoDate {
  return plusDays(date, (weekday - dayOfWeek(date) + 7) % 7);
}

function onOrBefore(date: IsoDate, weekday: number): IsoDate {
  return plusDays(date, -((dayOfWeek(date) - weekday + 7) % 7));
}

/** `date`, or the Friday before it when it falls at a weekend. */
function weekdayOnOrBefore(date: IsoDate): IsoDate {
  const dow = dayOfWeek(date);
  return dow === 6 ? plusDays(date, -1) : dow === 0 ? plusDays(date, -2) : date;
}

function week(monday: IsoDate): { start: IsoDate; end: IsoDate } {
  return { start: monday, end: plusDays(monday, 4) };
}

/**
 * Typical term dates for one academic year starting in September of `year`, used
 * when a council has not set its own: autumn from the first weekday on or after
 * 3 September to the last Friday on or before 20 December (half term the week of
 * the last Monday in October); spring from the first Monday on or after 4 January to
 * the Thursday before Good Friday (half term the week of the third Monday in
 * February); summer from the Monday after Easter Monday to the last weekday on or
 * before 22 July (half term the week of the spring bank holiday). Councils vary by a
 * few days; they override this with their published dates.
 */
export function typicalAcademicYear(year: number): Term[] {
  const firstSep = `${year}-09-03`;
  const autumnStart = dayOfWeek(firstSep) === 6 ? plusDays(firstSep, 2) : dayOfWeek(firstSep) === 0 ? plusDays(firstSep, 1) : firstSep;
  const next = year + 1;
  const easter = easterSunday(next);
  return [
    {
      name: `Autumn ${year}`,
      start: autumnStart,
      end: onOrBefore(`${year}-12-20`, 5),
      halfTerm: week(onOrBefore(`${year}-10-31`, 1)),
    },
    {
      name: `Spring ${next}`,
      start: onOrAfter(`${next}-01-04`, 1),
      end: plusDays(easter, -3),
      halfTerm: week(plusDays(onOrAfter(`${next}-02-01`, 1), 14)),
    },
    {
      name: `Summer ${next}`,
      start: plusDays(easter, 8),
      end: weekdayOnOrBefore(`${next}-07-22`),
      halfTerm: week(onOrBefore(`${next}-05-31`, 1)),
    },
  ];
}

/** Typical English term dates for the academic years starting September `fromYear` to `toYear`. */
export function defaultTermCalendar(fromYear = 2015, toYear = 2040): TermCalendar {
  const terms: Term[] = [];
  for (let y = fromYear; y <= toYear; y++) terms.push(...typicalAcademicYear(y));
  return { council: 'England (typical dates)', terms };
}

let defaultCalendar: TermCalendar | undefined;

/** The shared default calendar, built once. */
export function englandTypicalTerms(): TermCalendar {
  defaultCalendar ??= defaultTermCalendar();
  return defaultCalendar;
}

/** The term whose dates include `date` (half terms included), if any. */
export function termContaining(date: IsoDate, calendar: TermCalendar): Term | undefined {
  return calendar.terms.find((t) => t.start <= date && date <= t.end);
}

/** The first term that starts after `date`. */
export function nextTermAfter(date: IsoDate, calendar: TermCalendar): Term | undefined {
  return calendar.terms.find((t) => t.start > date);
}

/**
 * True when `date` falls in a school holiday (between terms or in a half term) of a
 * calendar that covers it; false outside the calendar's range, where it cannot tell.
 */
export function isSchoolHoliday(date: IsoDate, calendar: TermCalendar): boolean {
  const first = calendar.terms[0];
  const last = calendar.terms[calendar.terms.length - 1];
  if (!first || !last || date < first.start || date > last.end) return false;
  const term = termContaining(date, calendar);
  if (!term) return true;
  return term.halfTerm !== undefined && term.halfTerm.start <= date && date <= term.halfTerm.end;
}
