import { DomainError } from '../errors';
import type { DecisionOutcome, IsoDate } from '../timeline/types';
import { type CouncilSettings, MissingCouncilSettingError, missingSettings, requiredLetterSettings } from './councilSettings';
import { longDate } from '../calendar/longDate';
import { letterSources as src } from './sources';

/** Who the letter is written to: the parent, or the young person (16 or over) themselves. */
export interface LetterAddressee {
  kind: 'parent' | 'young-person';
  /** As recorded on the case's invitation; `null` writes "parent or carer". */
  name: string | null;
  email: string | null;
}

/** Everything a decision letter is filled from: the review, its timeline and the council's settings. */
export interface DecisionLetterInput {
  outcome: DecisionOutcome;
  reasons: string;
  /** The day the family is told: the letter's date, from which the appeal time runs. */
  letterDate: IsoDate;
  meetingDate: IsoDate | null;
  child: { name: string; laReference: string };
  addressee: LetterAddressee;
  /** The school or setting, told of the decision too (Reg 20(10)). */
  schoolName: string | null;
  /** From the timeline: the appeal deadline (maintain, cease) or the amendment dates (amend). */
  dates: { appealDeadline: IsoDate | null; familyResponseBy: IsoDate | null; finalAmendedPlanDue: IsoDate | null };
  settings: CouncilSettings;
}

/** One paragraph and the provision it carries out. */
export interface LetterParagraph {
  id: string;
  text: string;
  source: string;
}

export interface LetterSection {
  id: 'decision' | 'amendments' | 'appeal' | 'support';
  heading: string;
  paragraphs: LetterParagraph[];
}

export interface KeyDate {
  id: 'letterDate' | 'meetingDate' | 'appealDeadline' | 'familyResponseBy' | 'finalAmendedPlanDue';
  label: string;
  date: IsoDate;
  /** The date written out, e.g. "Friday 2 April 2027". */
  text: string;
  source: string;
}

/** The letter as content: what the .docx and the PDF both lay out, in this order. */
export interface DecisionLetter {
  outcome: DecisionOutcome;
  title: string;
  council: { name: string; address: string[] };
  date: IsoDate;
  dateText: string;
  recipient: string[];
  references: { label: string; value: string }[];
  salutation: string;
  sections: LetterSection[];
  keyDatesHeading: string;
  keyDates: KeyDate[];
  closing: string;
  signature: string[];
}

const TITLES: Record<DecisionOutcome, string> = {
  maintain: 'Annual review decision: the plan stays the same',
  amend: 'Annual review decision: we propose to change the plan',
  cease: 'Annual review decision: we will stop the plan',
};

/**
 * The decision letter after an annual review, as headed sections of short paragraphs, each
 * with its source, and a table of the key dates. Every outcome names the decision and its
 * reasons and where to get free advice. Keeping or ceasing the plan states the right of
 * appeal, its last day, that a mediation adviser must be contacted first, and the
 * disagreement resolution service. Amending states the family's last day to respond,
 * their right to a meeting and to ask for a particular school, and the final plan's date.
 *
 * Refuses, naming each, when a council setting the letter prints is missing
 * ({@link MissingCouncilSettingError}), or a date the outcome needs is not in the timeline.
 *
 * @example decisionLetter({ outcome: 'maintain', letterDate: '2027-02-02', dates: { appealDeadline: '2027-04-02', ... }, ... }).keyDates[2].text //=> 'Friday 2 April 2027'
 * @see Reg 20(10)-(11); Reg 22; Reg 31(3); CoP 9.176-9.177, 9.194; R (L) v Devon CC [2022] EWHC 493 (Admin)
 */
