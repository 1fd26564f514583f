import { z } from 'zod';
import type { GraphClient } from './client';
import { callErrorFromResponse, GraphCallError, type GraphOperation } from './errors';
import { type AttemptFailure, runWithRetry } from './retry';

/** Graph's cap on one upload-session request. */
export const MAX_CHUNK_BYTES = 4 * 1024 * 1024;

/** An upload session as createUploadSession returned it. */
export interface UploadSessionInfo {
  uploadUrl: string;
  nextExpectedRanges: string[];
}

/** Options for {@link uploadToSession}. */
export interface UploadOptions {
  /** Bytes per PUT, at most 4 MiB. Default 4 MiB. */
  chunkBytes?: number;
  /** How many interruptions (dropped connections) to resume from. Default 3. */
  maxResumes?: number;
  /** Called with the bytes Graph has confirmed so far. */
  onProgress?: (confirmedBytes: number) => void;
  /**
   * Looks for the finished attachment when the final chunk's answer was lost and the session
   * is gone (Graph deletes it on completion); returns its id if it is there.
   */
  findCompleted?: () => Promise<string | undefined>;
}

/** Where a finished upload ended up. */
export interface UploadResult {
  attachmentId: string;
  /** The `Location` Graph returned, when it did. */
  location?: string;
}

// Outlook answers with PascalCase, OneDrive with camelCase; accept both.
const statusSchema = z.object({
  NextExpectedRanges: z.array(z.string()).optional(),
  nextExpectedRanges: z.array(z.string()).optional(),
});

/** The next byte Graph expects, from `nextExpectedRanges` (`"123"` for Outlook, `"123-"` / `"123-456"` for drives). */
export function nextOffset(ranges: readonly string[] | undefined): number | undefined {
  const first = ranges?.[0];
  if (first === undefined) return undefined;
  const match = /^(\d+)(?:-\d*)?$/.exec(first.trim());
  return match ? Number(match[1]) : undefined;
}

function attachmentIdFrom(location: string | null): string | undefined {
  if (!location) return undefined;
  return /Attachments\('([^']+)'\)/i.exec(location)?.[1] ?? /attachments\/([^/?]+)$/i.exec(location)?.[1];
}

type PutOutcome = { kind: 'response'; response: Response } | { kind: 'lost' };

/**
 * Uploads `content` to an upload session in chunks of at most 4 MiB.
 *
 * The upload URL is pre-authenticated, so it is called with plain fetch and no token. 429/503
 * answers are waited out per the client's retry policy. After a dropped connection or a 416
 * (range mismatch), the session's status is read back (GET on the upload URL) and the upload
 * resumes from `nextExpectedRanges` rather than resending blindly.
 */
