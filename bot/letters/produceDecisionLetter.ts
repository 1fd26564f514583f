import { createHash } from 'node:crypto';
import { deliverySettings, missingSettings, MissingCouncilSettingError } from '../../shared';
import type { Logger } from '../log/logger';
import { silentLogger } from '../log/logger';
import { appendAudit } from '../store/audit';
import type { Db, Queryable } from '../store/db';
import { letterSends, recordLetterSend } from '../store/letters/decisionLetters';
import type { Principal } from '../store/principal';
import { checkIfMatch } from '../store/reviews/writeSupport';
import { CouncilSettingMissingError, LetterMailerError, LetterMailFailedError, LetterMailUnavailableError, NoFamilyAddressError } from './errors';
import { type LetterCase, type LetterRecipient, loadLetterCase } from './letterCase';
import type { LetterMailer } from './mailer';
import { renderLetter } from './render';

/** What the letter service needs from its surroundings. */
export interface LetterDeps {
  /** Graph mail for the council's shared mailbox; absent when the service has no Graph settings. */
  mailer: LetterMailer | undefined;
  /** Today in Europe/London. */
  today: string;
  logger?: Logger;
}

export interface ProduceLetterOptions extends LetterDeps {
  /** Send again although the letter was sent before. */
  resend?: boolean;
  /** The review's ETag; a stale one is refused (412). */
  ifMatch?: string;
}

/** One recorded send. */
export interface LetterSendRecord {
  channel: 'send' | 'draft';
  mailbox: string;
  recipients: LetterRecipient[];
  sentAt: string;
  resend: boolean;
}

/** What happened when the officer (or the bot) asked for the letter to go. */
export type LetterDelivery =
  | ({ status: 'sent' | 'saved-as-draft'; message: string; pdfSha256: string; channelReason?: string } & LetterSendRecord)
  | { status: 'already-sent'; message: string; previous: LetterSendRecord };

/**
 * Produces the decision letter of a review and delivers it as the council's settings say:
 * mailed from the council's shared mailbox to the family and the school on the case
 * (`send`), or saved in that mailbox's Drafts for an officer to check and send (`draft`),
 * with the PDF attached. A decision to amend always goes as a draft: the amendment notice,
 * the current plan and the evidence must go with it (Reg 22(2); R (L) v Devon CC [2022]),
 * and the service does not hold those files.
 *
 * The first delivery is recorded (when, by whom, to whom, which channel, the PDF's hash)
 * with an audit entry; a later call without `resend` sends nothing and answers
 * `already-sent` with the earlier record. The review row is locked for the duration, so two
 * concurrent calls send once. A missing setting is refused (409, naming it) before
 * anything is sent. Subjects and logs carry the child's initials and reference only.
 *
 * This is the function the Teams bot's decision flow calls after a decision.
 *
 * @example await produceDecisionLetter(db, officer, reviewId, { mailer, today: '2027-02-02' }) //=> { status: 'sent', channel: 'send', recipients: [...] }
 */
export function produceDecisionLetter(db: Db, principal: Principal, reviewId: string, options: ProduceLetterOptions): Promise<LetterDelivery> {
  return db.transaction((tx) => deliverDecisionLetter(tx, principal, reviewId, options));
}

