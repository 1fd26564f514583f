import { z } from 'zod';
import { type AttachOptions, attachFiles, type FileToAttach, SMALL_ATTACHMENT_LIMIT } from './attachments';
import type { GraphClient } from './client';
import { GraphCallError, GraphInputError, type GraphOperation } from './errors';
import { type Mailbox, mailboxPath } from './mailboxPath';
import { invalid } from './paging';

const OPS = {
  send: { name: 'send the letter', permissions: { delegated: 'Mail.Send', application: 'Mail.Send' } },
  sendShared: { name: 'send the letter from the shared mailbox', permissions: { delegated: 'Mail.Send.Shared', application: 'Mail.Send' } },
  draft: { name: 'prepare the letter with large attachments', permissions: { delegated: 'Mail.ReadWrite', application: 'Mail.ReadWrite' } },
} satisfies Record<string, GraphOperation>;

/** A single request may carry this much JSON; above it, a draft with upload sessions is used. */
const INLINE_REQUEST_LIMIT = 3_800_000;

const recipient = z.object({ email: z.string().trim().email('must be an email address'), name: z.string().trim().min(1).max(255).optional() });
const mailSchema = z.object({
  to: z.array(recipient).min(1, 'needs at least one recipient'),
  cc: z.array(recipient).default([]),
  subject: z.string().trim().min(1, 'must not be empty').max(255),
  body: z.union([z.object({ html: z.string() }), z.object({ text: z.string() })]),
  attachments: z.array(z.custom<FileToAttach>((v) => typeof v === 'object' && v !== null && Buffer.isBuffer((v as FileToAttach).content))).default([]),
  saveToSentItems: z.boolean().default(true),
});

/** A letter to send. */
export type MailInput = z.input<typeof mailSchema>;

/** How the message went out. */
export interface SentMailResult {
  via: 'sendMail' | 'draft';
  /** Draft id when the draft route was used. */
  messageId?: string;
}

function address(r: z.infer<typeof recipient>) {
  return { emailAddress: { address: r.email, ...(r.name ? { name: r.name } : {}) } };
}

function parseMail(input: MailInput) {
  const parsed = mailSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'input';
    throw new GraphInputError(field, `${field} ${issue?.message ?? 'is not valid'}`);
  }
  return parsed.data;
}

/** The message and its attachments (inline, base64) in Graph's shape, for a draft or a send. */
function graphMessage(m: ReturnType<typeof parseMail>) {
  const message = {
    subject: m.subject,
    body: 'html' in m.body ? { contentType: 'html', content: m.body.html } : { contentType: 'text', content: m.body.text },
    toRecipients: m.to.map(address),
    ...(m.cc.length > 0 ? { ccRecipients: m.cc.map(address) } : {}),
  };
  const inline = m.attachments.map((f) => ({
    '@odata.type': '#microsoft.graph.fileAttachment',
    name: f.name,
    contentType: f.contentType ?? 'application/octet-stream',
    contentBytes: f.content.toString('base64'),
  }));
  return { message, inline };
}

/**
 * Saves a message in `mailbox`'s Drafts, attachments included, for a person to check and
 * send from Outlook. Small attachments go in the one create request; when they would
 * exceed Graph's 4 MB request limit they are attached to the draft afterwards.
 *
 * @example const { messageId } = await saveDraft(gc, 'sen-team@council.gov.uk', { to, subject, body: { html }, attachments: [letter] })
 */
