import { longDate } from '../calendar/longDate';
import type { IsoDate } from '../timeline/types';
import type { CouncilSettings } from './councilSettings';
import type { KeyDate, Letter, LetterBase, LetterKind, LetterParagraph, LetterSection } from './letterTypes';
import { letterSources as src } from './sources';

type Settings = Required<CouncilSettings>;

/** "Ada Example’s Education, Health and Care plan", or "your ..." to a young person. */
export function planOf(input: LetterBase): string {
  return input.addressee.kind === 'young-person' ? 'your Education, Health and Care plan (EHC plan)' : `${input.child.name}’s Education, Health and Care plan (EHC plan)`;
}

/** One row of the key dates table. */
export function keyDate(id: string, label: string, date: IsoDate, source: string): KeyDate {
  return { id, label, date, text: longDate(date), source };
}

/**
 * A letter's frame around its sections: the letterhead, the recipient, the references, the
 * salutation and the signature are the same for every kind.
 */
export function letterFrame(
  input: LetterBase,
  parts: { kind: LetterKind; outcome?: Letter['outcome']; title: string; sections: LetterSection[]; keyDates: KeyDate[] },
): Letter {
  const s = input.settings as Settings;
  const youngPerson = input.addressee.kind === 'young-person';
  const name = input.addressee.name ?? (youngPerson ? input.child.name : `The parent or carer of ${input.child.name}`);
  return {
    kind: parts.kind,
    outcome: parts.outcome ?? null,
    title: parts.title,
    council: { name: s.councilName, address: s.councilAddress },
    date: input.letterDate,
    dateText: longDate(input.letterDate),
    recipient: input.addressee.email ? [name, `By email: ${input.addressee.email}`] : [name],
    references: [
      { label: 'Our reference', value: input.child.laReference },
      { label: youngPerson ? 'Young person' : 'Child or young person', value: input.child.name },
      { label: 'Date', value: longDate(input.letterDate) },
    ],
    salutation: `Dear ${input.addressee.name ?? (youngPerson ? input.child.name : 'parent or carer')},`,
    sections: [...parts.sections, supportSection(input)],
    keyDatesHeading: 'Key dates',
    keyDates: [keyDate('letterDate', 'Date this letter was sent', input.letterDate, src.decision), ...parts.keyDates],
    closing: 'Yours sincerely,',
    signature: [s.signatoryName, s.signatoryJobTitle, `${s.sendTeamName}, ${s.councilName}`],
  };
}

/** Information, advice and support (SENDIASS) and who to ask at the council: in every letter. */
function supportSection(input: LetterBase): LetterSection {
  const s = input.settings as Settings;
  return {
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
  };
}

/** What is appealed: the decision after the review, the final plan, or the decision not to amend it. */
export type AppealOf = 'maintain' | 'cease' | 'final-plan' | 'not-amending';

const APPEAL_SOURCE: Record<AppealOf, string> = {
  maintain: src.appealRight,
  cease: src.appealRightCease,
  'final-plan': src.appealRightFinalPlan,
  'not-amending': src.appealRightNotAmending,
};

const APPEAL_WHAT: Record<AppealOf, string> = {
  maintain: 'this decision',
  cease: 'the decision to stop the EHC plan',
  'final-plan': 'the final amended plan, or the school or institution it names',
  'not-amending': 'our decision not to amend the EHC plan',
};

/**
 * The rights of appeal and mediation, point by point: the right to appeal and its last
 * day as the Tribunal counts it (CFA 2014 s51; HESC r20(1)(c), r12); the right to mediation
 * (ss.53-54); telling the council's named person if they want it, what about and any health
 * provision sought (Reg 32); contacting the mediation adviser within 2 months after the
 * notice was sent (Reg 33) and the certificate needed to appeal (s55), with the exemption
 * for an appeal only about the school or institution named, its type, or none named. The
 * disagreement resolution service is a second, separate service (s57).
 */
