import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';

/** The one file of an upload form, read into memory (at most `maxFileBytes`). */
export interface UploadedFile {
  field: string;
  filename: string;
  data: Buffer;
}

export interface UploadLimits {
  /** Largest file taken, bytes. */
  maxFileBytes: number;
  /** Files per form (the advice form has one). */
  maxFiles?: number;
  /** Non-file fields per form, and the largest one, bytes. */
  maxFields?: number;
  maxFieldBytes?: number;
}

export type UploadRead =
  | { ok: true; file: UploadedFile | undefined; fields: Record<string, string> }
  /** `too-large`: a file over the limit; `too-many`: more files, fields or parts than the form has; `malformed`: not multipart/form-data as RFC 7578 says. */
  | { ok: false; reason: 'too-large' | 'too-many' | 'malformed' };

/**
 * Reads a `multipart/form-data` upload (RFC 7578) with busboy, streaming and bounded: at
 * most `maxFiles` files of `maxFileBytes`, `maxFields` fields of `maxFieldBytes`, headers
 * and parts capped. Once a limit is passed, reading stops (the caller answers and closes
 * the connection): a body is never read to its end just to be refused.
 */
export function readUpload(req: IncomingMessage, limits: UploadLimits): Promise<UploadRead> {
  return new Promise((resolve) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { fileSize: limits.maxFileBytes, files: limits.maxFiles ?? 1, fields: limits.maxFields ?? 10, fieldSize: limits.maxFieldBytes ?? 8 * 1024, parts: (limits.maxFiles ?? 1) + (limits.maxFields ?? 10), headerPairs: 20 },
      });
    } catch {
      resolve({ ok: false, reason: 'malformed' });
      return;
    }
    let done = false;
    const finish = (result: UploadRead) => {
      if (done) return;
      done = true;
      if (!result.ok) {
        req.unpipe(parser);
        req.pause();
      }
      resolve(result);
    };
    let file: UploadedFile | undefined;
    const fields: Record<string, string> = {};
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => finish({ ok: false, reason: 'too-large' }));
      stream.on('close', () => {
        if (!stream.truncated && file === undefined) file = { field, filename: info.filename ?? '', data: Buffer.concat(chunks) };
      });
    });
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) finish({ ok: false, reason: 'too-many' });
      else fields[name] = value;
    });
    for (const event of ['filesLimit', 'fieldsLimit', 'partsLimit'] as const) parser.on(event, () => finish({ ok: false, reason: 'too-many' }));
    parser.on('error', () => finish({ ok: false, reason: 'malformed' }));
    parser.on('close', () => finish({ ok: true, file, fields }));
    req.on('error', () => finish({ ok: false, reason: 'malformed' }));
    req.pipe(parser);
  });
}
