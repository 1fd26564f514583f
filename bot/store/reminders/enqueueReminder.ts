import type { IsoDate, Reminder, ReminderKind, ReminderLink, ReminderRecipient } from '../../../shared';
import type { Queryable } from '../db';

/** One reminder to put in the outbox: what the rules give, for one review. Other areas (the dashboard's nudge) queue theirs too. */
export interface ReminderToQueue {
  reviewId: string;
  /** The rules' kinds, or a message people cause: a nudge, a plan transferred between councils (#26). */
  kind: ReminderKind | 'nudge' | 'plan-transferred';
  recipient: ReminderRecipient | { role: string; personId: number | null; email: string | null };
  /** The day this occurrence is for: with (review, kind, recipient) the outbox's unique key. */
  dueOn: IsoDate;
  /** The day to send it (defaults to `dueOn`). */
  sendOn?: IsoDate | undefined;
  expiresOn?: IsoDate | null | undefined;
  deadline?: IsoDate | null | undefined;
  /** 0 = most urgent (overdue) ... 4; default 3. */
  urgency?: number | undefined;
  source?: string | null | undefined;
  action?: string | null | undefined;
  link?: ReminderLink | null | undefined;
}

/** A rule's reminder as an outbox row for `reviewId`. */
export function toQueue(reviewId: string, r: Reminder): ReminderToQueue {
  return { reviewId, ...r };
}

// The outbox's unique key, as its index spells it: the ON CONFLICT target must match exactly.
const KEY = '(review_id, kind, recipient_key, coalesce(due_on, send_on))';

/**
 * Writes reminders to the outbox in the caller's transaction (so a review change and its
 * reminders commit together). Writing one twice is harmless: the key is (review, kind,
 * recipient, due date). A pending one takes the new dates and wording; a cancelled one
 * comes back to pending (the review moved back, e.g. a meeting re-booked on its first
 * date); a sent or dead one is left alone. `today` is the writer's London date: a reminder
 * sent after its send day counts as late only if it was written by then.
 *
 * @example await enqueueReminder(tx, { reviewId, kind: 'nudge', recipient: { role: 'senco', personId: 7, email: null }, dueOn: today, action: 'Please book the meeting.' }, today)
 */
export async function enqueueReminder(tx: Queryable, reminder: ReminderToQueue, today: IsoDate): Promise<void> {
  await enqueueReminders(tx, [reminder], today);
}

/** The outbox rows for `reminders`, as the JSON the upsert reads (one parameter, one statement whatever their number). */
export function outboxRowsJson(reminders: readonly ReminderToQueue[]): string {
  return JSON.stringify(
    reminders.map((r) => ({
      review_id: r.reviewId,
      kind: r.kind,
      role: r.recipient.role,
      person_id: r.recipient.personId,
      email: r.recipient.email?.trim() || null,
      due_on: r.dueOn,
      send_on: r.sendOn ?? r.dueOn,
      expires_on: r.expiresOn ?? null,
      deadline: r.deadline ?? null,
      urgency: r.urgency ?? 3,
      source: r.source ?? null,
      action: r.action ?? null,
      link: r.link ?? null,
    })),
  );
}

/**
 * The upsert of {@link enqueueReminders}, with the rows (JSON from {@link outboxRowsJson})
 * and today as the parameters named, for use as a CTE (`with written as (...)`) so a
 * caller can write its reminders and do more in the same statement.
 */
export function upsertOutboxSql(rowsParam: string, todayParam: string): string {
  return `insert into reminder_outbox (review_id, kind, recipient_role, recipient_person, recipient_email, due_on, send_on, expires_on, deadline, urgency, source, action, link, created_on)
       select x.review_id, x.kind, x.role, x.person_id, x.email, x.due_on, x.send_on, x.expires_on, x.deadline, x.urgency, x.source, x.action, x.link, ${todayParam}::date
         from jsonb_to_recordset(${rowsParam}::jsonb) as x(review_id text, kind text, role text, person_id bigint, email text, due_on date, send_on date,
                                                  expires_on date, deadline date, urgency smallint, source text, action text, link jsonb)
       on conflict ${KEY} do update set
         send_on = excluded.send_on, expires_on = excluded.expires_on, deadline = excluded.deadline, urgency = excluded.urgency,
         source = excluded.source, action = excluded.action, link = excluded.link,
         attempts = case when reminder_outbox.status = 'cancelled' then 0 else reminder_outbox.attempts end,
         last_error = case when reminder_outbox.status = 'cancelled' then null else reminder_outbox.last_error end,
         created_on = case when reminder_outbox.status = 'cancelled' then excluded.created_on else reminder_outbox.created_on end,
         status = 'pending', cancelled_reason = null, updated_at = now()
       where reminder_outbox.status = 'cancelled'
          or (reminder_outbox.status = 'pending'
              and (reminder_outbox.send_on, reminder_outbox.expires_on, reminder_outbox.deadline, reminder_outbox.urgency, reminder_outbox.action, reminder_outbox.link)
                  is distinct from (excluded.send_on, excluded.expires_on, excluded.deadline, excluded.urgency, excluded.action, excluded.link))
       returning 1`;
}

/** {@link enqueueReminder} for many at once (one statement): the daily pass writes a whole council this way. */
export async function enqueueReminders(tx: Queryable, reminders: readonly ReminderToQueue[], today: IsoDate): Promise<number> {
  if (reminders.length === 0) return 0;
  const written = await tx.query<{ n: number }>(`with written as (${upsertOutboxSql('$1', '$2')}) select count(*)::int as n from written`, [outboxRowsJson(reminders), today]);
  return written[0]?.n ?? 0;
}
