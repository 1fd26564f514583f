import { amendmentNoticeDueSource, daysBetween, decisionDueSource, nextReviewDeadlineSource } from '../../../shared';
import type { DecisionSubject } from '../../store/reviews/decisionSubject';
import {
  ActionSet,
  AdaptiveCard,
  type Card,
  Choice,
  ChoiceSetInput,
  DateInput,
  ExecuteAction,
  Fact,
  FactSet,
  OpenUrlAction,
  RefreshDefinition,
  TextBlock,
  TextInput,
  ToggleVisibilityAction,
} from '../sdk/cards';
import { screenDate } from '../../../shared/calendar/formatDate';
import { reviewLink } from './format';
import { statusWords } from './reviewSteps';

/** The Action.Execute verbs of the decision card. Real Teams routes on `verb`; the SDK's router on `data.action`: both are set. */
export const DECISION_VERBS = { refresh: 'decision.refresh', submit: 'decision.submit' } as const;

/** Which version of the card a viewer gets. */
export type DecisionCardView =
  /** An LA officer of the review's council, while the decision is awaited. */
  | { kind: 'form'; values?: Partial<DecisionFormValues> }
  /** Anyone else, while the decision is awaited. */
  | { kind: 'status' }
  /** After the decision: the same for everyone. */
  | { kind: 'decided' }
  /** The review is not (or no longer) awaiting a decision, and no decision was taken from this card. */
  | { kind: 'moved-on' };

export interface DecisionFormValues {
  outcome: string;
  notifiedOn: string;
  reasons: string;
  proposedAmendments: string;
  consideredInstead: string;
}

export interface DecisionCardOptions {
  subject: DecisionSubject;
  view: DecisionCardView;
  /** Said first, in the attention colour: why a submit changed nothing, or what to fix. */
  notice?: string | undefined;
  /** Teams user ids (MRIs, `29:...`) whose client refreshes the card to their own version on sight (at most 60). */
  refreshUserIds: string[];
  publicUrl: string;
  today: string;
}

/**
 * The LA decision card (Universal Actions, Adaptive Cards 1.5). One card, four views: the
 * form for an officer of the council, the review's status for anyone else, the outcome once
 * decided, and "moved on" for a card that is out of date. Every view refreshes itself
 * (`refresh` with `Action.Execute`), so each viewer sees their own, and names the child by
 * initials and council reference only. The reminder engine sends the same card when a
 * school's report arrives.
 */
export function decisionCard(o: DecisionCardOptions): Card {
  const s = o.subject;
  const data = { reviewId: s.reviewId, version: s.version };
  const refresh = new ExecuteAction({ title: 'Refresh' }).withVerb(DECISION_VERBS.refresh).withData({ action: DECISION_VERBS.refresh, ...data });
  const body = [];
  if (o.notice) body.push(new TextBlock(o.notice, { wrap: true, color: 'Attention', weight: 'Bolder' }));
  body.push(new TextBlock(titleOf(o.view, s), { size: 'Large', weight: 'Bolder', wrap: true }), facts(s, o.today));
  const actions = [];
  if (o.view.kind === 'form') {
    const v = o.view.values ?? {};
    const amending = (v.outcome ?? s.recommendation) === 'amend' || Boolean(v.proposedAmendments ?? s.proposedAmendments);
    body.push(
      new TextBlock(
        `What to do: decide whether to keep the plan as it is, change it or end it, and tell the family. Record it here on the day you tell them.${s.decisionDue ? ` Decide by ${screenDate(s.decisionDue)}${lateness(s.decisionDue, o.today)}.` : ''}`,
        { wrap: true },
      ),
      // The law behind it, for whoever wants it: behind "Why", not in the way.
      new TextBlock(`Why: the council must decide within 4 weeks of the meeting, and by the review deadline (${decisionDueSource}). If it amends the plan, the amendment notice goes with the decision (${amendmentNoticeDueSource}).`, {
        wrap: true,
        isSubtle: true,
        id: 'why',
        isVisible: false,
      }),
      new ActionSet(new ToggleVisibilityAction({ title: 'Why' }).withTargetElements('why')),
      new ChoiceSetInput(new Choice({ title: 'Maintain the plan unchanged', value: 'maintain' }), new Choice({ title: 'Amend the plan', value: 'amend' }), new Choice({ title: 'Cease the plan', value: 'cease' }))
        .withId('outcome')
        .withLabel('Decision')
        .withIsRequired(true)
        .withErrorMessage('Choose maintain, amend or cease.')
        .withStyle('expanded')
        .withValue(v.outcome ?? s.recommendation ?? ''),
      new DateInput({ id: 'notifiedOn', label: 'Date the family was told', isRequired: true, errorMessage: 'Give the date the family was told.', value: v.notifiedOn ?? o.today, max: o.today }),
      new TextInput({ id: 'reasons', label: 'Reasons for the decision', isRequired: true, isMultiline: true, maxLength: 4000, errorMessage: 'Give the reasons.', value: v.reasons ?? '' }),
      ...withoutReport(s, v),
      new TextBlock('Your reasons go word for word into the letter to the family, after “We have decided to … because”. Write them to the family.', { wrap: true, isSubtle: true, size: 'Small' }),
      // Only for amend: shown when the recommendation is amend, otherwise one press away.
      new TextInput({
        id: 'proposedAmendments',
        label: 'For amend: the proposed amendments, one per line as "section: change" (listed in the letter and set out in the amendment notice sent with it)',
        placeholder: 'F: Add a weekly session of speech and language therapy',
        isMultiline: true,
        maxLength: 4000,
        value: v.proposedAmendments ?? s.proposedAmendments ?? '',
        isVisible: amending,
      }),
    );
    if (!amending) body.push(new ActionSet(new ToggleVisibilityAction({ title: 'Amending? Add the proposed changes' }).withTargetElements('proposedAmendments')));
    actions.push(
      new ExecuteAction({ title: 'Record decision', style: 'positive' })
        .withVerb(DECISION_VERBS.submit)
        .withData({ action: DECISION_VERBS.submit, ...data })
        .withAssociatedInputs('auto'),
    );
  } else {
    body.push(new TextBlock(whatNext(o.view, s), { wrap: true }));
  }
  actions.push(new OpenUrlAction(reviewLink(o.publicUrl, s.reviewId), { title: 'Open the review' }));
  body.push(new ActionSet(...actions));
  return new AdaptiveCard(...body)
    .withVersion('1.5')
    .withFallbackText(`${titleOf(o.view, s)} (open the review in EHCP Review Assistant)`)
    .withRefresh(new RefreshDefinition({ action: refresh, userIds: o.refreshUserIds.slice(0, 60) }));
}

