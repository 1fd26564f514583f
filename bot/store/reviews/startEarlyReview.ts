import { computeTimeline, earlyReviewSource, interimReviewSource } from '../../../shared';
import { appendAudit } from '../audit';
import type { Queryable } from '../db';
import { ConflictError } from '../errors';
import type { Principal } from '../principal';
import { scheduleReminders } from '../reminders/scheduleReminders';
import { caseInputOf, etagOf, loadReview } from './loadReview';
import { checkIfMatch } from './writeSupport';

export interface EarlyReviewInput {
  kind: 'early' | 'interim';
  reason: string;
}

/**
 * Starts the plan's open review now, before its annual turn, with the reason (a significant
 * change, a transfer review brought forward). It then runs through the same steps as any
 * review (notice, advice, meeting, report, decision). An `early` review is the annual review
 * held early: its decision restarts the 12 months (s44(1)). An `interim` one does not
 * conclude the annual review, so the 12 months run on unless the council's decision says it
 * is the annual review. Only a review not yet booked and not yet due can be started early: a
 * review past its latest meeting date is simply due (book it), and a booked one has started.
 */
export async function startEarlyReview(tx: Queryable, principal: Principal, id: string, input: EarlyReviewInput, today: string, ifMatch?: string) {
  const row = await loadReview(tx, principal, id, today, true);
  checkIfMatch(row, ifMatch);
  if (row.stage !== 'not-booked') throw new ConflictError('not-startable', `This review is ${row.status}: it has already started, so there is nothing to bring forward.`);
  if (row.review_kind && row.review_kind !== 'annual') throw new ConflictError('not-startable', `This review was already started as ${row.review_kind === 'early' ? 'an early' : 'an interim'} review on ${row.early_started_on}.`);
  if (today > row.latest_meeting_date) {
    throw new ConflictError('review-already-due', `This review is already due: its latest meeting date was ${row.latest_meeting_date}. Book it now as the annual review (POST /api/reviews/${id}/meeting); it is late, not early.`);
  }
  const rows = await tx.query<{ version: number }>(
    `update review_cycles set review_kind = $2, early_reason = $3, early_started_on = $4, version = version + 1, updated_at = now() where id = $1 returning version`,
    [id, input.kind, input.reason, today],
  );
  const version = rows[0]?.version ?? row.version + 1;
  const review = { kind: input.kind, startedOn: today, reason: input.reason };
  await appendAudit(tx, principal, `review.${input.kind}-started`, 'review', id, { kind: 'annual' }, review);
  await scheduleReminders(tx, [id], today);
  const timeline = computeTimeline({ ...caseInputOf(row), review });
  return {
    etag: etagOf({ id, version }),
    review: { ...review, source: input.kind === 'early' ? earlyReviewSource : interimReviewSource },
    reviewDeadline: timeline.reviewDeadline,
    warnings: timeline.warnings,
  };
}
