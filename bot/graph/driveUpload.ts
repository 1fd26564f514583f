import { z } from 'zod';
import type { GraphClient } from './client';
import { GraphCallError, GraphInputError, type GraphOperation } from './errors';
import type { FileRef, FolderRef } from './files';
import { invalid } from './paging';
import { MAX_CHUNK_BYTES, uploadToSession } from './uploadSession';

/**
 * Writing files into a OneDrive or SharePoint document library.
 *
 * Rules:
 * - As the app, the only permission is `Sites.Selected`: an administrator grants the app
 *   write access to the one council site that holds review folders, and nothing else.
 * - Up to 4 MiB goes in one `PUT .../content` (Graph's documented limit for a simple upload
 *   in one request); anything larger goes through an upload session in 4 MiB chunks, which
 *   resumes after a dropped connection (`uploadToSession`).
 * - Nothing is overwritten: uploads say `conflictBehavior: fail`, and a taken name becomes
 *   "name (2).pdf", so we always know the name the file ended up with.
 * @see https://learn.microsoft.com/graph/api/driveitem-put-content
 * @see https://learn.microsoft.com/graph/api/driveitem-createuploadsession
 */
// Only the app writes (no delegated write permission is asked for).
const FILES_WRITE = { application: 'Sites.Selected' } as const;
const OPS = {
  folder: { name: 'create the review folder', permissions: FILES_WRITE },
  find: { name: 'find an item in the review folder', permissions: FILES_WRITE },
  upload: { name: 'save the file in the review folder', permissions: FILES_WRITE },
} satisfies Record<string, GraphOperation>;

/** The most one simple upload carries; larger files use an upload session. */
export const SIMPLE_UPLOAD_BYTES = 4 * 1024 * 1024;
/** How many "name (n)" variants to try before giving up. */
const MAX_RENAMES = 20;

const created = z.object({ id: z.string(), name: z.string(), size: z.number().optional() });

/** A file as saved. */
export interface SavedFile extends FileRef {
  name: string;
  size: number;
}

function segment(value: string, field: string): string {
  if (!value || /[/\s?#]/.test(value)) throw new GraphInputError(field, `${field} must be a Graph id, not "${value}"`);
  return encodeURIComponent(value);
}

const base = (folder: FolderRef) =>
  `/drives/${segment(folder.driveId, 'driveId')}/${folder.itemId === undefined ? 'root' : `items/${segment(folder.itemId, 'itemId')}`}`;
const pathPart = (names: readonly string[]) => names.map(encodeURIComponent).join('/');

const isStatus = (error: unknown, status: number) => error instanceof GraphCallError && error.details.status === status;

/** The item at `names` below `folder`, or undefined when there is none. */
async function find(gc: GraphClient, folder: FolderRef, names: readonly string[]): Promise<z.infer<typeof created> | undefined> {
  try {
    const raw = await gc.call(OPS.find, (sdk) => sdk.api(`${base(folder)}:/${pathPart(names)}:`).get());
    const parsed = created.safeParse(raw);
    if (!parsed.success) throw invalid(OPS.find, 'a drive item without an id');
    return parsed.data;
  } catch (error) {
    if (isStatus(error, 404)) return undefined;
    throw error;
  }
}

/**
 * The folder at `path` (e.g. `EHCP reviews/DEMO-0007/Review due 2027-02-28`) below the
 * library's root, creating what is missing one level at a time. Two callers creating the
 * same folder at once both end up with it: a 409 means the other one won, so read it back.
 */
export async function ensureFolder(gc: GraphClient, driveId: string, path: readonly string[]): Promise<FolderRef> {
  const existing = path.length === 0 ? undefined : await find(gc, { driveId }, path);
  if (existing) return { driveId, itemId: existing.id };
  let parent: FolderRef = { driveId };
  for (let depth = 0; depth < path.length; depth++) {
    const name = path[depth] as string;
    const found = await find(gc, parent, [name]);
    if (found) {
      parent = { driveId, itemId: found.id };
      continue;
    }
    try {
      const raw = await gc.call(OPS.folder, (sdk) => sdk.api(`${base(parent)}/children`).post({ name, folder: {}, '@microsoft.graph.conflictBehavior': 'fail' }));
      const parsed = created.safeParse(raw);
      if (!parsed.success) throw invalid(OPS.folder, 'a folder without an id');
      parent = { driveId, itemId: parsed.data.id };
    } catch (error) {
      if (!isStatus(error, 409)) throw error;
      const raced = await find(gc, parent, [name]);
      if (!raced) throw error;
      parent = { driveId, itemId: raced.id };
    }
  }
  return parent;
}

/** "report.pdf" -> "report (2).pdf". */
export function numberedName(name: string, n: number): string {
  if (n < 2) return name;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)} (${n})${name.slice(dot)}` : `${name} (${n})`;
}

/**
 * Saves `content` as `name` in `folder`, never replacing a file already there.
 *
 * @example await saveFile(gc, folder, '2026-09-01 health - A.B. SALT.pdf', bytes, 'application/pdf')
 */
export async function saveFile(gc: GraphClient, folder: FolderRef, name: string, content: Buffer, contentType: string): Promise<SavedFile> {
  for (let n = 1; n <= MAX_RENAMES; n++) {
    const candidate = numberedName(name, n);
    try {
      const saved = content.length <= SIMPLE_UPLOAD_BYTES ? await simpleUpload(gc, folder, candidate, content, contentType) : await sessionUpload(gc, folder, candidate, content);
      return { driveId: folder.driveId, itemId: saved.id, name: saved.name, size: saved.size ?? content.length };
    } catch (error) {
      if (!isStatus(error, 409)) throw error;
    }
  }
  throw new GraphCallError('graph-conflict', `The review folder already has ${MAX_RENAMES} files called "${name}"; rename the file and send it again.`, { operation: OPS.upload.name, status: 409 });
}

async function simpleUpload(gc: GraphClient, folder: FolderRef, name: string, content: Buffer, contentType: string) {
  const path = `${base(folder)}:/${pathPart([name])}:/content`;
  const raw = await gc.call(OPS.upload, (sdk) => sdk.api(path).query({ '@microsoft.graph.conflictBehavior': 'fail' }).header('Content-Type', contentType).put(content));
  const parsed = created.safeParse(raw);
  if (!parsed.success) throw invalid(OPS.upload, 'an uploaded file without an id');
  return parsed.data;
}

async function sessionUpload(gc: GraphClient, folder: FolderRef, name: string, content: Buffer) {
  const path = `${base(folder)}:/${pathPart([name])}:/createUploadSession`;
  const raw = await gc.call(OPS.upload, (sdk) => sdk.api(path).post({ item: { '@microsoft.graph.conflictBehavior': 'fail', name, fileSize: content.length } }));
  const session = z.object({ uploadUrl: z.string().url(), nextExpectedRanges: z.array(z.string()).default([]) }).safeParse(raw);
  if (!session.success) throw invalid(OPS.upload, 'an upload session without an upload URL');
  // Graph answers the last chunk with the driveItem and no Location; the name is ours, so read it back.
  const findCompleted = async () => (await find(gc, folder, [name]))?.id;
  const result = await uploadToSession(gc, OPS.upload, session.data, content, { chunkBytes: MAX_CHUNK_BYTES, findCompleted });
  return { id: result.attachmentId, name, size: content.length };
}
