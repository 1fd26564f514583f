import { daysBetween, familyResponseBy, longDate } from '../../shared';
import type { Logger } from '../log/logger';
import { silentLogger } from '../log/logger';
import { appendAudit } from '../store/audit';
import type { Db, Queryable } from '../store/db';
import { InvalidInputError } from '../store/errors';
import { markMailingSent, pendingDraft, type SentLetter, supersedeMailing } from '../store/letters/lettersSent';
import type { Principal } from '../store/principal';
import { recordDecisionSent } from '../store/reviews/decisionSent';
import { checkIfMatch } from '../store/reviews/writeSupport';
import { LetterDraftStaleError, LetterMailerError, LetterMailFailedError, NoDraftError } from './errors';
import { decisionDocuments, type LetterContext, type LetterRecipient, loadLetterContext, servedOn } from './letterCase';
import { checkCanMail, deliverMailing, encloseEvidence, keepAndRecord, type LetterFiles, renderDocuments } from './deliverMailing';
import type { LetterMailer } from './mailer';
import { letterSends, recordLetterSend } from '../store/letters/decisionLetters';

/** What the letter service needs from its surroundings. */
export interface LetterDeps {
  /** Graph mail for the council's shared mailbox; absent when the service has no Graph settings. */
  mailer: LetterMailer | undefined;
  /** Where copies of the letters sent are kept (the review's SharePoint folder). */
  files?: LetterFiles | undefined;
  /** Today in Europe/London. */
  today: string;
  logger?: Logger;
}