/** {@link produceDecisionLetter} inside the caller's transaction (the API's idempotent write). */
export async function deliverDecisionLetter(tx: Queryable, principal: Principal, reviewId: string, options: ProduceLetterOptions): Promise<LetterDelivery> {
  const logger = options.logger ?? silentLogger;
  const found = await loadLetterCase(tx, principal, reviewId, options.today, true);
  checkIfMatch(found.review, options.ifMatch);
  const previous: LetterSendRecord[] = await letterSends<LetterRecipient>(tx, reviewId);
  const last = previous.at(-1);
  if (last && !options.resend) {
    return {
      status: 'already-sent',
      previous: last,
      message: `The letter was already ${last.channel === 'send' ? 'sent' : 'saved as a draft'} on ${last.sentAt.slice(0, 10)} to ${last.recipients.map((r) => r.email).join(', ')}; nothing was sent now. Ask again with "resend": true to send it again.`,
    };
  }
  const missing = missingSettings(found.settings, deliverySettings);
  if (missing.length > 0) throw new CouncilSettingMissingError(missing, new MissingCouncilSettingError(missing, 'sent').message);
  const family = found.recipients.filter((r) => r.role !== 'school');
  if (family.length === 0) throw new NoFamilyAddressError();
  if (!options.mailer) {
    throw new LetterMailUnavailableError('Sending letters needs Microsoft Graph, which this service is not set up for: set EHCP_GRAPH_CLIENT_ID and EHCP_GRAPH_CLIENT_SECRET (see env.template). Meanwhile download the letter and send it yourself.');
  }
  if (!found.tenantId) {
    throw new LetterMailUnavailableError("The council has no Microsoft 365 tenant id registered, so the service cannot act in its shared mailbox; an administrator sets the organisation's tenant id.");
  }

  const pdf = await renderLetter(found.letter, 'pdf');
  const pdfSha256 = createHash('sha256').update(pdf).digest('hex');
  const mailbox = found.settings.sharedMailbox as string;
  const channel = found.outcome === 'amend' ? 'draft' : (found.settings.letterDelivery as 'send' | 'draft');
  const mail = letterMail(found, pdf);
  let messageId: string | null = null;
  try {
    if (channel === 'send') await options.mailer.send(found.tenantId, mailbox, mail);
    else messageId = (await options.mailer.saveDraft(found.tenantId, mailbox, mail)).messageId;
  } catch (error) {
    if (error instanceof LetterMailerError) {
      logger.warn('decision letter not delivered', { reviewId, child: found.label, channel, code: error.code });
      throw new LetterMailFailedError(error.code, error.message);
    }
    throw error;
  }

  const resend = previous.length > 0;
  const sentAt = await recordLetterSend(tx, principal, { reviewId, outcome: found.outcome, channel, mailbox, recipients: found.recipients, resend, pdfSha256, messageId });
  const record: LetterSendRecord = { channel, mailbox, recipients: found.recipients, sentAt, resend };
  await appendAudit(tx, principal, channel === 'send' ? 'decision-letter.sent' : 'decision-letter.drafted', 'review', reviewId, last ?? null, { ...record, pdfSha256 });
  logger.info('decision letter delivered', { reviewId, child: found.label, channel, recipients: found.recipients.length, resend });
  const to = found.recipients.map((r) => r.email).join(', ');
  const channelReason =
    found.outcome === 'amend' && found.settings.letterDelivery === 'send'
      ? 'A letter proposing amendments is saved as a draft so the amendment notice, the current plan and the evidence can be attached before it goes (Reg 22(2)).'
      : undefined;
  return {
    status: channel === 'send' ? 'sent' : 'saved-as-draft',
    ...record,
    pdfSha256,
    message: channel === 'send' ? `The letter was sent from ${mailbox} to ${to}.` : `The letter is in the Drafts folder of ${mailbox}, addressed to ${to}; check it and send it from Outlook.`,
    ...(channelReason ? { channelReason } : {}),
  };
}

/** The covering email: initials and reference in the subject, the letter attached as a PDF. */
function letterMail(found: LetterCase, pdf: Buffer) {
  const s = found.settings;
  const family = found.recipients.filter((r) => r.role !== 'school');
  const school = found.recipients.filter((r) => r.role === 'school');
  const html = [
    `<p>${escapeHtml(found.letter.salutation)}</p>`,
    `<p>Please find attached our decision after the annual review of the Education, Health and Care plan for ${escapeHtml(found.label)}. The letter explains what happens next and the dates that matter.</p>`,
    `<p>If you have questions, contact the ${escapeHtml(s.sendTeamName ?? '')} on ${escapeHtml(s.sendTeamPhone ?? '')} or at ${escapeHtml(s.sendTeamEmail ?? '')}.</p>`,
    `<p>${escapeHtml(s.sendTeamName ?? '')}, ${escapeHtml(s.councilName ?? '')}</p>`,
  ].join('\n');
  return {
    to: family.map((r) => ({ email: r.email, ...(r.name ? { name: r.name } : {}) })),
    cc: school.map((r) => ({ email: r.email, ...(r.name ? { name: r.name } : {}) })),
    subject: `Annual review decision: ${found.label}`,
    body: { html },
    attachments: [{ name: `${found.fileName}.pdf`, contentType: 'application/pdf', content: pdf }],
  };
}

function escapeHtml(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
