import { DomainError } from '../errors';
import { longDate } from '../calendar/longDate';
import type { DecisionOutcome, IsoDate } from '../timeline/types';
import { type CouncilSettings, MissingCouncilSettingError, missingSettings, requiredLetterSettings } from './councilSettings';
import { appealSections, keyDate, letterFrame, planOf, sentence } from './letterParts';
import type { KeyDate, Letter, LetterBase, LetterParagraph, LetterSection, PlanAmendment } from './letterTypes';
import { letterSources as src } from './sources';

export type { LetterAddressee } from './letterTypes';

/** The dates a decision letter prints, all from the timeline counted from the day it is sent. */
export interface DecisionLetterDates {
  appealDeadline: IsoDate | null;
  mediationAdviserBy?: IsoDate | null | undefined;
  familyResponseBy: IsoDate | null;
  finalAmendedPlanDue: IsoDate | null;
  nextReviewDeadline?: IsoDate | null | undefined;
}

/** Everything a decision letter is filled from: the review, its timeline and the council's settings. */
export interface DecisionLetterInput extends LetterBase {
  outcome: DecisionOutcome;
  reasons: string;
  meetingDate: IsoDate | null;
  /** Who held the review meeting: the school or institution (Reg 20(12)), or `null` for the council. */
  meetingHeldBy?: string | null | undefined;
  /** Amend: the changes proposed, listed in the letter and in the notice sent with it. */
  proposedAmendments?: PlanAmendment[] | undefined;
  dates: DecisionLetterDates;
}

const TITLES: Record<DecisionOutcome, string> = {
  maintain: 'Annual review decision: the plan stays the same',
  amend: 'Annual review decision: we propose to change the plan',
  cease: 'Annual review decision: we will stop the plan',
};

/**
 * The decision letter after an annual review, as headed sections of short paragraphs, each
 * with its source, and a table of the key dates on its first page. Every outcome says who
 * held the meeting, the decision and its reasons, that the family need do nothing if they
 * agree, and where to get free advice. Keeping or ceasing the plan states the rights of
 * appeal and mediation point by point ({@link appealSections}). Amending lists the changes
 * proposed and carries Reg 22(2)(a)-(d): the notice and evidence enclosed, the right to make
 * representations and to ask for a particular school or college, the 15 days with their
 * last day, a meeting, and where to find information about schools and colleges.
 *
 * Refuses, naming each, when a council setting the letter prints is missing
 * ({@link MissingCouncilSettingError}), or a date the outcome needs is not in the timeline.
 *
 * @example decisionLetter({ outcome: 'maintain', letterDate: '2027-02-02', dates: { appealDeadline: '2027-04-02', ... }, ... }).keyDates[2].text //=> 'Friday 2 April 2027'
 * @see Reg 20(10)-(11); Reg 22(2); Reg 31(3); Reg 32; CoP 9.176-9.177, 9.194; R (L) v Devon CC [2022] EWHC 493 (Admin)
 */
export function decisionLetter(input: DecisionLetterInput): Letter {
  const missing = missingSettings(input.settings, requiredLetterSettings(input.outcome));
  if (missing.length > 0) throw new MissingCouncilSettingError(missing);
  const dates = requiredDates(input);
  const amendments = input.proposedAmendments ?? [];
  if (input.outcome === 'amend' && amendments.length === 0) {
    throw new DomainError('amendments-missing', 'A decision to amend needs the proposed amendments, one per section of the plan: the letter lists them and the notice sent with it sets them out (Reg 22(2)(a)).', 'proposedAmendments');
  }
  const decision: LetterParagraph[] = [meetingParagraph(input), { id: 'outcome', text: outcomeText(input.outcome), source: src.decision }];
  if (input.outcome === 'amend') {
    decision.push({ id: 'proposed-changes', text: 'The changes we propose are:', source: src.proposedAmendment });
    decision.push(...amendments.map((a, i) => ({ id: `proposed-change-${i + 1}`, text: `Section ${a.section}: ${sentence(a.change)}`, source: src.proposedAmendment })));
  }
  decision.push({ id: 'reasons', text: `Our reasons: ${sentence(input.reasons)}`, source: src.reasons });
  decision.push({ id: 'do-nothing', text: doNothingText(input.outcome, dates.familyResponseBy), source: input.outcome === 'amend' ? src.familyResponse : src.doNothing });
  if (input.outcome === 'cease') {
    decision.push({
      id: 'cease-continues',
      text: 'The EHC plan stays in place until the time to appeal has ended. If you appeal, it stays in place until the appeal is decided.',
      source: src.ceaseContinues,
    });
  } else if (dates.nextReviewDeadline) {
    decision.push({ id: 'next-review', text: `The next annual review of the plan must be completed by ${longDate(dates.nextReviewDeadline)}.`, source: src.nextReview });
  }
  if (input.schoolName) decision.push({ id: 'head-teacher', text: `We are also sending this letter to the head teacher or principal of ${input.schoolName}.`, source: src.headTeacher });

  const sections: LetterSection[] = [{ id: 'decision', heading: 'Our decision', paragraphs: decision }];
  const rows: KeyDate[] = [];
  if (input.meetingDate) rows.push(keyDate('meetingDate', 'Annual review meeting', input.meetingDate, src.decision));
  if (input.outcome === 'amend') {
    sections.push(amendmentRights(input.settings, dates.familyResponseBy as string, dates.finalAmendedPlanDue as string));
    rows.push(keyDate('familyResponseBy', 'Last day to tell us what you think of the changes', dates.familyResponseBy as string, src.familyResponse));
    rows.push(keyDate('finalAmendedPlanDue', 'Final amended EHC plan sent to you by', dates.finalAmendedPlanDue as string, src.finalPlan));
  } else {
    const mediationBy = dates.mediationAdviserBy as string;
    sections.push(...appealSections(input.outcome, { appealDeadline: dates.appealDeadline as string, mediationAdviserBy: mediationBy }, input.settings));
    rows.push(keyDate('mediationAdviserBy', 'Last day to contact the mediation adviser', mediationBy, src.mediationAdviser));
    rows.push(keyDate('appealDeadline', 'Last day to appeal to the tribunal', dates.appealDeadline as string, src.appealDeadline));
  }
  if (input.outcome !== 'cease' && dates.nextReviewDeadline) rows.push(keyDate('nextReviewDeadline', 'Next annual review completed by', dates.nextReviewDeadline, src.nextReview));
  return letterFrame(input, { kind: 'decision', outcome: input.outcome, title: TITLES[input.outcome], sections, keyDates: rows });
}

