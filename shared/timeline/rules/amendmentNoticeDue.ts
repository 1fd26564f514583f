import type { IsoDate } from '../types';

export const amendmentNoticeDueSource = 'Reg 22(2); R (L) v Devon CC [2022] EWHC 493 (Admin); "7 steps" step 6';

/**
 * A decision to amend goes with the current plan, the proposed amendments and the
 * evidence, so the amendment notice is due with the decision.
 * @example amendmentNoticeDue('2026-07-28') //=> '2026-07-28'
 * @see Reg 22(2); R (L) v Devon CC [2022] EWHC 493 (Admin)
 */
export function amendmentNoticeDue(decisionDueDate: IsoDate): IsoDate {
  return decisionDueDate;
}
