import { plusMonths } from '../../calendar/londonDay';
import type { IsoDate, TransferKind } from '../types';

export const transferDeadlineSource = 'SEND Regulations 2014 reg 18(1)-(2)';

/**
 * Date by which the review, and any amendment, must be finalised before a phase
 * transfer: before 15 February of the calendar year of transfer between school
 * phases (so 14 February); before 31 March for secondary to post-16 (so 30 March);
 * at least 5 months before a move between post-16 institutions.
 *
 * @example transferDeadline('school', '2027-09-01') //=> '2027-02-14'
 * @example transferDeadline('post16', '2027-09-01') //=> '2027-03-30'
 * @example transferDeadline('post16-move', '2027-01-15') //=> '2026-08-15'
 * @see Reg 18(1)-(2)
 */
export function transferDeadline(kind: TransferKind, transferDate: IsoDate): IsoDate {
  const year = transferDate.slice(0, 4);
  if (kind === 'school') return `${year}-02-14`;
  if (kind === 'post16') return `${year}-03-30`;
  return plusMonths(transferDate, -5);
}
