import { later } from '../../calendar/londonDay';
import { tribunalLastDay, withinMonthsAfter } from '../../calendar/tribunalDays';
import type { IsoDate } from '../types';

export const appealDeadlineSource = 'CFA 2014 s51; HESC Rules 2008 r20(1)(c); HESC Rules 2008 r12';

/**
 * Last day to appeal to the First-tier Tribunal, as the Tribunal counts it: 2 months after
 * the day the written notice of the decision was sent (the corresponding date), or 1 month
 * from the date the mediation certificate was issued, whichever is later; then moved by
 * r12 (a non-working day to the next working day; 25 December to 1 January, or August, to
 * the first working day after 1 January or 31 August).
 * @example appealDeadline('2027-03-05') //=> '2027-05-05'
 * @example appealDeadline('2026-07-28', '2026-09-10') //=> '2026-10-12' (10 October 2026 is a Saturday)
 * @example appealDeadline('2027-06-10') //=> '2027-09-01' (10 August moves past August)
 * @see CFA 2014 s51; HESC Rules 2008 r20(1)(c), r12
 */
export function appealDeadline(noticeSent: IsoDate, mediationCertificate?: IsoDate): IsoDate {
  const twoMonths = withinMonthsAfter(noticeSent, 2);
  const limit = mediationCertificate ? later(twoMonths, withinMonthsAfter(mediationCertificate, 1)) : twoMonths;
  return tribunalLastDay(limit);
}

export const mediationAdviserBySource = 'Reg 33; CFA 2014 s55';

/**
 * Last day to contact the mediation adviser (and tell the council about mediation): within
 * 2 months after the notice was sent. Not a Tribunal time limit, so r12 does not move it.
 * @example mediationAdviserBy('2027-03-05') //=> '2027-05-05'
 * @see Reg 33; CFA 2014 s55
 */
export function mediationAdviserBy(noticeSent: IsoDate): IsoDate {
  return withinMonthsAfter(noticeSent, 2);
}
