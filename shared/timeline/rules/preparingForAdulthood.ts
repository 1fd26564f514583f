import type { IsoDate } from '../types';

export const preparingForAdulthoodSource = 'Reg 20(6), 21(6); CoP 9.184-9.185';

/**
 * National Curriculum year on `date` for a child born on `dateOfBirth`, by the
 * English cohort rule: children born September to August start Reception in the
 * September after their fourth birthday's school year.
 *
 * @example ncYearOn('2012-10-05', '2026-01-10') //=> 8
 */
export function ncYearOn(dateOfBirth: IsoDate, date: IsoDate): number {
  const cohort = Number(dateOfBirth.slice(0, 4)) + (Number(dateOfBirth.slice(5, 7)) >= 9 ? 1 : 0);
  const academicYearStart = Number(date.slice(0, 4)) - (Number(date.slice(5, 7)) >= 9 ? 0 : 1);
  return academicYearStart - (cohort + 4);
}

/**
 * From Year 9 the review must cover preparing for adulthood (employment,
 * independent living, community participation). Uses the given NC year, or the
 * year worked out from the birth date on `reviewDate`.
 *
 * @example preparingForAdulthood({ ncYear: 9 }) //=> true
 * @see Reg 20(6), 21(6); CoP 9.184-9.185
 */
export function preparingForAdulthood(input: { ncYear?: number | undefined; dateOfBirth?: IsoDate | undefined }, reviewDate?: IsoDate): boolean {
  if (input.ncYear !== undefined) return input.ncYear >= 9;
  if (input.dateOfBirth && reviewDate) return ncYearOn(input.dateOfBirth, reviewDate) >= 9;
  return false;
}
