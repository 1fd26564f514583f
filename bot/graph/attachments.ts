import { z } from 'zod';
import { runBatch, type BatchStep } from './batch';
import type { GraphClient } from './client';
import { callErrorFromParts, GraphCallError, GraphInputError, type GraphOperation, toCallError } from './errors';
import { type Mailbox, mailboxPath } from './mailboxPath';
import { allPages, invalid } from './paging';
import { MAX_CHUNK_BYTES, type UploadSessionInfo, uploadToSession } from './uploadSession';

/** Files under this size go in one POST; Graph's 4 MB request cap leaves room for base64. */
export const SMALL_ATTACHMENT_LIMIT = 3_000_000;
/** The most Outlook accepts for one attachment (through an upload session). */
export const MAX_ATTACHMENT_BYTES = 150 * 1024 * 1024;

/** A file to attach. */
export interface FileToAttach {
  name: string;
  contentType?: string;
  content: Buffer;
}

/** The event or message draft receiving attachments. */
export interface OutlookItemRef {
  mailbox: Mailbox;
  kind: 'events' | 'messages';
  id: string;
}

/** Progress across all files of one call. */
export interface AttachProgress {
  file: string;
  fileBytesSent: number;
  fileBytes: number;
  totalBytesSent: number;
  totalBytes: number;
  filesDone: number;
  filesTotal: number;
}

/** Options for {@link attachFiles}. */
export interface AttachOptions {
  /** Group small files and upload-session creation into `$batch` requests. Default true. */
  batching?: boolean;
  /** Bytes per upload-session PUT, at most 4 MiB. */
  chunkBytes?: number;
  /** Interruptions to resume from, per large file. Default 3. */
  maxResumes?: number;
  onProgress?: (progress: AttachProgress) => void;
}

/** A file now attached. */
export interface AttachedFile {
  name: string;
  attachmentId: string;
  size: number;
  via: 'post' | 'upload-session';
}

/** What happened to each file. */
export interface AttachOutcome {
  attached: AttachedFile[];
  failed: { name: string; error: Error }[];
}

const ATTACH = { delegated: 'Calendars.ReadWrite', application: 'Calendars.ReadWrite' } as const;
const ATTACH_MAIL = { delegated: 'Mail.ReadWrite', application: 'Mail.ReadWrite' } as const;

function operation(item: OutlookItemRef, what: string): GraphOperation {
  return { name: `${what} to the ${item.kind === 'events' ? 'meeting' : 'message'}`, permissions: item.kind === 'events' ? ATTACH : ATTACH_MAIL };
}

function itemPath(item: OutlookItemRef): string {
  if (!item.id || /[/\s?#]/.test(item.id)) throw new GraphInputError('id', `"${item.id}" is not an Outlook item id`);
  return `${mailboxPath(item.mailbox)}/${item.kind}/${encodeURIComponent(item.id)}`;
}

const createdSchema = z.object({ id: z.string() });
const sessionSchema = z.object({ uploadUrl: z.string().url(), nextExpectedRanges: z.array(z.string()).default(['0-']) });
const listedSchema = z.object({ id: z.string(), name: z.string(), size: z.number() });

function fileAttachmentBody(file: FileToAttach): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.fileAttachment',
    name: file.name,
    contentType: file.contentType ?? 'application/octet-stream',
    contentBytes: file.content.toString('base64'),
  };
}

function sessionBody(file: FileToAttach): Record<string, unknown> {
  return { AttachmentItem: { attachmentType: 'file', name: file.name, size: file.content.length, contentType: file.contentType ?? 'application/octet-stream' } };
}

