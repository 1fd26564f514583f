import { type IsoDate, recipientKey, remindersFor, type TermCalendar, councilSettingsSchema } from '../../../shared';
import type { Queryable } from '../db';
import { outboxRowsJson, type ReminderToQueue, toQueue, upsertOutboxSql } from './enqueueReminder';
import { idList, loadScheduleInputs, type ScheduleInputs } from './reviewStates';

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

/**
 * Brings the outbox in line with what the reviews' current state implies as of `today`:
 * writes every reminder the rules give (harmless when already there) and cancels the
 * pending ones they no longer give. Nudges are people's, not the rules', and stay.
 * Called in the same transaction as every change to a review, and by the daily pass.
 */
export async function scheduleReminders(q: Queryable, reviewIds: readonly string[], today: IsoDate, options: ScheduleOptions = {}): Promise<ScheduleResult> {
  if (reviewIds.length === 0) return { reviews: 0, written: 0, cancelled: 0 };
  const { states, termDates } = await loadScheduleInputs(q, reviewIds);
  // The council's own term dates win; the service's (options.terms) are the fallback, then the typical England terms.
  const ownTerms = councilTerms(termDates);
  const termsOf = (id: string) => ownTerms(id) ?? options.terms;
  const wanted: ReminderToQueue[] = [];
  const keep: { review_id: string; kind: string; rkey: string; due_on: string }[] = [];
  for (const [id, state] of states) {
    for (const r of remindersFor(state, today, { terms: termsOf(id) })) {
      wanted.push(toQueue(id, r));
      keep.push({ review_id: id, kind: r.kind, rkey: recipientKey(r.recipient), due_on: r.dueOn });
    }
  }
  // One statement: every reminder the rules give is written, and whatever else is pending for
  // these reviews, the rules no longer give, is cancelled (nudges are people's, not the
  // rules'). The two touch different rows (the cancel spares every key written), so neither
  // needs to see the other's change.
  const [counts] = await q.query<{ written: number; cancelled: number }>(
    `with written as (${upsertOutboxSql('$2', '$1')}),
     cancelled as (
       update reminder_outbox o
          set status = 'cancelled', lease_owner = null, lease_until = null, updated_at = now(),
              cancelled_reason = case when o.expires_on < $1::date then 'expired: a later reminder took over' else 'the review moved on' end
        where o.review_id in ${idList(reviewIds.length, 4)} and o.status = 'pending' and o.kind not in ('nudge', 'plan-transferred')
          and (o.review_id, o.kind, o.recipient_key, coalesce(o.due_on, o.send_on)) not in (
                select k.review_id, k.kind, k.rkey, k.due_on from jsonb_to_recordset($3::jsonb) as k(review_id text, kind text, rkey text, due_on date))
       returning 1)
     select (select count(*)::int from written) as written, (select count(*)::int from cancelled) as cancelled`,
    [today, outboxRowsJson(wanted), JSON.stringify(keep), ...reviewIds],
    { prepare: reviewIds.length <= 2 },
  );
  return { reviews: states.size, written: counts?.written ?? 0, cancelled: counts?.cancelled ?? 0 };
}

/**
 * Each review's council's own term dates (its council settings), where it set them: a
 * school's reviews follow the calendar of the council that placed each child (#26).
 */
function councilTerms(termDates: ScheduleInputs['termDates']): (reviewId: string) => TermCalendar | undefined {
  const calendars = new Map<string, TermCalendar | undefined>();
  const byReview = new Map<string, TermCalendar | undefined>();
  for (const [id, { councilId, raw }] of termDates) {
    if (!calendars.has(councilId)) {
      const parsed = raw ? councilSettingsSchema.shape.termDates.safeParse(raw) : undefined;
      calendars.set(councilId, parsed?.success && parsed.data ? { council: councilId, terms: parsed.data } : undefined);
    }
    byReview.set(id, calendars.get(councilId));
  }
  return (id) => byReview.get(id);
}
