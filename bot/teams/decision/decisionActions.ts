import { DECISION, recordDecision } from '../../app/recordDecision';
import { type AppDeps, mayDo } from '../../app/task';
import { InvalidInputError, ServiceError } from '../../store/errors';
import type { Principal } from '../../store/principal';
import type { ExecuteAction } from '../activity';
import { type DecisionCardView, type DecisionFormValues, decisionCard } from '../cards/decisionCard';
import type { MemberLookup } from '../../store/members';
import type { Card } from '../sdk/cards';
import { awaitsDecision, type DecisionSubject, decisionSubject } from '../../store/reviews/decisionSubject';

/** The task's dependencies (bot/app), with the public address the card links to. */
export interface DecisionActionDeps extends AppDeps {
  publicUrl: () => string;
}

/** Who is looking at or pressing the card, from the activity alone. */
export interface CardViewer {
  member: MemberLookup;
  /** Their Teams user id (`29:...`), for the refreshed card's `userIds`. */
  mri: string;
}

/** What the bot answers an `adaptiveCard/action`: the viewer's card, and whether everyone's copy changes. */
export interface DecisionActionResult {
  card: Card;
  /** Set when a decision was just recorded: the message's card is replaced with this for everyone. */
  updateForEveryone: boolean;
}

/**
 * The card's own wording of the task's refusal, so a viewer sees why before pressing: only
 * a role the decision task permits, of the review's council. The task checks again.
 */
function refusal(member: MemberLookup, subject: DecisionSubject): string | undefined {
  if (!member.found) {
    return member.reason === 'several'
      ? `You are registered in several organisations (${member.orgs.join(', ')}), so the card cannot tell which one you act for; record the decision in the service.`
      : 'You are not registered with EHCP Review Assistant, so nothing was recorded. Your council’s SEND team can register you.';
  }
  const p = member.found;
  if (p.orgId !== subject.councilId) return `Only an LA SEND officer of ${subject.councilName} can record this decision; nothing was recorded.`;
  if (!mayDo(DECISION, p.role)) return `Recording a decision is for an LA SEND officer; you are registered as ${p.role === 'la-manager' ? 'an LA manager' : `a ${p.role}`}, so nothing was recorded.`;
  return undefined;
}

/** The view a viewer gets of a card issued at `cardVersion`. */
function viewFor(subject: DecisionSubject, viewer: CardViewer, cardVersion: number | undefined): DecisionCardView {
  if (awaitsDecision(subject)) return refusal(viewer.member, subject) ? { kind: 'status' } : { kind: 'form' };
  if (subject.decision && cardVersion === subject.version) return { kind: 'decided' };
  return { kind: 'moved-on' };
}

/**
 * Refresh: each viewer's own version of the card. The form for an officer of the council
 * while the decision is awaited; the status for anyone else; the outcome once decided from
 * this card; "out of date" once the review moved on some other way.
 */
export async function refreshDecisionCard(deps: DecisionActionDeps, action: ExecuteAction, viewer: CardViewer): Promise<Card | undefined> {
  const subject = await decisionSubject(deps.db, String(action.data.reviewId ?? ''), deps.today());
  if (!subject) return undefined;
  const version = typeof action.data.version === 'number' ? action.data.version : undefined;
  return build(deps, subject, viewFor(subject, viewer, version), viewer);
}

/**
 * Submit: the card's values become a call to the decision task (bot/app/recordDecision),
 * as the sender of the activity, never anyone the card's data names; the task checks,
 * parses, records and sends the letter exactly as for the API. Its refusals come back on
 * the card: input faults on the form, a review that moved on as "out of date".
 */
export async function submitDecisionCard(deps: DecisionActionDeps, action: ExecuteAction, viewer: CardViewer): Promise<DecisionActionResult | undefined> {
  const today = deps.today();
  const reviewId = String(action.data.reviewId ?? '');
  const subject = await decisionSubject(deps.db, reviewId, today);
  if (!subject) return undefined;
  const version = typeof action.data.version === 'number' ? action.data.version : undefined;
  const refused = refusal(viewer.member, subject);
  if (refused) return { card: build(deps, subject, viewFor(subject, viewer, version), viewer, refused), updateForEveryone: false };
  const principal = (viewer.member as { found: Principal }).found;

  const values = formValues(action.data);
  const input = {
    outcome: values.outcome,
    notifiedOn: values.notifiedOn,
    reasons: values.reasons,
    ...(values.proposedAmendments.trim() ? { proposedAmendments: values.proposedAmendments } : {}),
    ...(values.consideredInstead.trim() ? { consideredInstead: values.consideredInstead } : {}),
  };
  const form = (notice: string) => ({ card: build(deps, subject, { kind: 'form', values }, viewer, notice), updateForEveryone: false });
  if (awaitsDecision(subject) && input.outcome === 'amend' && !input.proposedAmendments) {
    return form('For amend, summarise the proposed amendments: the notice goes to the family with the decision.');
  }

  let letterNotice: string | undefined;
  try {
    // The key comes from the card (the review and the version it was issued at), so a double submit records one decision and sends one letter.
    // A card issued at an older version is an If-Match on that version: what it showed may be out of date.
    const recorded = await recordDecision(deps, {
      principal,
      reviewId,
      input,
      idempotencyKey: `teams-card:${reviewId}:${version ?? 'unversioned'}`,
      ifMatch: version === undefined ? undefined : `"${reviewId}.${version}"`,
    });
    if (recorded.letter?.status === 'not-sent') letterNotice = recorded.letter.message;
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    const now = (await decisionSubject(deps.db, reviewId, today)) ?? subject;
    if (error.code === 'stale-write' && awaitsDecision(now)) {
      return { card: build(deps, now, viewFor(now, viewer, now.version), viewer, 'Nothing was recorded: this review changed after the card was sent. Here it is as it is now; check it and decide again.'), updateForEveryone: false };
    }
    if (error instanceof InvalidInputError) return { card: build(deps, now, { kind: 'form', values }, viewer, `Nothing was recorded: ${error.problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`), updateForEveryone: false };
    if (error.code === 'not-awaiting-decision' || error.code === 'idempotency-key-reused' || error.code === 'stale-write') {
      return { card: build(deps, now, { kind: 'moved-on' }, viewer, 'Nothing was recorded: this review is no longer awaiting a decision.'), updateForEveryone: false };
    }
    throw error;
  }
  const decided = (await decisionSubject(deps.db, reviewId, today)) ?? subject;
  return { card: build(deps, decided, { kind: 'decided' }, viewer, letterNotice), updateForEveryone: true };
}

function formValues(data: Record<string, unknown>): DecisionFormValues {
  const text = (k: string) => (typeof data[k] === 'string' ? (data[k] as string) : '');
  return { outcome: text('outcome'), notifiedOn: text('notifiedOn'), reasons: text('reasons'), proposedAmendments: text('proposedAmendments'), consideredInstead: text('consideredInstead') };
}

function build(deps: DecisionActionDeps, subject: DecisionSubject, view: DecisionCardView, viewer: CardViewer, notice?: string): Card {
  return decisionCard({ subject, view, notice, refreshUserIds: [viewer.mri], publicUrl: deps.publicUrl(), today: deps.today() });
}

/** The decision card a viewer is sent on `record decision` (form or status), current as of now. */
export function decisionCardFor(deps: DecisionActionDeps, subject: DecisionSubject, viewer: CardViewer): Card {
  return build(deps, subject, viewFor(subject, viewer, subject.version), viewer);
}
