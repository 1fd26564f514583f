import { longDate } from '../calendar/longDate';
import type { IsoDate } from '../timeline/types';
import { type CouncilSettings, MissingCouncilSettingError, missingSettings, requiredLetterSettings } from './councilSettings';
import { appealSections, keyDate, letterFrame, planOf, sentence } from './letterParts';
import type { KeyDate, Letter, LetterBase, LetterParagraph, PlanAmendment } from './letterTypes';
import { letterSources as src } from './sources';

/** The appeal dates counted from the day the letter is sent, and the next review's deadline. */
export interface RightsDates {
  appealDeadline: IsoDate;
  mediationAdviserBy: IsoDate;
  nextReviewDeadline?: IsoDate | null | undefined;
}

export interface FinalPlanLetterInput extends LetterBase {
  /** The changes made, as finalised (after the family's representations). */
  amendments: PlanAmendment[];
  /** Whether the family made representations before it was finalised. */
  representationsReceived: boolean;
  dates: RightsDates;
}

/**
 * The covering letter of the final amended EHC plan (Reg 22(3)): the plan is enclosed,
 * dated and marked as amended, the changes made are listed, copies go to the school or
 * institution named and the responsible commissioning body, and the rights of appeal
 * (CFA 2014 s51(2)(c)) and mediation follow (Reg 22(5), Reg 32).
 *
 * @see Reg 22(3), 22(5); CFA 2014 s51; Reg 32-33
 */
export function finalPlanLetter(input: FinalPlanLetterInput): Letter {
  check(input.settings, 'final-plan');
  const s = input.settings as Required<CouncilSettings>;
  const paragraphs: LetterParagraph[] = [
    {
      id: 'final-plan-issued',
      text: `With this letter we send you the final amended version of ${planOf(input)}, dated ${longDate(input.letterDate)} and marked as amended.${input.representationsReceived ? ' We have taken account of what you told us about the proposed changes.' : ''}`,
      source: src.finalPlanIssued,
    },
    { id: 'changes-made', text: 'The changes we have made are:', source: src.finalPlanIssued },
    ...input.amendments.map((a, i) => ({ id: `change-${i + 1}`, text: `Section ${a.section}: ${sentence(a.change)}`, source: src.finalPlanIssued })),
    {
      id: 'final-plan-copies',
      text: `${input.schoolName ? `We are also sending the final plan to the head teacher or principal of ${input.schoolName}, the school or institution named in it. ` : ''}We are sending a copy to ${s.healthCommissionerName}, the health commissioning body responsible for the health provision in it.`,
      source: src.finalPlanCopies,
    },
    { id: 'do-nothing', text: 'If you agree with the final plan, you need do nothing.', source: src.doNothing },
  ];
  if (input.dates.nextReviewDeadline) paragraphs.push({ id: 'next-review', text: `The next annual review of the plan must be completed by ${longDate(input.dates.nextReviewDeadline)}.`, source: src.nextReview });
  return letterFrame(input, {
    kind: 'final-plan',
    title: 'Your final amended EHC plan',
    sections: [{ id: 'final-plan', heading: 'The final amended plan', paragraphs }, ...appealSections('final-plan', input.dates, input.settings)],
    keyDates: rightsKeyDates(input.dates),
  });
}

export interface NotAmendingLetterInput extends LetterBase {
  reasons: string;
  dates: RightsDates;
}

/**
 * The letter telling the family that, after their representations, the council will not
 * amend the plan after all (Reg 22(4)), with its reasons and the rights of appeal against
 * that decision (CFA 2014 s51(2)(e); Reg 22(5)) and mediation (Reg 32).
 *
 * @see Reg 22(4), 22(5); CFA 2014 s51; Reg 32-33
 */
export function notAmendingLetter(input: NotAmendingLetterInput): Letter {
  check(input.settings, 'not-amending');
  const paragraphs: LetterParagraph[] = [
    { id: 'not-amending', text: `We wrote to you with changes we proposed to ${planOf(input)}. We have now decided not to make those changes: the plan stays as it is.`, source: src.notAmend },
    { id: 'reasons', text: `Our reasons: ${sentence(input.reasons)}`, source: src.notAmend },
    { id: 'do-nothing', text: 'If you agree with this decision, you need do nothing.', source: src.doNothing },
  ];
  if (input.schoolName) paragraphs.push({ id: 'head-teacher', text: `We are also sending this letter to the head teacher or principal of ${input.schoolName}.`, source: src.headTeacher });
  if (input.dates.nextReviewDeadline) paragraphs.push({ id: 'next-review', text: `The next annual review of the plan must be completed by ${longDate(input.dates.nextReviewDeadline)}.`, source: src.nextReview });
  return letterFrame(input, {
    kind: 'not-amending',
    title: 'We will not change the EHC plan',
    sections: [{ id: 'decision', heading: 'Our decision', paragraphs }, ...appealSections('not-amending', input.dates, input.settings)],
    keyDates: rightsKeyDates(input.dates),
  });
}

function rightsKeyDates(dates: RightsDates): KeyDate[] {
  const rows = [
    keyDate('mediationAdviserBy', 'Last day to contact the mediation adviser', dates.mediationAdviserBy, src.mediationAdviser),
    keyDate('appealDeadline', 'Last day to appeal to the tribunal', dates.appealDeadline, src.appealDeadline),
  ];
  if (dates.nextReviewDeadline) rows.push(keyDate('nextReviewDeadline', 'Next annual review completed by', dates.nextReviewDeadline, src.nextReview));
  return rows;
}

function check(settings: CouncilSettings, kind: 'final-plan' | 'not-amending'): void {
  const missing = missingSettings(settings, requiredLetterSettings(kind));
  if (missing.length > 0) throw new MissingCouncilSettingError(missing);
}
