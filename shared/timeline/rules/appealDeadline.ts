import { later, plusMonths } from '../../calendar/londonDay';
import type { IsoDate } from '../types';

export const appealDeadlineSource = 'CFA 2014 s51; HESC Rules 2008 r20(1)(c)';

/**
 * Last day to appeal to the First-tier Tribunal: 2 months from the decision letter,
 * or 1 month from a mediation certificate, whichever is later.
 * @example appealDeadline('2026-07-28') //=> '2026-09-28'
 * @example appealDeadline('2026-07-28', '2026-09-10') //=> '2026-10-10'
 * @see CFA 2014 s51; HESC Rules 2008 r20(1)(c)
 */
export function appealDeadline(decisionLetter: IsoDate, mediationCertificate?: IsoDate): IsoDate {
  const twoMonths = plusMonths(decisionLetter, 2);
  return mediationCertificate ? later(twoMonths, plusMonths(mediationCertificate, 1)) : twoMonths;
}
