import {
  amendmentNotice,
  childLabel,
  computeTimeline,
  type CouncilSettings,
  DEFAULT_POST_DELIVERY_DAYS,
  type DecisionOutcome,
  DomainError,
  decisionLetter,
  type EvidenceItem,
  familyAddressee,
  type Letter,
  type LetterAddressee,
  type LetterBase,
  type LetterKind,
  longDate,
  MissingCouncilSettingError,
  mediationAdviserBy,
  plusDays,
  type PlanAmendment,
} from '../../shared';
import { type FamilyContact, familyContactForReview } from '../store/contacts/caseContacts';
import { readCouncilSettings } from '../store/councilSettings';
import type { Queryable } from '../store/db';
import { type LetterEvidenceRow, letterFacts } from '../store/letters/decisionLetters';
import type { Principal } from '../store/principal';
import { checkIfMatch } from '../store/reviews/writeSupport';
import { caseInputOf, loadReview, type ReviewRow } from '../store/reviews/loadReview';
import { proposedAmendmentsOf } from '../store/reviews/proposedAmendments';
import { CouncilSettingMissingError, LetterNotReadyError, NoDecisionYetError } from './errors';

/** Someone the letter goes to, as on the case's invitations (or the council's settings, for the commissioning body). */
export interface LetterRecipient {
  role: 'parent' | 'young-person' | 'school' | 'health-commissioner';
  name: string | null;
  email: string;
}

/** One document of a mailing: the letter as content and the name its file gets. */
export interface LetterDocument {
  kind: LetterKind;
  letter: Letter;
  fileName: string;
}

/** What every letter of one review is written from. */
export interface LetterContext {
  review: ReviewRow;
  outcome: DecisionOutcome;
  reasons: string;
  settings: CouncilSettings;
  /** The family, then the school: everyone on the case with an email address who gets the decision. */
  recipients: LetterRecipient[];
  addressee: LetterAddressee;
  schoolName: string | null;
  /** The council's Microsoft 365 tenant, for its shared mailbox and library. */
  tenantId: string | null;
  proposedAmendments: PlanAmendment[];
  /** The advice and the report, each with its file in the council's library when there is one. */
  evidence: (EvidenceItem & { file?: { driveId: string; itemId: string; name: string } | undefined })[];
  /** Initials and reference: what email subjects and logs may carry. */
  label: string;
  /** How the family agreed to be written to: `post` keeps their letters out of email; null when none is recorded. */
  familyContact: FamilyContact;
}

/** A review's decision letter with what sending it needs (the decision letter dated `today`). */
export interface LetterCase extends LetterContext {
  letter: Letter;
  /** The decision letter and, for amend, the amendment notice sent with it. */
  documents: LetterDocument[];
  fileName: string;
}

/** A decision being written, not yet recorded: what a preview of its letter is written from. */
export interface LetterDraft {
  outcome: DecisionOutcome;
  reasons: string;
  proposedAmendments: PlanAmendment[];
}

interface Invitation {
  role: string;
  name: string | null;
  email: string | null;
}

const ROLE_WORDS: Record<string, string> = {
  school: 'the school',
  health: 'health services',
  'social-care': 'social care',
  'educational-psychologist': 'the educational psychologist',
  parent: 'the parent or carer',
  'young-person': 'the young person',
};

/**
 * Reads what the letters of one review the principal's council holds are written from: the
 * decision and its reasons, the proposed amendments (one source: {@link proposedAmendmentsOf}),
 * the evidence (advice received and the school's report), the family and school from the
 * invitations, and the council's settings.
 *
 * @throws NoDecisionYetError (409) before a decision
 */
