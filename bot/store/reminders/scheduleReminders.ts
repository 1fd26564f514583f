import { type IsoDate, reminderKey, remindersFor, type TermCalendar } from '../../../shared';
import type { Queryable } from '../db';
import { enqueueReminders, type ReminderToQueue, toQueue } from './enqueueReminder';
import { loadReviewStates } from './reviewStates';

export interface ScheduleOptions {
  terms?: TermCalendar | undefined;
}

export interface ScheduleResult {
  reviews: number;
  /** Rows inserted, revived or changed. */
  written: number;
  /** Pending rows the reviews no longer imply ("the review moved on"). */
  cancelled: number;
}

interface PendingRow {
  id: number;
  review_id: string;
  kind: string;
  recipient_role: string;
  recipient_person: number | null;
  recipient_email: string | null;
  due_on: string;
}

/**
 * Brings the outbox in line with what the reviews' current state implies as of `today`:
 * writes every reminder the rules give (harmless when already there) and cancels the
 * pending ones they no longer give. Nudges are people's, not the rules', and stay.
 * Called in the same transaction as every change to a review, and by the daily pass.
 */
export async function scheduleReminders(q: Queryable, reviewIds: readonly string[], today: IsoDate, options: ScheduleOptions = {}): Promise<ScheduleResult> {
  if (reviewIds.length === 0) return { reviews: 0, written: 0, cancelled: 0 };
  const states = await loadReviewStates(q, reviewIds);
  const wanted: ReminderToQueue[] = [];
  const keys = new Set<string>();
  for (const [id, state] of states) {
    for (const r of remindersFor(state, today, { terms: options.terms })) {
      wanted.push(toQueue(id, r));
      keys.add(`${id}|${reminderKey(r)}`);
    }
  }
  const written = await enqueueReminders(q, wanted, today);
  const pending = await q.query<PendingRow>(
    `select id::int as id, review_id, kind, recipient_role, recipient_person::int as recipient_person, recipient_email, coalesce(due_on, send_on) as due_on
       from reminder_outbox where review_id in (select jsonb_array_elements_text($1::jsonb)) and status = 'pending' and kind <> 'nudge'`,
    [JSON.stringify(reviewIds)],
  );
  const obsolete = pending
    .filter((p) => !keys.has(`${p.review_id}|${reminderKey({ kind: p.kind as never, dueOn: p.due_on, recipient: { role: p.recipient_role as never, personId: p.recipient_person, email: p.recipient_email } })}`))
    .map((p) => p.id);
  if (obsolete.length > 0) {
    await q.query(
      `update reminder_outbox
          set status = 'cancelled', lease_owner = null, lease_until = null, updated_at = now(),
              cancelled_reason = case when expires_on < $2::date then 'expired: a later reminder took over' else 'the review moved on' end
        where id in (select jsonb_array_elements_text($1::jsonb)::bigint) and status = 'pending'`,
      [JSON.stringify(obsolete), today],
    );
  }
  return { reviews: states.size, written, cancelled: obsolete.length };
}