export async function uploadToSession(gc: GraphClient, op: GraphOperation, session: UploadSessionInfo, content: Buffer, options: UploadOptions = {}): Promise<UploadResult> {
  const chunkBytes = options.chunkBytes ?? MAX_CHUNK_BYTES;
  if (!Number.isInteger(chunkBytes) || chunkBytes < 1 || chunkBytes > MAX_CHUNK_BYTES) {
    throw new GraphCallError('graph-failed', `Upload chunks must be 1 to ${MAX_CHUNK_BYTES} bytes, not ${chunkBytes}.`, { operation: op.name });
  }
  const maxResumes = options.maxResumes ?? 3;
  const total = content.length;
  let offset = nextOffset(session.nextExpectedRanges) ?? 0;
  let resumes = 0;
  let lastChunkSent = false;

  const resume = async (why: string): Promise<UploadResult | undefined> => {
    if (++resumes > maxResumes) {
      throw new GraphCallError('graph-unavailable', `The upload to ${op.name} was interrupted ${resumes} times (${why}); try again later.`, { operation: op.name });
    }
    gc.logger.warn('graph upload interrupted, resuming', { operation: op.name, reason: why, resumes, offset });
    const status = await send(gc, session.uploadUrl, { method: 'GET' });
    if (status.kind === 'lost') throw new GraphCallError('graph-unavailable', `Lost the connection while checking the upload to ${op.name}.`, { operation: op.name });
    if (status.response.status === 404 && lastChunkSent && options.findCompleted) {
      // Graph removes the session when the last chunk lands; the attachment may be there.
      const id = await options.findCompleted();
      if (id) return { attachmentId: id };
    }
    if (!status.response.ok) throw await callErrorFromResponse(status.response, op, gc.caller);
    const parsed = statusSchema.safeParse(await status.response.json());
    const next = parsed.success ? nextOffset(parsed.data.NextExpectedRanges ?? parsed.data.nextExpectedRanges) : undefined;
    if (next === undefined || next > total) throw new GraphCallError('graph-invalid-response', `The upload session for ${op.name} reported no valid next range.`, { operation: op.name });
    offset = next;
    return undefined;
  };

  while (offset < total) {
    const end = Math.min(offset + chunkBytes, total) - 1;
    const chunk = content.subarray(offset, end + 1);
    lastChunkSent = end === total - 1;
    const put = await send(gc, session.uploadUrl, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/octet-stream', 'Content-Range': `bytes ${offset}-${end}/${total}`, 'Content-Length': String(chunk.length) },
      body: chunk,
    });
    if (put.kind === 'lost') {
      const done = await resume('connection lost');
      if (done) return done;
      options.onProgress?.(offset);
      continue;
    }
    const response = put.response;
    if (response.status === 201 || (response.status === 200 && lastChunkSent)) {
      const location = response.headers.get('Location');
      await response.body?.cancel().catch(() => undefined);
      const id = attachmentIdFrom(location) ?? (await options.findCompleted?.());
      if (!id) throw new GraphCallError('graph-invalid-response', `Graph finished the upload to ${op.name} but gave no attachment location.`, { operation: op.name });
      options.onProgress?.(total);
      return { attachmentId: id, ...(location ? { location } : {}) };
    }
    if (response.status === 200 || response.status === 202) {
      const parsed = statusSchema.safeParse(await response.json().catch(() => ({})));
      const next = parsed.success ? nextOffset(parsed.data.NextExpectedRanges ?? parsed.data.nextExpectedRanges) : undefined;
      offset = next !== undefined && next > offset && next <= total ? next : end + 1;
      options.onProgress?.(offset);
      continue;
    }
    if (response.status === 416) {
      await response.body?.cancel().catch(() => undefined);
      const done = await resume('range mismatch');
      if (done) return done;
      continue;
    }
    throw await callErrorFromResponse(response, op, gc.caller);
  }
  throw new GraphCallError('graph-invalid-response', `The upload to ${op.name} ended without Graph confirming the attachment.`, { operation: op.name });
}

/**
 * One request to an upload URL, with 429/503 waited out under the client's policy. A lost
 * connection is reported (not thrown) so the caller can ask the session where it stands.
 */
async function send(gc: GraphClient, url: string, init: { method: string; headers?: Record<string, string>; body?: Buffer }): Promise<PutOutcome> {
  let lost = false;
  const outcome = await runWithRetry<Response | undefined>(
    async () => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), gc.timeoutMs);
      try {
        // No Authorization header: the upload URL carries its own credential.
        const response = await gc.fetch(url, {
          method: init.method,
          ...(init.headers ? { headers: init.headers } : {}),
          // A Buffer is a Uint8Array; the DOM typing of BodyInit is narrower than Node's fetch.
          ...(init.body ? { body: init.body as unknown as BodyInit } : {}),
          signal: controller.signal,
        });
        if (response.status === 429 || response.status === 503) {
          const failure: AttemptFailure = { kind: 'status', status: response.status, retryAfter: response.headers.get('Retry-After') };
          return { ok: false, failure, value: response };
        }
        return { ok: true, value: response };
      } catch {
        lost = true;
        return { ok: true, value: undefined };
      } finally {
        clearTimeout(timer);
      }
    },
    // Each chunk PUT names its byte range, so resending it after a throttle is safe.
    { idempotent: true, replayable: true },
    gc.policy,
    {
      onRetry: ({ attempt, delayMs }) => gc.logger.warn('graph upload throttled, retrying', { attempt, delayMs }),
    },
  );
  if (lost || outcome.value === undefined) return { kind: 'lost' };
  return { kind: 'response', response: outcome.value };
}