export function decisionLetter(input: DecisionLetterInput): DecisionLetter {
  const missing = missingSettings(input.settings, requiredLetterSettings(input.outcome));
  if (missing.length > 0) throw new MissingCouncilSettingError(missing);
  const s = input.settings as Required<CouncilSettings>;
  const dates = requiredDates(input);
  const youngPerson = input.addressee.kind === 'young-person';
  const plan = youngPerson ? 'your Education, Health and Care plan (EHC plan)' : `${input.child.name}’s Education, Health and Care plan (EHC plan)`;

  const decision: LetterParagraph[] = [
    input.meetingDate
      ? { id: 'meeting', text: `We held the annual review meeting for ${plan} on ${longDate(input.meetingDate)}. We have now made our decision.`, source: src.decision }
      : { id: 'meeting', text: `We have reviewed ${plan}. We have now made our decision.`, source: src.decision },
    { id: 'outcome', text: outcomeText(input.outcome), source: src.decision },
    { id: 'reasons', text: `Our reasons: ${sentence(input.reasons)}`, source: src.reasons },
  ];
  if (input.outcome === 'cease') {
    decision.push({
      id: 'cease-continues',
      text: 'The EHC plan stays in place until the time to appeal has ended. If you appeal, it stays in place until the appeal is decided.',
      source: src.ceaseContinues,
    });
  }
  if (input.schoolName) decision.push({ id: 'head-teacher', text: `We are also sending this letter to the head teacher of ${input.schoolName}.`, source: src.headTeacher });

  const sections: LetterSection[] = [{ id: 'decision', heading: 'Our decision', paragraphs: decision }];
  if (input.outcome === 'amend') sections.push(amendmentSection(dates.familyResponseBy as string, dates.finalAmendedPlanDue as string));
  else sections.push(appealSection(input.outcome, dates.appealDeadline as string, s));
  sections.push({
    id: 'support',
    heading: 'Free help and advice',
    paragraphs: [
      {
        id: 'information-advice-support',
        text: `${s.sendiassName} gives free information, advice and support about special educational needs and disability (SEND). It is impartial and confidential, and separate from the council. Contact: ${s.sendiassContact}.`,
        source: src.informationAdviceSupport,
      },
      {
        id: 'contact',
        text: `If you have questions about this letter, contact the ${s.sendTeamName} on ${s.sendTeamPhone} or at ${s.sendTeamEmail}. Please give our reference, ${input.child.laReference}.`,
        source: src.contact,
      },
    ],
  });

  return {
    outcome: input.outcome,
    title: TITLES[input.outcome],
    council: { name: s.councilName, address: s.councilAddress },
    date: input.letterDate,
    dateText: longDate(input.letterDate),
    recipient: recipientLines(input),
    references: [
      { label: 'Our reference', value: input.child.laReference },
      { label: youngPerson ? 'Young person' : 'Child or young person', value: input.child.name },
      { label: 'Date', value: longDate(input.letterDate) },
    ],
    salutation: `Dear ${input.addressee.name ?? (youngPerson ? input.child.name : 'parent or carer')},`,
    sections,
    keyDatesHeading: 'Key dates',
    keyDates: keyDates(input, dates),
    closing: 'Yours sincerely,',
    signature: [s.signatoryName, s.signatoryJobTitle, `${s.sendTeamName}, ${s.councilName}`],
  };
}

/**
 * Every line of the letter in reading order, as plain text: what a reader of the .docx or
 * the PDF sees (the key dates as "label: date").
 *
 * @example letterLines(letter)[0] //=> 'Demo Borough Council'
 */
export function letterLines(letter: DecisionLetter): string[] {
  return [
    letter.council.name,
    ...letter.council.address,
    ...letter.recipient,
    ...letter.references.map((r) => `${r.label}: ${r.value}`),
    letter.title,
    letter.salutation,
    ...letter.sections.flatMap((section) => [section.heading, ...section.paragraphs.map((p) => p.text)]),
    letter.keyDatesHeading,
    ...letter.keyDates.map((d) => `${d.label}: ${d.text}`),
    letter.closing,
    ...letter.signature,
  ];
}

function outcomeText(outcome: DecisionOutcome): string {
  if (outcome === 'maintain') return 'We have decided to keep the EHC plan as it is. We will not change it.';
  if (outcome === 'amend') return 'We have decided to change (amend) the EHC plan. We explain the changes we propose, and what you can do, below.';
  return 'We have decided to stop (cease) the EHC plan. This means the council will no longer keep the plan in place.';
}