function checkFiles(files: readonly FileToAttach[]): void {
  files.forEach((f, i) => {
    if (!f.name || f.name.length > 255 || /[\\/:*?"<>|]/.test(f.name)) {
      throw new GraphInputError(`files.${i}.name`, `"${f.name}" is not a usable file name (1-255 characters, none of \\ / : * ? " < > |)`);
    }
    if (f.content.length > MAX_ATTACHMENT_BYTES) {
      throw new GraphInputError(`files.${i}.content`, `${f.name} is ${f.content.length} bytes; Outlook accepts attachments up to ${MAX_ATTACHMENT_BYTES} bytes (150 MB). Share a link instead.`);
    }
  });
}

/**
 * Attaches files to an event (or message draft). Files under 3 MB go by POST, larger ones
 * through an upload session in chunks of at most 4 MiB. With batching (default), the POSTs
 * and the createUploadSession calls travel in `$batch` requests (20 per batch, 4 MB per
 * batch), so N small files cost a few round trips instead of N.
 *
 * A POST cut off in transit is not resent blindly: the item's attachments are listed and
 * only files not found there (by name and size) are sent again.
 *
 * @example await attachFiles(gc, { mailbox: 'me', kind: 'events', id }, files, { onProgress: (p) => log(p.totalBytesSent) })
 */
export async function attachFiles(gc: GraphClient, item: OutlookItemRef, files: readonly FileToAttach[], options: AttachOptions = {}): Promise<AttachOutcome> {
  checkFiles(files);
  const path = itemPath(item);
  const totalBytes = files.reduce((n, f) => n + f.content.length, 0);
  const sent = new Map<string, number>();
  let filesDone = 0;
  const report = (file: FileToAttach, bytes: number, done: boolean) => {
    sent.set(file.name, bytes);
    if (done) filesDone++;
    options.onProgress?.({
      file: file.name,
      fileBytesSent: bytes,
      fileBytes: file.content.length,
      totalBytesSent: [...sent.values()].reduce((a, b) => a + b, 0),
      totalBytes,
      filesDone,
      filesTotal: files.length,
    });
  };
  const outcome: AttachOutcome = { attached: [], failed: [] };
  const sessions: { file: FileToAttach; session: UploadSessionInfo }[] = [];
  const small = files.filter((f) => f.content.length < SMALL_ATTACHMENT_LIMIT);
  const large = files.filter((f) => f.content.length >= SMALL_ATTACHMENT_LIMIT);
  const postOp = operation(item, 'attach files');
  const sessionOp = operation(item, 'start uploading a large file');

  if (options.batching ?? true) {
    await attachInBatches(gc, path, small, large, postOp, outcome, sessions, (f) => report(f, f.content.length, true));
  } else {
    for (const file of small) {
      try {
        const raw = await postWithReconcile(gc, path, file, postOp);
        outcome.attached.push({ name: file.name, attachmentId: raw, size: file.content.length, via: 'post' });
        report(file, file.content.length, true);
      } catch (error) {
        outcome.failed.push({ name: file.name, error: toCallError(error, postOp, gc.caller) });
      }
    }
    for (const file of large) {
      try {
        const raw = await gc.call(sessionOp, (sdk) => sdk.api(`${path}/attachments/createUploadSession`).post(sessionBody(file)));
        const parsed = sessionSchema.safeParse(raw);
        if (!parsed.success) throw invalid(sessionOp, 'an upload session without an uploadUrl');
        sessions.push({ file, session: parsed.data });
      } catch (error) {
        outcome.failed.push({ name: file.name, error: toCallError(error, sessionOp, gc.caller) });
      }
    }
  }

  for (const { file, session } of sessions) {
    const uploadOp = operation(item, `upload ${file.name}`);
    try {
      const result = await uploadToSession(gc, uploadOp, session, file.content, {
        chunkBytes: options.chunkBytes ?? MAX_CHUNK_BYTES,
        ...(options.maxResumes !== undefined ? { maxResumes: options.maxResumes } : {}),
        onProgress: (bytes) => report(file, bytes, false),
        findCompleted: async () => (await findAttached(gc, path, file, uploadOp))?.id,
      });
      report(file, file.content.length, true);
      outcome.attached.push({ name: file.name, attachmentId: result.attachmentId, size: file.content.length, via: 'upload-session' });
    } catch (error) {
      outcome.failed.push({ name: file.name, error: toCallError(error, uploadOp, gc.caller) });
    }
  }
  return outcome;
}

/** Attaches one file; throws on failure. */
export async function attachFile(gc: GraphClient, item: OutlookItemRef, file: FileToAttach, options: AttachOptions = {}): Promise<AttachedFile> {
  const outcome = await attachFiles(gc, item, [file], { ...options, batching: false });
  const failure = outcome.failed[0];
  if (failure) throw failure.error;
  const attached = outcome.attached[0];
  if (!attached) throw new GraphCallError('graph-failed', `Could not attach ${file.name}.`, { operation: 'attach a file' });
  return attached;
}

async function attachInBatches(
  gc: GraphClient,
  path: string,
  small: readonly FileToAttach[],
  large: readonly FileToAttach[],
  op: GraphOperation,
  outcome: AttachOutcome,
  sessions: { file: FileToAttach; session: UploadSessionInfo }[],
  done: (file: FileToAttach) => void,
): Promise<void> {
  const steps: { step: BatchStep; file: FileToAttach; kind: 'post' | 'session' }[] = [
    ...small.map((file, i) => ({ step: { id: `p${i}`, method: 'POST' as const, url: `${path}/attachments`, body: fileAttachmentBody(file) }, file, kind: 'post' as const })),
    ...large.map((file, i) => ({ step: { id: `s${i}`, method: 'POST' as const, url: `${path}/attachments/createUploadSession`, body: sessionBody(file) }, file, kind: 'session' as const })),
  ];
  if (steps.length === 0) return;
  let results: Awaited<ReturnType<typeof runBatch>>;
  try {
    results = await runBatch(gc, op, steps.map((s) => s.step));
  } catch (error) {
    const mapped = toCallError(error, op, gc.caller);
    if (!(mapped instanceof GraphCallError) || mapped.code !== 'graph-outcome-unknown') {
      for (const s of steps) outcome.failed.push({ name: s.file.name, error: mapped });
      return;
    }
    // The batch may have been applied in part: fall back to one-by-one with reconciliation,
    // which checks the item's attachments before resending anything.
    gc.logger.warn('graph batch outcome unknown, reconciling', { operation: op.name, steps: steps.length });
    for (const s of steps) {
      try {
        if (s.kind === 'post') {
          const id = (await findAttached(gc, path, s.file, op))?.id ?? (await postWithReconcile(gc, path, s.file, op));
          outcome.attached.push({ name: s.file.name, attachmentId: id, size: s.file.content.length, via: 'post' });
          done(s.file);
        } else {
          // An unused upload session expires by itself; starting another is harmless.
          const raw = await gc.call(op, (sdk) => sdk.api(`${path}/attachments/createUploadSession`).post(sessionBody(s.file)));
          const parsed = sessionSchema.safeParse(raw);
          if (!parsed.success) throw invalid(op, 'an upload session without an uploadUrl');
          sessions.push({ file: s.file, session: parsed.data });
        }
      } catch (inner) {
        outcome.failed.push({ name: s.file.name, error: toCallError(inner, op, gc.caller) });
      }
    }
    return;
  }
  for (const s of steps) {
    const r = results.get(s.step.id);
    if (!r || r.status >= 400) {
      outcome.failed.push({ name: s.file.name, error: stepError(r, op, gc) });
      continue;
    }
    if (s.kind === 'post') {
      const parsed = createdSchema.safeParse(r.body);
      if (!parsed.success) {
        outcome.failed.push({ name: s.file.name, error: invalid(op, 'an attachment without an id') });
        continue;
      }
      outcome.attached.push({ name: s.file.name, attachmentId: parsed.data.id, size: s.file.content.length, via: 'post' });
      done(s.file);
    } else {
      const parsed = sessionSchema.safeParse(r.body);
      if (!parsed.success) outcome.failed.push({ name: s.file.name, error: invalid(op, 'an upload session without an uploadUrl') });
      else sessions.push({ file: s.file, session: parsed.data });
    }
  }
}

function stepError(r: { status: number; headers: Record<string, string>; body: unknown } | undefined, op: GraphOperation, gc: GraphClient): Error {
  if (!r) return invalid(op, 'no answer for a batch step');
  const body = z.object({ error: z.object({ code: z.string().optional(), message: z.string().optional() }) }).safeParse(r.body);
  return callErrorFromParts(r.status, body.success ? body.data.error : {}, new Headers(r.headers), op, gc.caller);
}

/** POSTs one small attachment; after a cut-off, looks before resending once. Returns the attachment id. */
async function postWithReconcile(gc: GraphClient, path: string, file: FileToAttach, op: GraphOperation): Promise<string> {
  const post = async () => {
    const raw = await gc.call(op, (sdk) => sdk.api(`${path}/attachments`).post(fileAttachmentBody(file)));
    const parsed = createdSchema.safeParse(raw);
    if (!parsed.success) throw invalid(op, 'an attachment without an id');
    return parsed.data.id;
  };
  try {
    return await post();
  } catch (error) {
    if (!(error instanceof GraphCallError) || error.code !== 'graph-outcome-unknown') throw error;
    const found = await findAttached(gc, path, file, op);
    if (found) return found.id;
    gc.logger.warn('graph attachment not found after cut-off, sending again', { operation: op.name });
    return post();
  }
}

/** Finds an attachment with the file's name and size on the item. */
async function findAttached(gc: GraphClient, path: string, file: FileToAttach, op: GraphOperation): Promise<{ id: string } | undefined> {
  const listed = await allPages(gc, op, `${path}/attachments?$select=id,name,size`, listedSchema);
  return listed.find((a) => a.name === file.name && a.size === file.content.length);
}