export function appealSections(of: AppealOf, dates: { appealDeadline: IsoDate; mediationAdviserBy: IsoDate }, settings: CouncilSettings): LetterSection[] {
  const s = settings as Settings;
  const appeal: LetterParagraph[] = [
    {
      id: 'appeal-right',
      text: `If you disagree with ${APPEAL_WHAT[of]}, you can appeal to the First-tier Tribunal (Special Educational Needs and Disability). The tribunal is independent of the council.`,
      source: APPEAL_SOURCE[of],
    },
    {
      id: 'appeal-deadline',
      text: `The last day to appeal is ${longDate(dates.appealDeadline)}. That is 2 months after the day this letter was sent. The tribunal moves a last day at a weekend or on a bank holiday to the next working day. A last day from 25 December to 1 January, or in August, moves to the first working day after 1 January or 31 August. If you get a mediation certificate, you have until 1 month after the date it was issued instead, if that is later.`,
      source: src.appealDeadline,
    },
  ];
  const mediation: LetterParagraph[] = [
    {
      id: 'mediation-right',
      text: 'You have the right to mediation with the council: a meeting with an independent mediator to try to settle the disagreement. Mediation is free and it is your choice.',
      source: src.mediationRight,
    },
    {
      id: 'mediation-adviser',
      text: `Before you appeal, you must contact a mediation adviser, even if you do not want mediation. Contact ${s.mediationServiceName}: ${s.mediationServiceContact}. Please contact them by ${longDate(dates.mediationAdviserBy)}, within 2 months after the day this letter was sent.`,
      source: src.mediationAdviser,
    },
    {
      id: 'mediation-certificate',
      text: 'The mediation adviser gives you a certificate, after mediation or after talking to you about it if you decide not to have it. You need the certificate to appeal.',
      source: src.mediationCertificate,
    },
  ];
  if (of !== 'cease') {
    mediation.push({
      id: 'mediation-exemption',
      text: 'Your appeal may be only about the school or other institution named in the plan, the type of school or institution named, or that none is named. Then you do not need to contact a mediation adviser or get a certificate.',
      source: src.mediationExemption,
    });
  }
  mediation.push({
    id: 'mediation-tell-council',
    text: `If you want mediation, tell ${s.mediationCouncilContactName} at the council (${s.mediationCouncilContact}): say what you want mediation about, and whether it is also about health care provision. If it is, we will invite the health commissioning body.`,
    source: src.mediationTellCouncil,
  });
  const disagreement: LetterSection = {
    id: 'disagreement-resolution',
    heading: 'Disagreement resolution',
    paragraphs: [
      {
        id: 'disagreement-resolution',
        text: `Separately from mediation, you can ask at any time for help from a free, independent disagreement resolution service: ${s.disagreementResolutionName} (${s.disagreementResolutionContact}). It helps settle disagreements with the council, your school or health services. Using it does not affect your right to appeal.`,
        source: src.disagreementResolution,
      },
    ],
  };
  return [
    { id: 'appeal', heading: 'If you disagree: your right to appeal', paragraphs: appeal },
    { id: 'mediation', heading: 'Mediation', paragraphs: mediation },
    disagreement,
  ];
}

/** The officer's text as a sentence: trimmed, one space between words, ending with a full stop. */
export function sentence(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/**
 * Every line of the letter in reading order, as plain text: what a reader of the .docx or
 * the PDF sees (the key dates as "label: date", before the sections so they are on page 1).
 *
 * @example letterLines(letter)[0] //=> 'Demo Borough Council'
 */
export function letterLines(letter: Letter): string[] {
  const section = (s: LetterSection) => [s.heading, ...s.paragraphs.map((p) => p.text)];
  return [
    letter.council.name,
    ...letter.council.address,
    ...letter.recipient,
    ...letter.references.map((r) => `${r.label}: ${r.value}`),
    letter.title,
    letter.salutation,
    letter.keyDatesHeading,
    ...letter.keyDates.map((d) => `${d.label}: ${d.text}`),
    ...letter.sections.flatMap(section),
    letter.closing,
    ...letter.signature,
  ];
}

/** The sentence saying the school or institution named is consulted too, when there is one. */
export function schoolConsulted(schoolName: string | null): LetterParagraph[] {
  return schoolName ? [{ id: 'school-consulted', text: `We are also asking ${schoolName} for its views.`, source: src.ceaseConsultation }] : [];
}
