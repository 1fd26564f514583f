import { createHash, randomUUID } from 'node:crypto';
import { type AdviceStorage, reviewFolderPath } from '../advice/storage';
import type { Logger } from '../log/logger';
import { silentLogger } from '../log/logger';
import { adviceDriveFor } from '../store/advice/openRequests';
import { appendAudit } from '../store/audit';
import type { Queryable } from '../store/db';
import { insertSentLetter, type NewSentLetter, type SentLetter } from '../store/letters/lettersSent';
import type { Principal } from '../store/principal';
import { deliverySettings, MissingCouncilSettingError, missingSettings } from '../../shared';
import { CouncilSettingMissingError, LetterMailerError, LetterMailFailedError, LetterMailUnavailableError, NoFamilyAddressError } from './errors';
import type { LetterContext, LetterDocument, LetterRecipient } from './letterCase';
import type { LetterMailer } from './mailer';
import { renderLetter } from './render';
import { escapeHtml } from '../html/escapeHtml';

/** Where the copies of letters sent are kept: the review's folder in the council's library, beside the advice. */
export interface LetterFiles {
  storage: AdviceStorage | undefined;
  /** The library when the council has none registered (ADVICE_DRIVE_ID). */
  defaultDriveId: string | undefined;
}

/** What sending letters needs from its surroundings. */
export interface MailingDeps {
  /** Graph mail for the council's shared mailbox; absent when the service has no Graph settings. */
  mailer: LetterMailer | undefined;
  files?: LetterFiles | undefined;
  logger?: Logger | undefined;
}

/** One mailing: the documents, who gets them, and how. */
export interface Mailing {
  ctx: LetterContext;
  documents: LetterDocument[];
  to: LetterRecipient[];
  cc: LetterRecipient[];
  subject: string;
  /** The covering email's one paragraph about what is attached. */
  intro: string;
  channel: 'email' | 'draft';
  today: string;
  /** Files sent with the letters that are not letters (the final amended plan itself). */
  extra?: { name: string; contentType: string; content: Buffer }[] | undefined;
}

/** A document rendered: its PDF bytes and hash. */
export interface RenderedDocument extends LetterDocument {
  pdf: Buffer;
  pdfSha256: string;
}

export interface MailingResult {
  mailing: string;
  channel: 'email' | 'draft';
  mailbox: string;
  messageId: string | null;
  letters: SentLetter[];
}

/** Refuses, naming what to fix, anything that would stop a mailing before a byte is sent. */
export function checkCanMail(deps: MailingDeps, ctx: LetterContext, to: LetterRecipient[]): void {
  const missing = missingSettings(ctx.settings, deliverySettings);
  if (missing.length > 0) throw new CouncilSettingMissingError(missing, new MissingCouncilSettingError(missing, 'sent').message);
  // A family who asked for post gets their copy by post; the mailing is then for the school and others only.
  if (ctx.familyContact !== 'post' && !to.some((r) => r.role === 'parent' || r.role === 'young-person')) throw new NoFamilyAddressError();
  if (!deps.mailer) {
    throw new LetterMailUnavailableError('Sending letters needs Microsoft Graph, which this service is not set up for: set EHCP_GRAPH_CLIENT_ID and EHCP_GRAPH_CLIENT_SECRET (see env.template). Meanwhile download the letter, post it, and record it as posted.');
  }
  if (!ctx.tenantId) {
    throw new LetterMailUnavailableError("The council has no Microsoft 365 tenant id registered, so the service cannot act in its shared mailbox; an administrator sets the organisation's tenant id.");
  }
}

/** The most one piece of evidence may be to go attached (larger ones are offered on request). */
const MAX_ENCLOSURE_BYTES = 10 * 1024 * 1024;

/**
 * Copies of the evidence to enclose with an amendment notice (Reg 22(2)(a)): each advice file
 * held in the council's library is read and attached. One that cannot be read is not
 * enclosed; the notice then tells the family to ask for it, rather than promising a copy.
 */
export async function encloseEvidence(deps: MailingDeps, ctx: LetterContext): Promise<{ ctx: LetterContext; extra: NonNullable<Mailing['extra']> }> {
  const storage = deps.files?.storage;
  const extra: NonNullable<Mailing['extra']> = [];
  const evidence: LetterContext['evidence'] = [];
  for (const item of ctx.evidence) {
    let enclosed = false;
    if (item.file && storage?.read) {
      try {
        const content = await storage.read(ctx.tenantId, item.file, MAX_ENCLOSURE_BYTES);
        extra.push({ name: item.file.name, contentType: item.file.name.toLowerCase().endsWith('.pdf') ? 'application/pdf' : 'application/octet-stream', content });
        enclosed = true;
      } catch (error) {
        (deps.logger ?? silentLogger).warn('evidence not enclosed with the amendment notice', { reviewId: ctx.review.id, reason: (error as Error).message });
      }
    }
    evidence.push({ ...item, enclosed });
  }
  return { ctx: { ...ctx, evidence }, extra };
}

/** Renders each document to PDF and hashes the exact bytes. */
export async function renderDocuments(documents: LetterDocument[]): Promise<RenderedDocument[]> {
  const out: RenderedDocument[] = [];
  for (const d of documents) {
    const pdf = await renderLetter(d.letter, 'pdf');
    out.push({ ...d, pdf, pdfSha256: createHash('sha256').update(pdf).digest('hex') });
  }
  return out;
}

/**
 * Mails the documents from the council's shared mailbox (sent now, or saved in its Drafts),
 * keeps each PDF's exact bytes in the review's SharePoint folder beside the advice, and
 * records each document with its hash, date, channel, Graph message id and recipients,
 * with an audit entry. A copy that cannot be stored does not unsend the letter: it is
 * recorded without one and logged for an administrator.
 */