/** Who held the meeting, stated rightly: the school under Reg 20(12), otherwise the council. */
export function meetingParagraph(input: LetterBase & { meetingDate: IsoDate | null; meetingHeldBy?: string | null | undefined }): LetterParagraph {
  const plan = planOf(input);
  if (!input.meetingDate) return { id: 'meeting', text: `We have reviewed ${plan}. We have now made our decision.`, source: src.decision };
  const held = input.meetingHeldBy ? `${input.meetingHeldBy} held the annual review meeting` : 'We held the annual review meeting';
  return { id: 'meeting', text: `${held} for ${plan} on ${longDate(input.meetingDate)}. We have read the report of the meeting and the advice given, and we have now made our decision.`, source: input.meetingHeldBy ? src.meetingHeldBy : src.decision };
}

function outcomeText(outcome: DecisionOutcome): string {
  if (outcome === 'maintain') return 'We have decided to keep the EHC plan as it is. We will not change it.';
  if (outcome === 'amend') return 'We have decided to change (amend) the EHC plan. With this letter we send a notice of the changes we propose; the changes are also listed below.';
  return 'We have decided to stop (cease) the EHC plan. This means the council will no longer keep the plan in place.';
}

function doNothingText(outcome: DecisionOutcome, respondBy: IsoDate | null): string {
  if (outcome === 'amend') return `If you agree with the changes, you need do nothing. We will finalise the plan after ${longDate(respondBy as string)}.`;
  if (outcome === 'maintain') return 'If you agree with this decision, you need do nothing. The plan stays in place as it is.';
  return 'If you agree with this decision, you need do nothing.';
}

/**
 * Reg 22(2)(a)-(d) for a decision to amend: what is enclosed, the right to make
 * representations and to ask for a school or college, the 15 days and a meeting, and where
 * to find information about schools and colleges (the council's Local Offer).
 */
export function amendmentRights(settings: CouncilSettings, respondBy: IsoDate, finalBy: IsoDate): LetterSection {
  const by = longDate(respondBy);
  return {
    id: 'amendments',
    heading: 'What you can do about the changes',
    paragraphs: [
      {
        id: 'plan-and-notice',
        text: 'With this letter we send you a copy of the current EHC plan, a notice setting out the changes we propose, and copies of the evidence for them.',
        source: src.amendmentNotice,
      },
      {
        id: 'representations',
        text: 'You have the right to tell us what you think of the plan and the changes (to make representations), in writing or at a meeting.',
        source: src.representations,
      },
      {
        id: 'school-request',
        text: 'You have the right to ask for a particular school, college or other institution to be named in the plan. We will consult it and name it unless it would be unsuitable, or would not be an efficient use of resources or compatible with other children’s education.',
        source: src.requestSchool,
      },
      {
        id: 'fifteen-days',
        text: `You have at least 15 days, counting the day this notice reached you, to do so: please tell us by ${by}.`,
        source: src.familyResponse,
      },
      { id: 'meeting-request', text: `You can ask to meet one of our officers to talk about the changes. Please ask by ${by}.`, source: src.meetingRequest },
      {
        id: 'schools-information',
        text: `Information about the schools and colleges available is in our Local Offer: ${(settings as Required<CouncilSettings>).localOfferUrl}.`,
        source: src.schoolsInformation,
      },
      {
        id: 'final-plan',
        text: `We will send you the final amended EHC plan by ${longDate(finalBy)}. If we decide not to change the plan after all, we will tell you by then, with our reasons.`,
        source: src.finalPlan,
      },
      {
        id: 'appeal-later',
        text: 'When we send the final plan, or tell you we will not change it, we will tell you how to appeal if you disagree, and about mediation.',
        source: src.rightsWithFinal,
      },
    ],
  };
}

function requiredDates(input: DecisionLetterInput): DecisionLetterDates {
  const needed: (keyof DecisionLetterDates)[] = input.outcome === 'amend' ? ['familyResponseBy', 'finalAmendedPlanDue'] : ['appealDeadline', 'mediationAdviserBy'];
  const absent = needed.filter((k) => !input.dates[k]);
  if (absent.length > 0) {
    throw new DomainError('letter-date-missing', `The letter needs the timeline's ${absent.join(' and ')}, which the review does not determine yet; record the decision (and, to amend, the notice date) first.`, absent[0]);
  }
  return input.dates;
}