export async function loadLetterContext(tx: Queryable, principal: Principal, reviewId: string, today: string, forUpdate = false, ifMatch?: string, draft?: LetterDraft): Promise<LetterContext> {
  const review = await loadReview(tx, principal, reviewId, today, forUpdate);
  // A stale If-Match is refused before anything else is said about the review.
  checkIfMatch(review, ifMatch);
  if (!draft && (!review.decision_outcome || !review.decision_notified_on)) throw new NoDecisionYetError(review.status);
  const facts = await letterFacts(tx, review, draft?.reasons);
  if (!facts) throw new NoDecisionYetError(review.status);
  const invitations: Invitation[] = facts.invitations;
  const evidenceRows: LetterEvidenceRow[] = facts.evidence;
  const { settings } = await readCouncilSettings(tx, review.council_id);
  // Who the family's letters go to (CFA 2014 s80; Regs 63-64): the parent up to the end of compulsory school age, then the
  // young person (the parent as well only where they wish it), or the alternative person acting for one who lacks capacity.
  const who = familyAddressee({ dateOfBirth: review.date_of_birth, on: today, addressing: review.addressee });
  const familyRoles: ('young-person' | 'parent')[] =
    who.to === 'parent' ? (review.date_of_birth ? ['parent'] : ['young-person', 'parent']) : who.copyParent ? ['young-person', 'parent'] : ['young-person'];
  const invitedYoungPerson = invitations.find((i) => i.role === 'young-person');
  const alternative =
    who.to === 'alternative-person' && review.alternative_person_name
      ? { role: 'young-person' as const, name: review.alternative_person_name, email: review.alternative_person_email ?? invitedYoungPerson?.email ?? null }
      : null;
  const family = alternative ?? familyRoles.map((role) => invitations.find((i) => i.role === role)).find((i) => i !== undefined);
  const recipients: LetterRecipient[] = [];
  const seen = new Set<string>();
  const add = (role: LetterRecipient['role'], name: string | null, address: string | null) => {
    const email = address?.trim().toLowerCase();
    if (!email || seen.has(email)) return;
    seen.add(email);
    recipients.push({ role, name, email: address as string });
  };
  if (alternative) add('young-person', alternative.name, alternative.email);
  for (const role of [...(alternative ? familyRoles.filter((r) => r !== 'young-person') : familyRoles), 'school'] as const) {
    for (const i of invitations) if (i.role === role) add(role, i.name, i.email);
  }
  const addresseeKind = alternative ? 'alternative-person' : family?.role === 'young-person' || who.to === 'young-person' ? 'young-person' : 'parent';
  return {
    review,
    outcome: draft?.outcome ?? (review.decision_outcome as DecisionOutcome),
    reasons: facts.reasons,
    settings,
    recipients,
    addressee: { kind: addresseeKind, name: family?.name ?? null, email: family?.email ?? null },
    schoolName: facts.school_name,
    tenantId: facts.tenant_id,
    proposedAmendments: draft ? draft.proposedAmendments : await proposedAmendmentsOf(tx, review.id),
    evidence: evidenceRows.map(evidenceItem),
    label: childLabel(review.child_name, review.la_reference),
    familyContact: (await familyContactForReview(tx, review.id)).familyContact,
  };
}

function evidenceItem(e: LetterEvidenceRow): LetterContext['evidence'][number] {
  if (e.kind === 'report') return { title: 'The report of the annual review meeting', detail: `sent by the school on ${longDate(e.on)}` };
  const from = e.author ? `${e.author} (${ROLE_WORDS[e.role] ?? e.role})` : (ROLE_WORDS[e.role] ?? e.role);
  const file = e.driveId && e.itemId ? { driveId: e.driveId, itemId: e.itemId, name: e.file ?? `Advice from ${ROLE_WORDS[e.role] ?? e.role}` } : undefined;
  return { title: `Advice from ${from}`, detail: `received ${longDate(e.on)}${e.file ? `, ${e.file}` : ''}`, ...(file ? { file } : {}) };
}

/** The day a notice is served: the day emailed, or the day posted plus the delivery allowance (Interpretation Act 1978 s7). */
export function servedOn(ctx: Pick<LetterContext, 'settings'>, sentOn: string, channel: 'email' | 'draft' | 'post'): string {
  return channel === 'post' ? plusDays(sentOn, ctx.settings.postDeliveryDays ?? DEFAULT_POST_DELIVERY_DAYS) : sentOn;
}

