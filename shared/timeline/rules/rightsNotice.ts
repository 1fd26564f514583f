import type { DecisionOutcome } from '../types';

export const rightsNoticeSource = 'Reg 20(10)-(11), Reg 32; CFA 2014 s55; CoP 9.177';

/** What a decision letter must tell the family, as stable ids with plain wording. */
export interface RightsNoticeItem {
  id: 'appeal-right' | 'mediation' | 'information-advice-support' | 'disagreement-resolution';
  text: string;
}

/**
 * The statements a decision letter must carry. A decision to keep the plan
 * unchanged or to cease it must state the right of appeal and its time limits, the
 * requirement to consider mediation before appealing, and the availability of
 * information, advice and support (SENDIASS) and disagreement resolution. A decision
 * to amend carries them with the final amended plan instead (Reg 22(3)).
 *
 * @example rightsNoticeItems('maintain').map((i) => i.id) //=> ['appeal-right', 'mediation', 'information-advice-support', 'disagreement-resolution']
 * @see Reg 20(10)-(11), Reg 32; CoP 9.177
 */
export function rightsNoticeItems(outcome: DecisionOutcome): RightsNoticeItem[] {
  if (outcome === 'amend') return [];
  return [
    {
      id: 'appeal-right',
      text: 'You have the right to appeal this decision to the First-tier Tribunal (Special Educational Needs and Disability). You must appeal within 2 months after the date this letter was sent, or within 1 month of the date of a mediation certificate, whichever is later; a last day that is not a working day, or that falls from 25 December to 1 January or in August, moves as the Tribunal’s rules move it.',
    },
    {
      id: 'mediation',
      text: 'You have the right to mediation. Before you can appeal you must contact a mediation adviser within 2 months after this letter was sent and get a certificate, unless your appeal is only about the school or other institution named in the plan, its type, or that none is named. If you want mediation, tell the council what about, and whether it is about health provision.',
    },
    {
      id: 'information-advice-support',
      text: 'Free, impartial information, advice and support is available from your local SEND Information, Advice and Support Service (SENDIASS).',
    },
    {
      id: 'disagreement-resolution',
      text: 'An independent disagreement resolution service is available to help resolve disagreements with the council or your school.',
    },
  ];
}