export async function saveDraft(gc: GraphClient, mailbox: Mailbox, input: MailInput): Promise<{ messageId: string }> {
  const m = parseMail(input);
  const base = mailboxPath(mailbox);
  const { message, inline } = graphMessage(m);
  const small = Buffer.byteLength(JSON.stringify({ ...message, attachments: inline })) <= INLINE_REQUEST_LIMIT;
  const raw = await gc.call(OPS.draft, (sdk) => sdk.api(`${base}/messages`).post(small && inline.length > 0 ? { ...message, attachments: inline } : message));
  const draft = z.object({ id: z.string() }).safeParse(raw);
  if (!draft.success) throw invalid(OPS.draft, 'a draft without an id');
  if (!small) {
    const outcome = await attachFiles(gc, { mailbox, kind: 'messages', id: draft.data.id }, m.attachments);
    const failed = outcome.failed[0];
    if (failed) throw new GraphCallError('graph-failed', `The draft was saved without its attachments: attaching ${failed.name} failed (${failed.error.message}).`, { operation: OPS.draft.name });
  }
  return { messageId: draft.data.id };
}

/**
 * Sends a message from `mailbox`: `'me'` (the signed-in user), or a shared mailbox's
 * address (app-only with Mail.Send, or delegated with Mail.Send.Shared and Send As rights).
 *
 * Small letters go in one `sendMail` request. When the attachments would exceed Graph's
 * 4 MB request limit, a draft is created, files are attached (upload sessions for large
 * ones) and the draft is sent. Sending is never retried after a cut-off: a lost answer
 * surfaces as `graph-outcome-unknown` (check Sent Items before sending again).
 *
 * @example await sendMail(gc, 'sen-team@council.gov.uk', { to: [{ email: 'parent@example.org' }], subject: 'Decision', body: { html }, attachments: [letter] })
 */
export async function sendMail(gc: GraphClient, mailbox: Mailbox, input: MailInput, options: Pick<AttachOptions, 'onProgress' | 'chunkBytes'> = {}): Promise<SentMailResult> {
  const m = parseMail(input);
  const base = mailboxPath(mailbox);
  const sendOp = mailbox === 'me' ? OPS.send : OPS.sendShared;
  const { message, inline } = graphMessage(m);
  const payload = { message: { ...message, ...(inline.length > 0 ? { attachments: inline } : {}) }, saveToSentItems: m.saveToSentItems };
  if (Buffer.byteLength(JSON.stringify(payload)) <= INLINE_REQUEST_LIMIT) {
    await gc.call(sendOp, (sdk) => sdk.api(`${base}/sendMail`).post(payload));
    return { via: 'sendMail' };
  }

  // Too big for one request: draft, attach (sessions for large files), then send.
  const small = m.attachments.filter((f) => f.content.length < SMALL_ATTACHMENT_LIMIT);
  const raw = await gc.call(OPS.draft, (sdk) => sdk.api(`${base}/messages`).post(message));
  const draft = z.object({ id: z.string() }).safeParse(raw);
  if (!draft.success) throw invalid(OPS.draft, 'a draft without an id');
  const outcome = await attachFiles(gc, { mailbox, kind: 'messages', id: draft.data.id }, m.attachments, { ...options, batching: small.length > 1 });
  const failed = outcome.failed[0];
  if (failed) {
    throw new GraphCallError('graph-failed', `The letter was not sent: attaching ${failed.name} failed (${failed.error.message}). The draft is left in Drafts.`, {
      operation: OPS.draft.name,
    });
  }
  await gc.call(sendOp, (sdk) => sdk.api(`${base}/messages/${encodeURIComponent(draft.data.id)}/send`).post({}));
  return { via: 'draft', messageId: draft.data.id };
}

/**
 * Sends a draft already in `mailbox`'s Drafts (saved by {@link saveDraft}), as it is. Like
 * any send it is never retried after a cut-off.
 * @see https://learn.microsoft.com/graph/api/message-send
 */
export async function sendDraftMessage(gc: GraphClient, mailbox: Mailbox, messageId: string): Promise<void> {
  if (!messageId || /[/?#\s]/.test(messageId)) throw new GraphInputError('messageId', `messageId must be a Graph message id, not "${messageId}"`);
  const sendOp = mailbox === 'me' ? OPS.send : OPS.sendShared;
  await gc.call(sendOp, (sdk) => sdk.api(`${mailboxPath(mailbox)}/messages/${encodeURIComponent(messageId)}/send`).post({}));
}
