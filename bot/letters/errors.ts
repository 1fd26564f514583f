import type { CouncilSettingName } from '../../shared';
import { ServiceError } from '../store/errors';

/** No decision is recorded on the review, so there is nothing to write yet. */
export class NoDecisionYetError extends ServiceError {
  constructor(status: string) {
    super(409, 'no-decision-yet', `This review is ${status} and has no decision recorded yet; record the decision first, then the letter can be written.`);
  }
}

/** The letter (or sending it) needs council settings that are not set. */
export class CouncilSettingMissingError extends ServiceError {
  readonly details: { settings: CouncilSettingName[] };
  constructor(settings: CouncilSettingName[], message: string) {
    super(409, 'council-setting-missing', `${message} (PUT /api/council/settings)`);
    this.details = { settings };
  }
}

/** A letter fact the review does not hold yet (e.g. the amendment notice date). */
export class LetterNotReadyError extends ServiceError {
  constructor(message: string) {
    super(409, 'letter-not-ready', message);
  }
}

/** Nobody on the case can receive the letter by email. */
export class NoFamilyAddressError extends ServiceError {
  constructor() {
    super(409, 'no-family-email', 'The case has no email address for the parent or young person; add it to their invitation (POST /api/reviews/{id}/meeting), or download the letter and post it.');
  }
}

/** Sending needs Microsoft Graph, and the service or the council is not set up for it. */
export class LetterMailUnavailableError extends ServiceError {
  constructor(message: string) {
    super(503, 'mail-not-configured', message);
  }
}

/**
 * Microsoft Graph refused or failed the send; nothing was recorded. `graph-outcome-unknown`
 * (the connection dropped after the request went) may have sent it: the message says to
 * look in the shared mailbox's Sent Items before sending again.
 */
export class LetterMailFailedError extends ServiceError {
  readonly details: { graphCode: string };
  constructor(graphCode: string, message: string) {
    const unknown = graphCode === 'graph-outcome-unknown';
    super(unknown ? 504 : 502, unknown ? 'mail-outcome-unknown' : 'mail-failed', unknown ? `${message} Check the shared mailbox's Sent Items before sending again.` : `The letter was not sent: ${message}`);
    this.details = { graphCode };
  }
}

/** What a {@link LetterMailer} throws when Graph refuses or fails: the Graph or identity error's code and message. */
export class LetterMailerError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'LetterMailerError';
  }
}

/** No draft of the letter waits in the shared mailbox's Drafts. */
export class NoDraftError extends ServiceError {
  constructor() {
    super(409, 'no-letter-draft', 'No draft of this letter is waiting to be sent; produce it first (POST /api/reviews/{id}/letter/send).');
  }
}

/** The draft is dated before today: sent now, the family would get fewer days than it says. */
export class LetterDraftStaleError extends ServiceError {
  constructor(message: string) {
    super(409, 'letter-draft-stale', message);
  }
}
