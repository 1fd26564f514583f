import { recordDecisionPosted, sendDecisionDraft } from '../../letters/produceDecisionLetter';
import type { WriteResult } from '../../store/idempotency';
import { type AfterDecisionDeps, OFFICERS, type ReviewCall, reviewWrite } from './reviewWrite';
import { letterPostedBody, sendDraftBody } from './schemas';

/**
 * Send the decision letter waiting in Drafts: refused (409 `letter-draft-stale`) when it is
 * dated before today, until it is regenerated, because its periods run from its date.
 */
export function sendLetterDraft(deps: AfterDecisionDeps, call: ReviewCall): Promise<WriteResult> {
  return reviewWrite(deps, call, sendDraftBody, OFFICERS, async (tx, _input, today) => {
    const sent = await sendDecisionDraft(tx, call.principal, call.reviewId, { mailer: deps.mailer, files: deps.files, today, ...(deps.logger ? { logger: deps.logger } : {}), ...(call.ifMatch ? { ifMatch: call.ifMatch } : {}) });
    return { status: 200, body: sent };
  });
}

/** Record the decision letter (and any notice) as posted on a day: dated that day, served after the delivery allowance. */
export function recordLetterPosted(deps: AfterDecisionDeps, call: ReviewCall): Promise<WriteResult> {
  return reviewWrite(deps, call, letterPostedBody, OFFICERS, async (tx, input, today) => {
    const posted = await recordDecisionPosted(tx, call.principal, call.reviewId, input.postedOn, { mailer: deps.mailer, files: deps.files, today, ...(deps.logger ? { logger: deps.logger } : {}), ...(call.ifMatch ? { ifMatch: call.ifMatch } : {}) });
    return { status: 201, body: posted };
  });
}
