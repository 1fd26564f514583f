import { appendAudit } from '../audit';
import { openStepsSql, stepOwner, type DashboardStep } from '../dashboard/openSteps';
import type { Queryable } from '../db';
import { ConflictError, NotFoundError } from '../errors';
import { recipientKey } from '../../../shared';
import { enqueueReminder } from './enqueueReminder';
import type { Principal } from '../principal';
import { checkIfMatch } from '../reviews/writeSupport';

export interface QueuedNudge {
  reminderId: number;
  /** False when the same nudge was already in the outbox: nothing new was queued. */
  queued: boolean;
  step: DashboardStep;
  recipientRole: 'senco' | 'la-officer';
  sendOn: string;
  status: string;
}

/**
 * Queues a "nudge" reminder for a review's next action to whoever owns it: the school's
 * SENCO for booking to report, the case officer for the decision and amendment. Goes in
 * the reminder outbox for the reminder engine to deliver today (`send_on` = today), and
 * is audited, through the reminder engine's own `enqueueReminder` (nudges are people's, so
 * the rules' schedule never cancels them).
 *
 * Idempotent: a nudge the outbox already holds (its unique key) is answered, not repeated.
 */
export async function queueNudge(tx: Queryable, principal: Principal, reviewId: string, today: string, ifMatch?: string): Promise<QueuedNudge> {
  const steps = openStepsSql('$1', '$2');
  const [review] = await tx.query<{ step: DashboardStep; school_id: string | null; case_officer_id: number | null; version: number }>(
    `select s.step, r.school_id, p.case_officer_id::int, r.version from ${steps.from} where ${steps.where} and r.id = $3`,
    [principal.orgId, today, reviewId],
  );
  if (!review) {
    const [concluded] = await tx.query<{ version: number }>('select version from review_cycles where id = $1 and council_id = $2', [reviewId, principal.orgId]);
    if (concluded) {
      checkIfMatch({ id: reviewId, version: concluded.version }, ifMatch);
      throw new ConflictError('review-concluded', 'This review is concluded: there is no next step to nudge anyone about.');
    }
    throw new NotFoundError('The review');
  }
  // A nudge sent from a stale dashboard row may be about a step already done.
  checkIfMatch({ id: reviewId, version: review.version }, ifMatch);
  const role: 'senco' | 'la-officer' = stepOwner[review.step] === 'school' ? 'senco' : 'la-officer';
  const [recipient] =
    role === 'senco'
      ? await tx.query<{ id: number; email: string | null }>("select id::int, email from people where org_id = $1 and role = 'senco' order by id limit 1", [review.school_id])
      : await tx.query<{ id: number; email: string | null }>('select id::int, email from people where id = $1', [review.case_officer_id]);
  if (!recipient) {
    throw new ConflictError(
      'no-one-to-nudge',
      role === 'senco'
        ? "The school has no SENCO registered with the service, so there is no one to nudge; add the school's SENCO first."
        : 'This case has no case officer, so there is no one to nudge; assign one first.',
    );
  }
  // The reminder engine's own write, under its unique key (review, kind, recipient, due
  // date): a second nudge for the same person on the same day is the same reminder.
  const recipientRef = { role, personId: recipient.id, email: recipient.email };
  const key = recipientKey(recipientRef);
  const [existing] = await tx.query<{ id: number }>(
    "select id::int from reminder_outbox where review_id = $1 and kind = 'nudge' and recipient_key = $2 and due_on = $3",
    [reviewId, key, today],
  );
  await enqueueReminder(
    tx,
    {
      reviewId,
      kind: 'nudge',
      recipient: recipientRef,
      dueOn: today,
      urgency: 1,
      source: 'Requested by the council',
      action: `The council asks you to take the next step of this review now (${review.step.replaceAll('-', ' ')}).`,
    },
    today,
  );
  const [row] = await tx.query<{ id: number; status: string; send_on: string }>(
    "select id::int, status, send_on from reminder_outbox where review_id = $1 and kind = 'nudge' and recipient_key = $2 and due_on = $3",
    [reviewId, key, today],
  );
  if (!row) throw new ConflictError('nudge-not-queued', 'The nudge could not be queued; try again.');
  const inserted = existing ? [] : [row];
  const result: QueuedNudge = { reminderId: row.id, queued: inserted.length > 0, step: review.step, recipientRole: role, sendOn: row.send_on, status: row.status };
  if (result.queued) await appendAudit(tx, principal, 'review.nudged', 'review', reviewId, null, { reminderId: row.id, step: review.step, recipientRole: role, recipientPerson: recipient.id });
  return result;
}
