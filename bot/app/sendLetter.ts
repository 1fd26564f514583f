import { deliverDecisionLetter, produceDecisionLetter } from '../letters/produceDecisionLetter';
import { ServiceError } from '../store/errors';
import type { Principal } from '../store/principal';
import { letterSendBody } from './schemas';
import { type AppDeps, type ReviewCall, reviewWrite, type TaskResult } from './task';

/**
 * Send the decision letter as the council's settings say (mailed from its shared mailbox,
 * or saved there as a draft; an amend letter always as a draft). Sent once: asking again
 * answers `already-sent` (200) with the first record unless `resend` is set. A missing
 * setting, no family address or no Graph is refused (409/503) naming what to fix.
 *
 * @example await sendLetter(deps, { principal: officer, reviewId, input: {} }) //=> { status: 201, body: { reviewId, status: 'sent', channel: 'send', recipients: [...] } }
 */
export function sendLetter(deps: AppDeps, call: ReviewCall): Promise<TaskResult> {
  return reviewWrite(deps, call, { endpoint: 'POST /api/reviews/{id}/letter/send', schema: letterSendBody, status: 201 }, async (tx, input, today) => {
    const delivery = await deliverDecisionLetter(tx, call.principal, call.reviewId, {
      mailer: deps.mailer,
      files: deps.letterFiles,
      today,
      logger: deps.logger,
      resend: input.resend ?? false,
      regenerate: input.regenerate ?? false,
      ...(call.ifMatch !== undefined ? { ifMatch: call.ifMatch } : {}),
    });
    return { body: { ...delivery }, status: delivery.status === 'already-sent' || delivery.status === 'to-post' ? 200 : 201 };
  });
}

/** What became of the letter that follows a decision. */
export interface LetterOutcome {
  status: 'sent' | 'saved-as-draft' | 'already-sent' | 'not-sent' | 'to-post';
  /** What happened, or what to fix before sending it from the review (`not-sent`). */
  message: string;
  /** The error code when it was not sent (`council-setting-missing`, `letter-mail-unavailable`, ...). */
  error?: string;
}

/**
 * The letter that follows a decision, in its own transaction after the decision's has
 * committed: the decision stands whatever happens here. A letter that cannot go (a council
 * setting missing, Graph not set up, Graph failing) is logged and answered with what to
 * fix; the officer then sends it from the review (`sendLetter`).
 */
export async function letterAfterDecision(deps: AppDeps, principal: Principal, reviewId: string): Promise<LetterOutcome> {
  try {
    const delivery = await produceDecisionLetter(deps.db, principal, reviewId, { mailer: deps.mailer, files: deps.letterFiles, today: deps.today(), logger: deps.logger });
    deps.logger.info('decision letter after the decision', { reviewId, status: delivery.status });
    return { status: delivery.status, message: delivery.message };
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    deps.logger.warn('decision letter not sent after the decision; send it from the review', { reviewId, code: error.code, reason: error.message });
    return { status: 'not-sent', error: error.code, message: `The decision is recorded, but its letter was not sent: ${error.message}` };
  }
}