function amendmentSection(respondBy: IsoDate, finalBy: IsoDate): LetterSection {
  const by = longDate(respondBy);
  return {
    id: 'amendments',
    heading: 'The changes we propose and what you can do',
    paragraphs: [
      {
        id: 'amendment-notice',
        text: 'With this letter we are sending you a copy of the current EHC plan, a notice of the changes we propose, and the evidence for them.',
        source: src.amendmentNotice,
      },
      {
        id: 'family-response',
        text: `Please tell us what you think of the changes by ${by}. That gives you at least 15 days, counting the day this letter was sent.`,
        source: src.familyResponse,
      },
      { id: 'meeting-request', text: `You can ask to meet us to talk about the changes. Please ask by ${by}.`, source: src.familyResponse },
      {
        id: 'school-request',
        text: `You can ask for a particular school, college or other setting to be named in the plan. Please tell us by ${by}.`,
        source: src.requestSchool,
      },
      {
        id: 'final-plan',
        text: `We will send you the final amended EHC plan by ${longDate(finalBy)}. If we decide not to change the plan after all, we will tell you by then, with our reasons.`,
        source: src.finalPlan,
      },
      {
        id: 'appeal-later',
        text: 'When we send the final plan, we will tell you how to appeal if you disagree with it, and about mediation.',
        source: src.finalPlan,
      },
    ],
  };
}

function appealSection(outcome: 'maintain' | 'cease', deadline: IsoDate, s: Required<CouncilSettings>): LetterSection {
  const paragraphs: LetterParagraph[] = [
    {
      id: 'appeal-right',
      text: 'If you disagree with this decision, you can appeal to the First-tier Tribunal (Special Educational Needs and Disability). The tribunal is independent of the council.',
      source: outcome === 'cease' ? src.appealRightCease : src.appealRight,
    },
    {
      id: 'appeal-deadline',
      text: `The last day to appeal is ${longDate(deadline)}. That is 2 months from the date of this letter. If you get a mediation certificate, you have 1 month from the date on the certificate instead, if that is later.`,
      source: src.appealDeadline,
    },
    {
      id: 'mediation',
      text: `Before you appeal, you must contact a mediation adviser, even if you do not want mediation. Contact ${s.mediationServiceName}: ${s.mediationServiceContact}. The adviser will give you a certificate. You need it to appeal.`,
      source: src.mediation,
    },
  ];
  if (outcome === 'maintain') {
    paragraphs.push({
      id: 'mediation-school-only',
      text: 'You do not need a certificate if your appeal is only about the school or other setting named in the plan.',
      source: src.mediation,
    });
  }
  paragraphs.push({
    id: 'disagreement-resolution',
    text: `You can also ask for help from a free, independent disagreement resolution service at any time. It helps settle disagreements with the council or your school. Contact ${s.disagreementResolutionName}: ${s.disagreementResolutionContact}.`,
    source: src.disagreementResolution,
  });
  return { id: 'appeal', heading: 'If you disagree: your right to appeal', paragraphs };
}

function requiredDates(input: DecisionLetterInput): DecisionLetterInput['dates'] {
  const needed: (keyof DecisionLetterInput['dates'])[] = input.outcome === 'amend' ? ['familyResponseBy', 'finalAmendedPlanDue'] : ['appealDeadline'];
  const absent = needed.filter((k) => !input.dates[k]);
  if (absent.length > 0) {
    throw new DomainError('letter-date-missing', `The letter needs the timeline's ${absent.join(' and ')}, which the review does not determine yet; record the decision (and, to amend, the notice date) first.`, absent[0]);
  }
  return input.dates;
}

function keyDates(input: DecisionLetterInput, dates: DecisionLetterInput['dates']): KeyDate[] {
  const row = (id: KeyDate['id'], label: string, date: IsoDate, source: string): KeyDate => ({ id, label, date, text: longDate(date), source });
  const rows = [row('letterDate', 'Date of this letter', input.letterDate, src.decision)];
  if (input.meetingDate) rows.push(row('meetingDate', 'Annual review meeting', input.meetingDate, src.decision));
  if (input.outcome === 'amend') {
    rows.push(row('familyResponseBy', 'Last day to tell us what you think of the changes', dates.familyResponseBy as string, src.familyResponse));
    rows.push(row('finalAmendedPlanDue', 'Final amended EHC plan sent to you by', dates.finalAmendedPlanDue as string, src.finalPlan));
  } else {
    rows.push(row('appealDeadline', 'Last day to appeal to the tribunal', dates.appealDeadline as string, src.appealDeadline));
  }
  return rows;
}

function recipientLines(input: DecisionLetterInput): string[] {
  const name = input.addressee.name ?? (input.addressee.kind === 'young-person' ? input.child.name : `The parent or carer of ${input.child.name}`);
  return input.addressee.email ? [name, `By email: ${input.addressee.email}`] : [name];
}

/** The officer's reasons as a sentence: trimmed, ending with a full stop. */
function sentence(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return /[.!?]$/.test(t) ? t : `${t}.`;
}