/**
 * No report recorded: say so, and ask what the decision took account of in its place, since
 * the school's views must still be considered (Reg 19(c)); the answer goes with the decision.
 */
function withoutReport(s: DecisionSubject, v: Partial<DecisionFormValues>) {
  if (s.reportSentOn) return [];
  const due = s.reportDue ? `, which was due on ${screenDate(s.reportDue)}` : '';
  return [
    new TextBlock(`Deciding without the school’s report${due}: no report is recorded. The decision must still take account of the school’s views (Reg 19(c)).`, {
      wrap: true,
      color: 'Attention',
    }),
    new TextInput({
      id: 'consideredInstead',
      label: 'What did you consider in place of the report? (the advice, the meeting, your notes)',
      isRequired: true,
      isMultiline: true,
      maxLength: 4000,
      errorMessage: 'Say what the decision took account of in place of the report.',
      value: v.consideredInstead ?? '',
    }),
  ];
}

function titleOf(view: DecisionCardView, s: DecisionSubject): string {
  switch (view.kind) {
    case 'form':
      return `Decision needed: ${s.label}`;
    case 'status':
      return `${s.label}: ${statusWords[s.status]}`;
    case 'decided':
      return `Decision recorded: ${s.label}`;
    case 'moved-on':
      return `${s.label}: this card is out of date`;
  }
}

/** " (N days late)", " (today)" or " (in N days)": how the due date stands today. */
function lateness(due: string, today: string): string {
  const days = daysBetween(due, today);
  if (days > 0) return ` (${days} ${days === 1 ? 'day' : 'days'} late)`;
  if (days === 0) return ' (today)';
  return ` (in ${-days} ${days === -1 ? 'day' : 'days'})`;
}

function facts(s: DecisionSubject, today: string) {
  const f = [new Fact('Council', s.councilName)];
  if (s.schoolName) f.push(new Fact('School', s.schoolName));
  if (s.meetingDate) f.push(new Fact('Meeting held', screenDate(s.meetingDate)));
  if (s.reportSentOn) f.push(new Fact('School’s report', `sent ${screenDate(s.reportSentOn)}${s.recommendation ? `, recommends ${s.recommendation}` : ''}`));
  if (s.decision) f.push(new Fact('Decision', `${s.decision.outcome}, family told ${screenDate(s.decision.notifiedOn)}`));
  else if (s.decisionDue) f.push(new Fact('Decision due', `${screenDate(s.decisionDue)}${lateness(s.decisionDue, today)}`));
  f.push(new Fact('Status', statusWords[s.status]));
  return new FactSet(...f);
}

function whatNext(view: DecisionCardView, s: DecisionSubject): string {
  const next = s.nextReviewDeadline ? ` The next annual review is due by ${screenDate(s.nextReviewDeadline)} (${nextReviewDeadlineSource}).` : '';
  if (view.kind === 'decided' || (view.kind === 'moved-on' && s.decision)) {
    const amend = s.decision?.outcome === 'amend' ? ` The amendment notice goes to the family with the decision; the final amended plan is due by ${s.finalPlanDue ? screenDate(s.finalPlanDue) : 'its due date'}.` : '';
    const lead = view.kind === 'moved-on' ? 'This card is out of date: the review has moved on since it was sent. ' : '';
    const letter =
      s.letter === 'sent'
        ? 'The decision letter has been sent to the family.'
        : s.letter === 'drafted'
          ? 'The decision letter is drafted in the council mailbox and has not been sent yet: check it and press Send there.'
          : 'The decision letter has not gone yet: send it from the review in EHCP Review Assistant.';
    return `${lead}${letter}${amend}${next}`;
  }
  if (view.kind === 'moved-on') return `This review is no longer awaiting a decision: it is ${statusWords[s.status]}. Open it for what is due now.`;
  return `Waiting for the council’s decision${s.decisionDue ? `, due by ${screenDate(s.decisionDue)}` : ''}. An LA SEND officer of ${s.councilName} records it from this card or in the service.`;
}
