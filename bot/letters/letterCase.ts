import {
  type CouncilSettings,
  childLabel,
  computeTimeline,
  type DecisionLetter,
  type DecisionOutcome,
  DomainError,
  decisionLetter,
  type LetterAddressee,
  MissingCouncilSettingError,
} from '../../shared';
import { readCouncilSettings } from '../store/councilSettings';
import type { Queryable } from '../store/db';
import { type LetterInvitation, letterFacts } from '../store/letters/decisionLetters';
import type { Principal } from '../store/principal';
import { caseInputOf, loadReview, type ReviewRow } from '../store/reviews/loadReview';
import { CouncilSettingMissingError, LetterNotReadyError, NoDecisionYetError } from './errors';

/** Someone the letter goes to, as on the case's invitations. */
export interface LetterRecipient {
  role: 'parent' | 'young-person' | 'school';
  name: string | null;
  email: string;
}

/** A review's decision letter with what sending it needs. */
export interface LetterCase {
  review: ReviewRow;
  outcome: DecisionOutcome;
  letter: DecisionLetter;
  settings: CouncilSettings;
  /** Everyone on the case with an email address who gets the letter: the family, then the school. */
  recipients: LetterRecipient[];
  /** The council's Microsoft 365 tenant, for sending from its shared mailbox. */
  tenantId: string | null;
  /** Initials and reference: what email subjects and logs may carry. */
  label: string;
  fileName: string;
}

type Invitation = LetterInvitation;

/**
 * Assembles the decision letter of one review the principal's council holds: the decision
 * and its reasons, the dates from the timeline, the family and school from the
 * invitations, and the council's settings. A decision to amend is served with its notice
 * (R (L) v Devon CC [2022]), so when no notice date is recorded the letter's own date is it.
 *
 * @throws NoDecisionYetError (409) before a decision; CouncilSettingMissingError (409) naming each missing setting
 */
export async function loadLetterCase(tx: Queryable, principal: Principal, reviewId: string, today: string, forUpdate = false): Promise<LetterCase> {
  const review = await loadReview(tx, principal, reviewId, today, forUpdate);
  if (!review.decision_outcome || !review.decision_notified_on) throw new NoDecisionYetError(review.status);
  const facts = await letterFacts(tx, review);
  if (!facts) throw new NoDecisionYetError(review.status);
  const invitations: Invitation[] = facts.invitations;
  const { settings } = await readCouncilSettings(tx, review.council_id);
  const outcome = review.decision_outcome;
  const input = caseInputOf(review);
  if (outcome === 'amend') input.amendmentNoticeServed ??= review.decision_notified_on;
  const timeline = computeTimeline(input);

  const family = invitations.find((i) => i.role === 'young-person') ?? invitations.find((i) => i.role === 'parent');
  const addressee: LetterAddressee = { kind: family?.role === 'young-person' ? 'young-person' : 'parent', name: family?.name ?? null, email: family?.email ?? null };
  let letter: DecisionLetter;
  try {
    letter = decisionLetter({
      outcome,
      reasons: facts.reasons,
      letterDate: review.decision_notified_on,
      meetingDate: review.meeting_date,
      child: { name: review.child_name, laReference: review.la_reference },
      addressee,
      schoolName: facts.schoolName,
      dates: { appealDeadline: timeline.appealDeadline, familyResponseBy: timeline.familyResponseBy, finalAmendedPlanDue: timeline.finalAmendedPlanDue },
      settings,
    });
  } catch (error) {
    if (error instanceof MissingCouncilSettingError) throw new CouncilSettingMissingError(error.settings, error.message);
    if (error instanceof DomainError) throw new LetterNotReadyError(error.message);
    throw error;
  }
  const recipients: LetterRecipient[] = [];
  const seen = new Set<string>();
  for (const role of ['young-person', 'parent', 'school'] as const) {
    for (const i of invitations) {
      const email = i.email?.trim().toLowerCase();
      if (i.role !== role || !email || seen.has(email)) continue;
      seen.add(email);
      recipients.push({ role, name: i.name, email: i.email as string });
    }
  }
  return {
    review,
    outcome,
    letter,
    settings,
    recipients,
    tenantId: facts.tenantId,
    label: childLabel(review.child_name, review.la_reference),
    fileName: `Annual review decision ${review.la_reference} ${review.decision_notified_on}`,
  };
}
