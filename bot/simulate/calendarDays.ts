import { isBankHolidayInEngland } from '../../shared/calendar/bankHolidays';
import { dayNumber } from '../../shared/calendar/londonDay';
import { isSchoolHoliday, type TermCalendar } from '../../shared/calendar/termDates';

/**
 * The simulation counts in day numbers (days since 1970-01-01, as `dayNumber` gives) and
 * looks each day's facts up in tables built once from shared/calendar, because it asks
 * "is this a school day?" millions of times.
 */
export class CalendarDays {
  readonly first: number;
  readonly last: number;
  private readonly iso: string[] = [];
  private readonly schoolDay: Uint8Array;
  private readonly workingDay: Uint8Array;

  constructor(fromIso: string, toIso: string, terms: TermCalendar) {
    this.first = dayNumber(fromIso);
    this.last = dayNumber(toIso);
    const n = this.last - this.first + 1;
    this.schoolDay = new Uint8Array(n);
    this.workingDay = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const day = addIso(fromIso, i);
      this.iso.push(day);
      const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
      const working = weekday !== 0 && weekday !== 6 && !isBankHolidayInEngland(day);
      this.workingDay[i] = working ? 1 : 0;
      this.schoolDay[i] = working && !isSchoolHoliday(day, terms) ? 1 : 0;
    }
  }

  isoOf(day: number): string {
    const s = this.iso[day - this.first];
    if (s === undefined) throw new RangeError(`day ${day} is outside the simulated calendar (${this.iso[0]} to ${this.iso.at(-1)})`);
    return s;
  }

  dayOf(iso: string): number {
    return dayNumber(iso);
  }

  inRange(day: number): boolean {
    return day >= this.first && day <= this.last;
  }

  /** Monday to Friday and not a bank holiday: council officers work. */
  isWorkingDay(day: number): boolean {
    return this.workingDay[day - this.first] === 1;
  }

  /** A working day in term: schools hold meetings and book them. */
  isSchoolDay(day: number): boolean {
    return this.schoolDay[day - this.first] === 1;
  }

  /** `day`, or the next school day after it (days past the table's end are returned as they are). */
  nextSchoolDay(day: number): number {
    let d = day;
    while (d <= this.last && !this.isSchoolDay(d)) d++;
    return d;
  }

  /** `day`, or the last school day before it, but not before `floor` (then the next school day from it). */
  previousSchoolDay(day: number, floor: number): number {
    let d = day;
    while (d >= floor && d >= this.first && !this.isSchoolDay(d)) d--;
    return d < floor || d < this.first ? this.nextSchoolDay(floor) : d;
  }

  /** The first school day of each term that starts within the table. */
  termStarts(terms: TermCalendar): number[] {
    return terms.terms.map((t) => dayNumber(t.start)).filter((d) => this.inRange(d)).map((d) => this.nextSchoolDay(d));
  }
}

// Plain UTC arithmetic is right here: these are calendar days, never instants.
function addIso(iso: string, days: number): string {
  const t = Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
