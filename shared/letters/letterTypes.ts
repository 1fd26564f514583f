import type { IsoDate } from '../timeline/types';
import type { CouncilSettings } from './councilSettings';

/**
 * Every letter the service writes. The decision letter after the meeting (Reg 20(10)),
 * the amendment notice sent with a decision to amend (Reg 22(2)), the final amended plan's
 * covering letter (Reg 22(3)), the "not amending after all" letter (Reg 22(4)), and the
 * two cease letters: the consultation on a proposal to cease (Reg 31(1)(a)) and the
 * decision to cease, which is the decision letter for outcome `cease` (Reg 31(3)).
 */
import type { LetterKind } from './councilSettings';

export type { LetterKind };

/** Who the letter is written to: the parent, or the young person (over compulsory school age) themselves, or the alternative person acting for one who lacks capacity (CFA 2014 s80; Regs 63-64). */
export interface LetterAddressee {
  kind: 'parent' | 'young-person' | 'alternative-person';
  /** As recorded on the case's invitation; `null` writes "parent or carer". */
  name: string | null;
  email: string | null;
}

/** What every letter is filled from, whatever its kind. */
export interface LetterBase {
  /** The day the letter is sent (by email), or posted: every period in it runs from this day. */
  letterDate: IsoDate;
  child: { name: string; laReference: string };
  addressee: LetterAddressee;
  /** The school or other institution named in the plan, told of the decision too (Reg 20(10)). */
  schoolName: string | null;
  settings: CouncilSettings;
}

/** One paragraph and the provision it carries out. */
export interface LetterParagraph {
  id: string;
  text: string;
  source: string;
}

export interface LetterSection {
  id: string;
  heading: string;
  paragraphs: LetterParagraph[];
}

export interface KeyDate {
  id: string;
  label: string;
  date: IsoDate;
  /** The date written out, e.g. "Friday 2 April 2027". */
  text: string;
  source: string;
}

/**
 * A letter as content: what the .docx and the PDF both lay out, in this order: letterhead,
 * recipient, references, title, salutation, the key dates (so they are on the first page),
 * the sections, closing and signature.
 */
export interface Letter {
  kind: LetterKind;
  /** For a decision letter, its outcome; null for the others. */
  outcome: 'maintain' | 'amend' | 'cease' | null;
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

/** The decision letter is one kind of letter; the name stays for its callers. */
export type DecisionLetter = Letter;

/** One proposed change to a section of the plan, as the notice lists it. */
export interface PlanAmendment {
  /** The plan's section, e.g. "F (special educational provision)". */
  section: string;
  change: string;
}

/** A piece of evidence the notice encloses or links to (Reg 22(2)(a)). */
export interface EvidenceItem {
  title: string;
  /** Who gave it and when, e.g. "Educational psychologist, received 3 January 2027". */
  detail: string;
  /** Where the family can open it, when it is held online. */
  link?: string | null | undefined;
  /** True when a copy goes with the notice (attached to its email); otherwise the family is told to ask for one. */
  enclosed?: boolean | undefined;
}
