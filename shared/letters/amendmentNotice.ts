import { longDate } from '../calendar/longDate';
import { DomainError } from '../errors';
import type { IsoDate } from '../timeline/types';
import { MissingCouncilSettingError, missingSettings, requiredLetterSettings } from './councilSettings';
import { amendmentRights } from './decisionLetter';
import { keyDate, letterFrame, planOf, sentence } from './letterParts';
import type { EvidenceItem, Letter, LetterBase, LetterParagraph, PlanAmendment } from './letterTypes';
import { letterSources as src } from './sources';

export interface AmendmentNoticeInput extends LetterBase {
  proposedAmendments: PlanAmendment[];
  /** The advice, the report and anything else the amendments rest on. */
  evidence: EvidenceItem[];
  dates: { familyResponseBy: IsoDate; finalAmendedPlanDue: IsoDate };
}

/**
 * The notice of proposed amendments that goes with a decision to amend (Reg 22(2)(a); R (L)
 * v Devon CC [2022]): each change by section of the plan, the evidence for them (named,
 * with a link where it is held online), and the family's rights under Reg 22(2)(b)-(d)
 * with the last day of their 15 days.
 *
 * @example amendmentNotice({ proposedAmendments: [{ section: 'F', change: 'Add weekly speech and language therapy' }], ... }).sections[0].paragraphs[1].text //=> 'Section F: Add weekly speech and language therapy.'
 * @see Reg 22(2); R (L) v Devon CC [2022] EWHC 493 (Admin)
 */
export function amendmentNotice(input: AmendmentNoticeInput): Letter {
  const missing = missingSettings(input.settings, requiredLetterSettings('amendment-notice'));
  if (missing.length > 0) throw new MissingCouncilSettingError(missing);
  if (input.proposedAmendments.length === 0) {
    throw new DomainError('amendments-missing', 'The amendment notice needs at least one proposed amendment (Reg 22(2)(a)).', 'proposedAmendments');
  }
  const changes: LetterParagraph[] = [
    { id: 'notice', text: `This notice sets out the changes we propose to make to ${planOf(input)}, section by section.`, source: src.amendmentNotice },
    ...input.proposedAmendments.map((a, i) => ({ id: `proposed-change-${i + 1}`, text: `Section ${a.section}: ${sentence(a.change)}`, source: src.proposedAmendment })),
  ];
  const evidence: LetterParagraph[] =
    input.evidence.length === 0
      ? [{ id: 'evidence-none', text: 'The changes rest on the discussion at the annual review meeting; no other written evidence was given.', source: src.evidence }]
      : input.evidence.map((e, i) => ({ id: `evidence-${i + 1}`, text: `${e.title}: ${e.detail}. ${e.enclosed ? 'A copy is enclosed.' : e.link ? `Open it at ${e.link}.` : 'Ask us and we will send you a copy straight away.'}`, source: src.evidence }));
  return letterFrame(input, {
    kind: 'amendment-notice',
    title: 'Notice of proposed amendments to the EHC plan',
    sections: [
      { id: 'proposed', heading: 'The changes we propose', paragraphs: changes },
      { id: 'evidence', heading: 'The evidence for the changes', paragraphs: [{ id: 'evidence-intro', text: 'The changes rest on this evidence:', source: src.evidence }, ...evidence] },
      amendmentRights(input.settings, input.dates.familyResponseBy, input.dates.finalAmendedPlanDue),
    ],
    keyDates: [
      keyDate('familyResponseBy', 'Last day to tell us what you think of the changes', input.dates.familyResponseBy, src.familyResponse),
      keyDate('finalAmendedPlanDue', 'Final amended EHC plan sent to you by', input.dates.finalAmendedPlanDue, src.finalPlan),
    ],
  });
}

/** "Received 3 January 2027" for the evidence list. */
export function receivedOn(date: IsoDate): string {
  return `received ${longDate(date)}`;
}
