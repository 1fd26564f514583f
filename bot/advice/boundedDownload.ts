import type { Readable } from 'node:stream';

/** Why a download could not be taken. */
export type DownloadRefusal = { kind: 'too-large'; limit: number } | { kind: 'failed'; status?: number };

export type Download = { ok: true; bytes: Buffer } | ({ ok: false } & DownloadRefusal);

/**
 * Fetches `url` into memory, stopping as soon as more than `maxBytes` have arrived (or the
 * Content-Length already says so), so an oversized or endless file costs at most
 * `maxBytes` of memory and is never read to its end.
 */
export interface DownloadOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
  /**
   * Where the file may come from, checked for the URL and for every redirect: a redirect
   * anywhere else is refused, not followed (issue #19, finding 11). Default: the URL's own host.
   */
  allowed?: (url: URL) => boolean;
}

/** Redirects followed at most, each checked against `allowed`. */
export const MAX_REDIRECTS = 5;

export async function boundedDownload(url: string, maxBytes: number, options: DownloadOptions = {}): Promise<Download> {
  const first = await attempt(url, maxBytes, options);
  // A pooled connection the other side had already closed fails before any answer: once more on a fresh one.
  return first.ok || first.kind !== 'failed' || first.status !== undefined ? first : attempt(url, maxBytes, options);
}

async function attempt(url: string, maxBytes: number, options: DownloadOptions): Promise<Download> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 60_000);
  const first = new URL(url);
  const allowed = options.allowed ?? ((u: URL) => u.host === first.host && u.protocol === first.protocol);
  try {
    let target = first;
    let response: Response;
    for (let hop = 0; ; hop++) {
      // No Authorization header: Teams' download URL is pre-authenticated, and a token must not go to a URL a message carried.
      response = await (options.fetch ?? fetch)(target.href, { signal: controller.signal, redirect: 'manual' });
      const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
      if (location === null) break;
      await response.body?.cancel().catch(() => undefined);
      const next = new URL(location, target);
      if (hop >= MAX_REDIRECTS || !allowed(next)) return { ok: false, kind: 'failed', status: response.status };
      target = next;
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: false, kind: 'failed', status: response.status };
    }
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (Number.isFinite(declared) && declared > maxBytes) {
      await response.body.cancel().catch(() => undefined);
      return { ok: false, kind: 'too-large', limit: maxBytes };
    }
    return await readBounded(response.body, maxBytes);
  } catch {
    return { ok: false, kind: 'failed' };
  } finally {
    clearTimeout(timer);
  }
}

async function readBounded(body: ReadableStream<Uint8Array> | Readable, maxBytes: number): Promise<Download> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    // Leaving the loop cancels the stream, which closes the connection: the rest is never read.
    if (size > maxBytes) {
      return { ok: false, kind: 'too-large', limit: maxBytes };
    }
    chunks.push(Buffer.from(chunk));
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}
