import { type IsoDate, recipientKey, remindersFor, type TermCalendar, councilSettingsSchema } from '../../../shared';
import type { Queryable } from '../db';
import { enqueueReminders, type ReminderToQueue, toQueue } from './enqueueReminder';
import { idList, loadReviewStates } from './reviewStates';

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
  const states = await loadReviewStates(q, reviewIds);
  // The council's own term dates win; the service's (options.terms) are the fallback, then the typical England terms.
  const ownTerms = await councilTerms(q, reviewIds);
  const termsOf = (id: string) => ownTerms(id) ?? options.terms;
  const wanted: ReminderToQueue[] = [];
  const keep: { review_id: string; kind: string; rkey: string; due_on: string }[] = [];
  for (const [id, state] of states) {
    for (const r of remindersFor(state, today, { terms: termsOf(id) })) {
      wanted.push(toQueue(id, r));
      keep.push({ review_id: id, kind: r.kind, rkey: recipientKey(r.recipient), due_on: r.dueOn });
    }
  }
  const written = await enqueueReminders(q, wanted, today);
  // Whatever else is pending for these reviews, the rules no longer give: cancel it (nudges are people's, not the rules').
  const cancelled = await q.query<{ n: number }>(
    `with cancelled as (
       update reminder_outbox o
          set status = 'cancelled', lease_owner = null, lease_until = null, updated_at = now(),
              cancelled_reason = case when o.expires_on < $1::date then 'expired: a later reminder took over' else 'the review moved on' end
        where o.review_id in ${idList(reviewIds.length, 3)} and o.status = 'pending' and o.kind not in ('nudge', 'plan-transferred')
          and (o.review_id, o.kind, o.recipient_key, coalesce(o.due_on, o.send_on)) not in (
                select k.review_id, k.kind, k.rkey, k.due_on from jsonb_to_recordset($2::jsonb) as k(review_id text, kind text, rkey text, due_on date))
       returning 1)
     select count(*)::int as n from cancelled`,
    [today, JSON.stringify(keep), ...reviewIds],
  );
  return { reviews: states.size, written, cancelled: cancelled[0]?.n ?? 0 };
}

/**
 * Each review's council's own term dates (its council settings), where it set them: a
 * school's reviews follow the calendar of the council that placed each child (#26).
 */
async function councilTerms(q: Queryable, reviewIds: readonly string[]): Promise<(reviewId: string) => TermCalendar | undefined> {
  const rows = await q.query<{ id: string; council_id: string; terms: unknown }>(
    `select r.id, r.council_id, s.settings -> 'termDates' as terms
       from review_cycles r left join council_settings s on s.council_id = r.council_id
      where r.id in ${idList(reviewIds.length, 1)}`,
    [...reviewIds],
  );
  const calendars = new Map<string, TermCalendar | undefined>();
  const byReview = new Map<string, TermCalendar | undefined>();
  for (const row of rows) {
    if (!calendars.has(row.council_id)) {
      const raw = typeof row.terms === 'string' ? JSON.parse(row.terms) : row.terms;
      const parsed = raw ? councilSettingsSchema.shape.termDates.safeParse(raw) : undefined;
      calendars.set(row.council_id, parsed?.success && parsed.data ? { council: row.council_id, terms: parsed.data } : undefined);
    }
    byReview.set(row.id, calendars.get(row.council_id));
  }
  return (id) => byReview.get(id);
}
