import type { Finding } from '../../shared';

/** One thing wrong with a request, named by the field to fix. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * Every code a {@link ServiceError} may carry. Each has its HTTP status in the service's
 * error catalogue (`bot/api/errorCatalogue.ts`), which the compiler keeps complete.
 */
export type ServiceErrorCode =
  | 'invalid-input'
  | 'not-found'
  | 'forbidden'
  | 'stale-write'
  | 'meeting-blocked'
  | 'too-many-rows'
  | 'idempotency-key-in-use'
  | 'idempotency-key-reused'
  /** 409s: the review is not at the step the write needs. */
  | 'meeting-already-held'
  | 'not-awaiting-decision'
  | 'report-not-expected'
  | 'not-amending'
  | 'family-window-open'
  | 'review-concluded'
  /** Decision letters (bot/letters). */
  | 'no-decision-yet'
  /** After the decision (#25): drafts, representations, the final plan. */
  | 'no-letter-draft'
  | 'letter-draft-stale'
  | 'not-amend-decision'
  | 'amendment-outcome-recorded'
  | 'council-setting-missing'
  | 'letter-not-ready'
  | 'no-family-email'
  | 'mail-not-configured'
  | 'mail-failed'
  | 'mail-outcome-unknown'
  /** Advice links (bot/store/advice). */
  | 'advice-link-not-possible'
  /** The Outlook add-in's Graph calls (bot/api/outlookErrors). */
  | 'graph-not-configured'
  | 'teams-meeting-failed'
  | 'attachment-failed'
  | 'advice-not-in-drive'
  | 'meeting-not-booked'
  /** The dashboard's nudge (bot/store/reminders/queueNudge). */
  | 'no-one-to-nudge'
  | 'nudge-not-queued'
  /** The meeting report (bot/app/meetingReport). */
  | 'report-submitted'
  /** Onboarding (bot/store/onboarding). */
  | 'organisation-kind'
  | 'already-removed'
  // every review (#23): the cease steps
  | 'not-ceasing'
  | 'cease-consultation-open'
  | 'not-startable'
  | 'review-already-due'
  | 'plan-kept-until'
  /** Security (#19): the store is out of reach; retry later. */
  | 'store-unavailable'
  /** Placements and plan transfers (bot/store/placements, #26). */
  | 'setting-already-registered'
  | 'plan-not-transferable'
  | 'council-not-on-service'
  /** Erasure (#29 item 3): the confirmation sent is not the one the first step gave. */
  | 'erasure-not-confirmed';

/**
 * A refusal the caller can act on. The HTTP layer turns `status` into the response
 * code and `message` (plus `problems` or `findings`) into the body.
 */
export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: ServiceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidInputError extends ServiceError {
  constructor(readonly problems: FieldProblem[]) {
    super(400, 'invalid-input', problems.map((p) => `${p.field}: ${p.message}`).join('; '));
  }
}

/** Unknown id, or a case of another organisation: the two are answered alike so existence is not revealed. */
export class NotFoundError extends ServiceError {
  constructor(what: string) {
    super(404, 'not-found', `${what} was not found, or is not one your organisation can see.`);
  }
}

export class ForbiddenError extends ServiceError {
  constructor(message: string) {
    super(403, 'forbidden', message);
  }
}

export class ConflictError extends ServiceError {
  constructor(code: ServiceErrorCode, message: string) {
    super(409, code, message);
  }
}

export class PreconditionFailedError extends ServiceError {
  constructor(current: string, message?: string) {
    super(412, 'stale-write', message ?? `The review has changed since you read it (it is now at ${current}); reload it and make your change again.`);
  }
}

/** The meeting proposal breaks a statutory rule; nothing was stored. */
export class ProposalBlockedError extends ServiceError {
  constructor(readonly findings: Finding[]) {
    super(422, 'meeting-blocked', 'The proposed meeting would not be compliant; change what the findings say and propose it again.');
  }
}

/** The import holds more rows than the configured limit; nothing was stored. */
export class TooManyRowsError extends ServiceError {
  constructor(readonly maxRows: number) {
    super(413, 'too-many-rows', `The caseload has more than ${maxRows} rows, the most one import takes; split it into smaller files (or ask your administrator to raise IMPORT_MAX_ROWS).`);
  }
}

/** The store (PostgreSQL) could not be reached or went away mid-request: nothing was saved; retry shortly. */
export class StoreUnavailableError extends ServiceError {
  constructor() {
    super(503, 'store-unavailable', 'The service cannot reach its database just now, so nothing was saved; try again in a few seconds.');
  }
}
