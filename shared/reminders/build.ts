import { daysBetween, plusDays } from '../calendar/londonDay';
import { recipientKey } from './recipients';
import { sendDay } from './sendDays';
import type { Reminder, ReminderKind, ReminderLink, ReminderRecipient, RuleContext } from './types';

/** How urgent a kind of reminder is: overdue first, then due today, then what is coming. */
export const URGENCY = { overdue: 0, today: 1, soon: 2, ahead: 3, notice: 4 } as const;

export interface ReminderFields {
  deadline: string;
  source: string;
  action: string;
  urgency: number;
  expiresOn: string | null;
  link?: ReminderLink | undefined;
  /** 'earlier' for reminders leading up to a deadline, 'later' for ones that follow an event. */
  shift: 'earlier' | 'later';
}

/** One reminder on `dueOn`, moved to the recipient's send day. */
export function oneReminder(kind: ReminderKind, recipient: ReminderRecipient, dueOn: string, ctx: RuleContext, f: ReminderFields): Reminder {
  const sendOn = sendDay(dueOn, recipient.role, f.shift, ctx.terms);
  return {
    kind,
    recipient,
    dueOn,
    sendOn,
    // A reminder moved later than its own last useful day still goes once, on its send day.
    expiresOn: f.expiresOn !== null && f.expiresOn < sendOn ? sendOn : f.expiresOn,
    deadline: f.deadline,
    source: f.source,
    action: f.action,
    link: f.link ?? { to: 'review' },
    urgency: f.urgency,
  };
}

/**
 * A reminder every 7 days from `first` while something stays undone: only the
 * occurrences still worth sending today and those up to the horizon. Each expires
 * when the next goes out; one that a holiday pushes onto the next's send day is
 * dropped, so a SENCO back from the summer gets one reminder, not six.
 */
export function weeklyReminders(
  kind: ReminderKind,
  recipient: ReminderRecipient,
  first: string,
  ctx: RuleContext,
  f: Omit<ReminderFields, 'expiresOn' | 'shift'>,
  stopBefore?: string | null,
): Reminder[] {
  const horizon = plusDays(ctx.today, ctx.horizonDays);
  const daysLate = daysBetween(first, ctx.today);
  // Start a few weeks back so a holiday's collapsed occurrences are judged correctly.
  let k = Math.max(0, Math.floor(daysLate / 7) - 20);
  const out: Reminder[] = [];
  let current = plusDays(first, 7 * k);
  while (current <= horizon && (!stopBefore || current < stopBefore)) {
    const next = plusDays(first, 7 * (k + 1));
    const sendOn = sendDay(current, recipient.role, 'later', ctx.terms);
    const nextSend = sendDay(next, recipient.role, 'later', ctx.terms);
    const expiresOn = plusDays(nextSend, -1);
    if (expiresOn >= sendOn) out.push({ ...oneReminder(kind, recipient, current, ctx, { ...f, shift: 'later', expiresOn }), sendOn });
    k++;
    current = next;
  }
  return out;
}

/** The reminders' identity in the outbox: (kind, recipient, due date), within one review. */
export function reminderKey(r: Pick<Reminder, 'kind' | 'recipient' | 'dueOn'>): string {
  return `${r.kind}|${recipientKey(r.recipient)}|${r.dueOn}`;
}