/** The parts of a letter every kind shares, dated `letterDate`. */
export function letterBase(ctx: LetterContext, letterDate: string): LetterBase {
  return { letterDate, child: { name: ctx.review.child_name, laReference: ctx.review.la_reference }, addressee: ctx.addressee, schoolName: ctx.schoolName, settings: ctx.settings };
}

/** The file name of a document: the kind, the council reference and the date, never the child's name. */
export function fileNameOf(kind: LetterKind, laReference: string, letterDate: string): string {
  const words: Record<LetterKind, string> = {
    decision: 'Annual review decision',
    'amendment-notice': 'Notice of proposed amendments',
    'final-plan': 'Final amended plan letter',
    'not-amending': 'Decision not to amend',
    'cease-consultation': 'Proposal to cease consultation',
  };
  return `${words[kind]} ${laReference} ${letterDate}`;
}

/**
 * The decision letter dated the day it is sent, and for a decision to amend the amendment
 * notice that goes with it (R (L) v Devon CC [2022]). Every period is counted from that day
 * through the timeline: the decision is notified, and the notice served, on it (a posted
 * notice on the day it arrives).
 */
export function decisionDocuments(ctx: LetterContext, letterDate: string, channel: 'email' | 'draft' | 'post' = 'email'): LetterDocument[] {
  const served = servedOn(ctx, letterDate, channel);
  const input = caseInputOf(ctx.review);
  input.decision = { outcome: ctx.outcome, notifiedOn: letterDate };
  if (ctx.outcome === 'amend') input.amendmentNoticeServed = served;
  const timeline = computeTimeline(input);
  const base = letterBase(ctx, letterDate);
  const documents: LetterDocument[] = [];
  wrapped(() => {
    documents.push({
      kind: 'decision',
      fileName: fileNameOf('decision', ctx.review.la_reference, letterDate),
      letter: decisionLetter({
        ...base,
        outcome: ctx.outcome,
        reasons: ctx.reasons,
        meetingDate: ctx.review.meeting_date,
        meetingHeldBy: ctx.review.meeting_date && ctx.schoolName ? ctx.schoolName : null,
        proposedAmendments: ctx.proposedAmendments,
        dates: {
          appealDeadline: timeline.appealDeadline,
          mediationAdviserBy: mediationAdviserBy(letterDate),
          familyResponseBy: timeline.familyResponseBy,
          finalAmendedPlanDue: timeline.finalAmendedPlanDue,
          nextReviewDeadline: timeline.nextReviewDeadline,
        },
      }),
    });
    if (ctx.outcome === 'amend' && timeline.familyResponseBy && timeline.finalAmendedPlanDue) {
      documents.push({
        kind: 'amendment-notice',
        fileName: fileNameOf('amendment-notice', ctx.review.la_reference, letterDate),
        letter: amendmentNotice({ ...base, proposedAmendments: ctx.proposedAmendments, evidence: ctx.evidence, dates: { familyResponseBy: timeline.familyResponseBy, finalAmendedPlanDue: timeline.finalAmendedPlanDue } }),
      });
    }
  });
  return documents;
}

/** Runs a letter builder, turning its refusals into the service's 409s. */
export function wrapped<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof MissingCouncilSettingError) throw new CouncilSettingMissingError(error.settings, error.message);
    if (error instanceof DomainError) throw new LetterNotReadyError(error.message);
    throw error;
  }
}

/**
 * The decision letter of one review as it would be if sent today (what `GET
 * /api/reviews/{id}/letter` downloads), with the documents that go with it.
 *
 * @throws NoDecisionYetError (409) before a decision; CouncilSettingMissingError (409) naming each missing setting
 */
export async function loadLetterCase(tx: Queryable, principal: Principal, reviewId: string, today: string, forUpdate = false): Promise<LetterCase> {
  const ctx = await loadLetterContext(tx, principal, reviewId, today, forUpdate);
  const documents = decisionDocuments(ctx, today);
  const first = documents[0] as LetterDocument;
  return { ...ctx, letter: first.letter, documents, fileName: first.fileName };
}
