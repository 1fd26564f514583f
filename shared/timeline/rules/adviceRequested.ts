import { plusDays } from '../../calendar/londonDay';
import type { IsoDate } from '../types';

export const adviceRequestedBySource = 'Reg 20(4); CoP 9.176; EHC Hub guidance timeline (request week 1, advice week 6, meeting week 8)';

/**
 * Good-practice day to request advice from everyone invited: 7 weeks before the
 * meeting (request in week 1, advice in by week 6, meeting in week 8).
 *
 * @example adviceRequestedBy('2026-06-30') //=> '2026-05-12'
 * @see Reg 20(4); CoP 9.176; EHC Hub guidance
 */
export function adviceRequestedBy(meeting: IsoDate): IsoDate {
  return plusDays(meeting, -49);
}
