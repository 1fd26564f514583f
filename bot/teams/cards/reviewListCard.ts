import { ActionSet, AdaptiveCard, type Card, Container, Fact, FactSet, OpenUrlAction, TextBlock } from '../sdk/cards';
import { screenDate } from '../../../shared/calendar/formatDate';
import { reviewLink } from './format';
import { reviewSteps, statusWords } from './reviewSteps';

/** One line of a list card: already labelled (initials and reference, never the name). */
export interface ReviewListEntry {
  id: string;
  label: string;
  status: keyof typeof reviewSteps;
  due: string | null;
  overdue: boolean;
}

export interface ReviewListCardOptions {
  title: string;
  /** Said when the list is empty. */
  empty: string;
  entries: ReviewListEntry[];
  publicUrl: string;
  /** Said under the list when more were found than shown. */
  more?: string | undefined;
}

/**
 * `my reviews` and `overdue`: each review with what is due, by when, under which rule,
 * what to do, and a button to open it. Adaptive Cards 1.5 (Teams' highest).
 */
export function reviewListCard(o: ReviewListCardOptions): Card {
  const items = o.entries.map((e) => {
    const step = reviewSteps[e.status];
    const when = e.due ? `${screenDate(e.due)}${e.overdue ? ' (overdue)' : ''}` : '—';
    return new Container(
      new TextBlock(`${e.label}: ${statusWords[e.status]}`, { weight: 'Bolder', wrap: true, color: e.overdue ? 'Attention' : 'Default' }),
      new FactSet(new Fact('Due', `${step.due}, by ${when}`), new Fact('Rule', step.rule || '—'), new Fact('To do', step.todo)),
      new ActionSet(new OpenUrlAction(reviewLink(o.publicUrl, e.id), { title: `Open ${e.label}` })),
    ).withSeparator(true);
  });
  const body = [new TextBlock(o.title, { size: 'Large', weight: 'Bolder', wrap: true }), ...(items.length ? items : [new TextBlock(o.empty, { wrap: true })])];
  if (o.more) body.push(new TextBlock(o.more, { wrap: true, isSubtle: true }));
  return new AdaptiveCard(...body).withVersion('1.5');
}
