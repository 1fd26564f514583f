import { AdaptiveCard, Fact, FactSet, type IAdaptiveCard, OpenUrlAction, TextBlock } from '../sdk/cards';

/** What a reminder card shows; built from the reminder, never from the case record (no names). */
export interface ReminderCardContent {
  title: string;
  /** e.g. "A.E. (DEMO-0007)": initials and council reference only. */
  childLabel: string;
  dueBy: string;
  rule: string;
  action: string;
  /** Absent where the recipient answers by replying (the family). */
  link?: { url: string; title: string } | undefined;
  late: boolean;
  /** e.g. "R-123": the outbox row, to quote when asking about it. */
  reference: string;
}

/**
 * The Adaptive Card (schema 1.5, what Teams renders) for one reminder: what is due, by when,
 * under which rule, what to do, and a button to the right place.
 */
export function reminderCard(c: ReminderCardContent): IAdaptiveCard {
  const body = [
    new TextBlock(c.title, { weight: 'Bolder', size: 'Medium', wrap: true }),
    ...(c.late ? [new TextBlock('Sent late: the reminder service was unavailable on the day it was due.', { color: 'Warning', wrap: true, isSubtle: true })] : []),
    new FactSet(new Fact('Child', c.childLabel), new Fact('Due by', c.dueBy), new Fact('Rule', c.rule), new Fact('Reference', c.reference)),
    new TextBlock(c.action, { wrap: true }),
  ];
  const card = new AdaptiveCard(...body);
  return c.link ? card.withActions(new OpenUrlAction(c.link.url).withTitle(c.link.title)) : card;
}
