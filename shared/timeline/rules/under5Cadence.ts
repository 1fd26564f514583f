import { endOfPeriodStartingWith } from '../../calendar/periods';
import type { IsoDate } from '../types';

export const under5CadenceSource = 'CoP 9.178 (advisory, not statutory)';

/**
 * For a child under 5 at the start of the review cycle, the LA should consider a
 * review every 3 to 6 months: the last day of the 6-month period starting with the
 * cycle's start. `null` when the child is 5 or over then, or the birth date is unknown.
 *
 * @example under5ReviewBy('2026-01-15', '2022-06-01') //=> '2026-07-14'
 * @see CoP 9.178
 */
export function under5ReviewBy(cycleStart: IsoDate, dateOfBirth?: IsoDate): IsoDate | null {
  if (!dateOfBirth) return null;
  return ageOn(dateOfBirth, cycleStart) < 5 ? endOfPeriodStartingWith(cycleStart, 6) : null;
}

/** Age in whole years on `date` (a 29 February birthday counts from 1 March in common years). */
export function ageOn(dateOfBirth: IsoDate, date: IsoDate): number {
  const years = Number(date.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return date.slice(5) >= dateOfBirth.slice(5) ? years : years - 1;
}