export async function deliverMailing(tx: Queryable, principal: Principal, deps: MailingDeps, m: Mailing): Promise<MailingResult> {
  const logger = deps.logger ?? silentLogger;
  checkCanMail(deps, m.ctx, m.to);
  const rendered = await renderDocuments(m.documents);
  const mailbox = m.ctx.settings.sharedMailbox as string;
  const mail = coveringMail(m, rendered);
  let messageId: string | null = null;
  try {
    if (m.channel === 'email') await (deps.mailer as LetterMailer).send(m.ctx.tenantId as string, mailbox, mail);
    else messageId = (await (deps.mailer as LetterMailer).saveDraft(m.ctx.tenantId as string, mailbox, mail)).messageId;
  } catch (error) {
    if (error instanceof LetterMailerError) {
      logger.warn('letter not delivered', { reviewId: m.ctx.review.id, child: m.ctx.label, channel: m.channel, code: error.code });
      throw new LetterMailFailedError(error.code, error.message);
    }
    throw error;
  }
  const letters = await keepAndRecord(tx, principal, deps, m.ctx, rendered, {
    channel: m.channel,
    sentOn: m.channel === 'email' ? m.today : null,
    mailbox,
    graphMessageId: messageId,
    recipients: [...m.to, ...m.cc],
  });
  return { mailing: letters[0]?.mailing ?? '', channel: m.channel, mailbox, messageId, letters };
}

/** Stores the copies and records the documents of one mailing (emailed, drafted or posted). */
export async function keepAndRecord(
  tx: Queryable,
  principal: Principal,
  deps: MailingDeps,
  ctx: LetterContext,
  rendered: RenderedDocument[],
  how: Pick<NewSentLetter, 'channel' | 'sentOn' | 'mailbox' | 'graphMessageId'> & { recipients: LetterRecipient[] },
): Promise<SentLetter[]> {
  const logger = deps.logger ?? silentLogger;
  const mailing = randomUUID();
  const driveId = deps.files?.storage ? await adviceDriveFor(tx, ctx.review.council_id, deps.files.defaultDriveId) : undefined;
  const letters: SentLetter[] = [];
  for (const d of rendered) {
    let storedCopy: SentLetter['storedCopy'] = null;
    if (deps.files?.storage && driveId) {
      try {
        const saved = await deps.files.storage.save({ tenantId: ctx.tenantId, driveId, path: reviewFolderPath(ctx.review.la_reference, ctx.review.review_deadline) }, `${d.fileName}.pdf`, d.pdf, 'application/pdf');
        storedCopy = { driveId: saved.driveId, itemId: saved.itemId as string };
      } catch (error) {
        logger.error('copy of a letter sent not stored in SharePoint', { reviewId: ctx.review.id, child: ctx.label, kind: d.kind, reason: (error as Error).message });
      }
    } else {
      logger.warn('copy of a letter sent not stored: no SharePoint library for letters (EHCP_GRAPH_* and ADVICE_DRIVE_ID)', { reviewId: ctx.review.id, kind: d.kind });
    }
    const record: NewSentLetter = {
      mailing,
      kind: d.kind,
      title: d.letter.title,
      letterDate: d.letter.date,
      channel: how.channel,
      sentOn: how.sentOn,
      mailbox: how.mailbox,
      graphMessageId: how.graphMessageId,
      recipients: how.recipients.map((r) => ({ role: r.role, name: r.name, email: r.email })),
      fileName: `${d.fileName}.pdf`,
      pdfSha256: d.pdfSha256,
      bytes: d.pdf.length,
      storedCopy,
    };
    const id = await insertSentLetter(tx, ctx.review.id, principal.personId, record);
    letters.push({ ...record, id, superseded: false, sentAt: new Date().toISOString() });
  }
  const action = how.channel === 'draft' ? 'letters.drafted' : how.channel === 'post' ? 'letters.posted' : 'letters.sent';
  await appendAudit(tx, principal, action, 'review', ctx.review.id, null, { mailing, letters: letters.map((l) => ({ kind: l.kind, letterDate: l.letterDate, pdfSha256: l.pdfSha256, storedCopy: l.storedCopy })), recipients: how.recipients });
  logger.info('letters recorded', { reviewId: ctx.review.id, child: ctx.label, channel: how.channel, documents: letters.length });
  return letters;
}

/** The covering email: initials and reference in the subject, every document attached as a PDF. */
function coveringMail(m: Mailing, rendered: RenderedDocument[]) {
  const s = m.ctx.settings;
  const first = rendered[0]?.letter;
  const html = [
    `<p>${escapeHtml(first?.salutation ?? 'Dear parent or carer,')}</p>`,
    `<p>${escapeHtml(m.intro)}</p>`,
    `<p>Attached: ${[...rendered.map((d) => d.letter.title), ...(m.extra ?? []).map((f) => f.name)].map(escapeHtml).join('; ')}.</p>`,
    `<p>If you have questions, contact the ${escapeHtml(s.sendTeamName ?? '')} on ${escapeHtml(s.sendTeamPhone ?? '')} or at ${escapeHtml(s.sendTeamEmail ?? '')}.</p>`,
    `<p>${escapeHtml(s.sendTeamName ?? '')}, ${escapeHtml(s.councilName ?? '')}</p>`,
  ].join('\n');
  const address = (r: LetterRecipient) => ({ email: r.email, ...(r.name ? { name: r.name } : {}) });
  return {
    to: m.to.map(address),
    cc: m.cc.map(address),
    subject: m.subject,
    body: { html },
    attachments: [...rendered.map((d) => ({ name: `${d.fileName}.pdf`, contentType: 'application/pdf', content: d.pdf })), ...(m.extra ?? [])],
  };
}