export interface ProduceLetterOptions extends LetterDeps {
  /** Send again although the letter was sent before. */
  resend?: boolean;
  /** Replace a draft that waits in Drafts with one dated today. */
  regenerate?: boolean;
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
  | ({ status: 'sent' | 'saved-as-draft'; message: string; pdfSha256: string; letterDate: string; letters: SentLetter[]; familyContact: 'email' | null } & LetterSendRecord)
  | { status: 'already-sent'; message: string; previous: LetterSendRecord }
  | { status: 'to-post'; familyContact: 'post'; message: string };

/**
 * Produces the decision letter of a review, dated the day it goes, and delivers it as the
 * council's settings say: mailed from the council's shared mailbox to the family with the
 * school copied (`send`), or saved in that mailbox's Drafts for an officer to check and
 * send through {@link sendDecisionDraft} (`draft`). A decision to amend goes with its
 * amendment notice attached (Reg 22(2); R (L) v Devon CC [2022]).
 *
 * Sent now, the decision is notified today and every period runs from today. Each
 * document's exact PDF is kept in the review's SharePoint folder and recorded with its
 * hash; the first delivery is also recorded as before (decision_letters) with an audit
 * entry. A later call without `resend` sends nothing and answers `already-sent`, unless a
 * draft waits and `regenerate` asks for it to be replaced by one dated today. The review
 * row is locked for the duration, so two concurrent calls send once. A missing setting is
 * refused (409, naming it) before anything is sent. Subjects and logs carry initials and
 * reference only.
 *
 * @example await produceDecisionLetter(db, officer, reviewId, { mailer, today: '2027-02-02' }) //=> { status: 'sent', channel: 'send', letterDate: '2027-02-02', ... }
 */
export function produceDecisionLetter(db: Db, principal: Principal, reviewId: string, options: ProduceLetterOptions): Promise<LetterDelivery> {
  return db.transaction((tx) => deliverDecisionLetter(tx, principal, reviewId, options));
}

/** {@link produceDecisionLetter} inside the caller's transaction (the API's idempotent write). */
export async function deliverDecisionLetter(tx: Queryable, principal: Principal, reviewId: string, options: ProduceLetterOptions): Promise<LetterDelivery> {
  const logger = options.logger ?? silentLogger;
  const ctx = await loadLetterContext(tx, principal, reviewId, options.today, true, options.ifMatch);
  checkIfMatch(ctx.review, options.ifMatch);
  const previous = await previousSends(tx, reviewId);
  const last = previous.at(-1);
  const waiting = await pendingDraft(tx, reviewId, 'decision');
  const replacing = options.regenerate === true && waiting.length > 0;
  if (last && !options.resend && !replacing) {
    const draftNote = waiting.length > 0 ? ` It is still in Drafts, dated ${waiting[0]?.letterDate}: send it (POST /api/reviews/{id}/letter/send-draft), or ask again with "regenerate": true for one dated today.` : '';
    return {
      status: 'already-sent',
      previous: last,
      message: `The letter was already ${last.channel === 'send' ? 'sent' : 'saved as a draft'} on ${last.sentAt.slice(0, 10)} to ${last.recipients.map((r) => r.email).join(', ')}; nothing was sent now. Ask again with "resend": true to send it again.${draftNote}`,
    };
  }
  if (ctx.familyContact === 'post') {
    // Email is service only where the family agreed to it: these go by post, dated the day they are posted.
    const what = ctx.outcome === 'amend' ? 'the decision letter and the amendment notice (with the proposed amendments and the evidence)' : 'the decision letter';
    logger.info('decision letter marked for post', { reviewId, child: ctx.label });
    return {
      status: 'to-post',
      familyContact: 'post',
      message: `The family asked to be written to by post, so nothing was emailed. Print ${what}, post them to the family and the head teacher, then record the day posted (POST /api/reviews/{id}/letter/posted): they are dated that day, and the family's dates run from the day they arrive.`,
    };
  }
  const channel = ctx.settings.letterDelivery === 'draft' ? 'draft' : 'email';
  const { to, cc } = decisionRecipients(ctx);
  checkCanMail(options, ctx, to);
  const amend = ctx.outcome === 'amend';
  const enclosures = amend ? await encloseEvidence(options, ctx) : { ctx, extra: [] };
  const documents = decisionDocuments(enclosures.ctx, options.today, channel);
  const result = await deliverMailing(tx, principal, options, {
    ctx,
    documents,
    extra: enclosures.extra,
    to,
    cc,
    channel,
    today: options.today,
    subject: `Annual review decision: ${ctx.label}`,
    intro: `Please find attached our decision after the annual review of the Education, Health and Care plan for ${ctx.label}${amend ? ', with the notice of the changes we propose' : ''}. The letter explains what happens next and the dates that matter.`,
  });
  for (const old of replacing ? waiting : []) await supersedeMailing(tx, old.mailing);
  if (channel === 'email') await recordDecisionSent(tx, principal, ctx.review, options.today, options.today, options.today);

  const decisionPdf = result.letters.find((l) => l.kind === 'decision')?.pdfSha256 as string;
  const legacyChannel = channel === 'email' ? 'send' : 'draft';
  const recipients = [...to, ...cc];
  const sentAt = await recordLetterSend(tx, principal, {
    reviewId,
    outcome: ctx.outcome,
    channel: legacyChannel,
    mailbox: result.mailbox,
    recipients,
    resend: previous.length > 0,
    pdfSha256: decisionPdf,
    messageId: result.messageId,
  });
  const record: LetterSendRecord = { channel: legacyChannel, mailbox: result.mailbox, recipients, sentAt, resend: previous.length > 0 };
  await appendAudit(tx, principal, channel === 'email' ? 'decision-letter.sent' : 'decision-letter.drafted', 'review', reviewId, last ?? null, { ...record, pdfSha256: decisionPdf, letterDate: options.today });
  logger.info('decision letter delivered', { reviewId, child: ctx.label, channel: legacyChannel, recipients: recipients.length, resend: record.resend });
  const names = recipients.map((r) => r.email).join(', ');
  return {
    status: channel === 'email' ? 'sent' : 'saved-as-draft',
    familyContact: ctx.familyContact === 'email' ? 'email' : null,
    ...record,
    pdfSha256: decisionPdf,
    letterDate: options.today,
    letters: result.letters,
    message:
      channel === 'email'
        ? `The letter${amend ? ' and the amendment notice' : ''} went by email from ${result.mailbox} to ${names}, dated ${longDate(options.today)}${ctx.familyContact === 'email' ? ', as the family agreed' : ' (no contact preference is recorded for the family: record whether they agreed to email)'}.`
        : `The letter${amend ? ' and the amendment notice' : ''} are in the Drafts folder of ${result.mailbox}, addressed to ${names} and dated ${longDate(options.today)}. Send them today (POST /api/reviews/{id}/letter/send-draft): a draft sent on a later day is refused, because its dates would be wrong.`,
  };
}

/**
 * Sends the decision letter waiting in the shared mailbox's Drafts, as it is, when it is
 * dated today. A draft dated earlier would give the family fewer days than its own text
 * promises (the 15 days of Reg 22(2)(c), or an appeal date counted from the wrong day), so
 * it is refused until regenerated.
 *
 * @throws NoDraftError (409) when no draft waits; LetterDraftStaleError (409) when it is dated before today
 */
export async function sendDecisionDraft(tx: Queryable, principal: Principal, reviewId: string, options: LetterDeps & { ifMatch?: string }): Promise<{ status: 'sent'; letterDate: string; letters: SentLetter[]; message: string }> {
  const ctx = await loadLetterContext(tx, principal, reviewId, options.today, true, options.ifMatch);
  checkIfMatch(ctx.review, options.ifMatch);
  const waiting = await pendingDraft(tx, reviewId, 'decision');
  const first = waiting[0];
  if (!first?.graphMessageId || !first.mailbox) throw new NoDraftError();
  if (first.letterDate !== options.today) throw new LetterDraftStaleError(staleReason(ctx, first.letterDate, options.today));
  checkCanMail(options, ctx, decisionRecipients(ctx).to);
  try {
    await (options.mailer as LetterMailer).sendDraft(ctx.tenantId as string, first.mailbox, first.graphMessageId);
  } catch (error) {
    if (error instanceof LetterMailerError) throw new LetterMailFailedError(error.code, error.message);
    throw error;
  }
  await markMailingSent(tx, first.mailing, options.today);
  await recordDecisionSent(tx, principal, ctx.review, options.today, options.today, options.today);
  await appendAudit(tx, principal, 'letters.sent', 'review', reviewId, null, { mailing: first.mailing, sentOn: options.today, graphMessageId: first.graphMessageId });
  return { status: 'sent', letterDate: options.today, letters: waiting.map((l) => ({ ...l, sentOn: options.today })), message: `The draft dated ${longDate(first.letterDate)} went from ${first.mailbox} today.` };
}

/**
 * Records that the officer posted the decision letter (and the notice) on `postedOn`: the
 * documents are written dated that day, kept in SharePoint and recorded as posted; the
 * decision is notified that day and the notice served after the delivery allowance.
 */
export async function recordDecisionPosted(tx: Queryable, principal: Principal, reviewId: string, postedOn: string, options: LetterDeps & { ifMatch?: string }) {
  const ctx = await loadLetterContext(tx, principal, reviewId, options.today, true, options.ifMatch);
  checkIfMatch(ctx.review, options.ifMatch);
  if (postedOn > options.today) throw new InvalidInputError([{ field: 'postedOn', message: `${postedOn} is in the future; record the letter once it has been posted` }]);
  if (ctx.review.meeting_date && postedOn < ctx.review.meeting_date) throw new InvalidInputError([{ field: 'postedOn', message: `${postedOn} is before the meeting on ${ctx.review.meeting_date}` }]);
  const rendered = await renderDocuments(decisionDocuments(ctx, postedOn, 'post'));
  const family = decisionRecipients(ctx);
  const letters = await keepAndRecord(tx, principal, options, ctx, rendered, {
    channel: 'post',
    sentOn: postedOn,
    mailbox: null,
    graphMessageId: null,
    recipients: family.to.length > 0 ? [...family.to, ...family.cc] : [{ role: ctx.addressee.kind === 'alternative-person' ? 'young-person' : ctx.addressee.kind, name: ctx.addressee.name, email: '' }],
  });
  for (const old of await pendingDraft(tx, reviewId, 'decision')) await supersedeMailing(tx, old.mailing);
  const served = servedOn(ctx, postedOn, 'post');
  await recordDecisionSent(tx, principal, ctx.review, postedOn, served, options.today);
  return { status: 'posted' as const, letterDate: postedOn, servedOn: served, letters, message: `Recorded as posted on ${longDate(postedOn)}; the notice counts as served on ${longDate(served)}.` };
}

/** The family (to) and the head teacher or principal (copied): Reg 20(10). */
function decisionRecipients(ctx: LetterContext): { to: LetterRecipient[]; cc: LetterRecipient[] } {
  return { to: ctx.recipients.filter((r) => r.role !== 'school'), cc: ctx.recipients.filter((r) => r.role === 'school') };
}

function staleReason(ctx: LetterContext, draftDate: string, today: string): string {
  const late = daysBetween(draftDate, today);
  const regenerate = 'Regenerate it dated today (POST /api/reviews/{id}/letter/send with "regenerate": true), then send that.';
  if (ctx.outcome === 'amend') {
    const left = daysBetween(today, familyResponseBy(draftDate)) + 1;
    return `The draft is dated ${longDate(draftDate)}, ${late} day${late === 1 ? '' : 's'} ago. Sent today, it would give the family until ${longDate(familyResponseBy(draftDate))}: ${Math.max(left, 0)} days, fewer than the 15 Reg 22(2)(c) requires. ${regenerate}`;
  }
  return `The draft is dated ${longDate(draftDate)}, ${late} day${late === 1 ? '' : 's'} ago; sent today, its date and the appeal date in it would be wrong (they run from the day it is sent). ${regenerate}`;
}

function previousSends(tx: Queryable, reviewId: string): Promise<LetterSendRecord[]> {
  return letterSends<LetterRecipient>(tx, reviewId);
}
