import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { ResponseType } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import type { GraphClient } from './client';
import { callErrorFromResponse, GraphInputError, type GraphOperation } from './errors';
import { invalid, pages } from './paging';

const FILES = { delegated: 'Files.Read.All', application: 'Sites.Selected' } as const;
const OPS = {
  list: { name: 'list the folder', permissions: FILES },
  metadata: { name: 'read the file details', permissions: FILES },
  content: { name: 'read the file', permissions: FILES },
  // Only files the product made, in the library an administrator granted it (Sites.Selected, write).
  remove: { name: 'delete the file', permissions: { application: 'Sites.Selected' } },
} satisfies Record<string, GraphOperation>;

/** A folder in a OneDrive or SharePoint document library; no `itemId` means the library's root. */
export interface FolderRef {
  driveId: string;
  itemId?: string;
}

/** A file in a drive. */
export interface FileRef {
  driveId: string;
  itemId: string;
}

/** A drive item as the product sees it. */
export interface DriveItemSummary {
  id: string;
  name: string;
  size: number;
  isFolder: boolean;
  mimeType?: string;
  lastModified: string;
  webUrl?: string;
  eTag?: string;
  childCount?: number;
}

const SELECT = 'id,name,size,file,folder,lastModifiedDateTime,webUrl,eTag';
const itemSchema = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number().optional(),
  file: z.object({ mimeType: z.string().optional() }).optional(),
  folder: z.object({ childCount: z.number().optional() }).optional(),
  lastModifiedDateTime: z.string(),
  webUrl: z.string().optional(),
  eTag: z.string().optional(),
});

function toSummary(i: z.infer<typeof itemSchema>): DriveItemSummary {
  return {
    id: i.id,
    name: i.name,
    size: i.size ?? 0,
    isFolder: i.folder !== undefined,
    ...(i.file?.mimeType ? { mimeType: i.file.mimeType } : {}),
    lastModified: i.lastModifiedDateTime,
    ...(i.webUrl ? { webUrl: i.webUrl } : {}),
    ...(i.eTag ? { eTag: i.eTag } : {}),
    ...(i.folder?.childCount !== undefined ? { childCount: i.folder.childCount } : {}),
  };
}

function segment(value: string, field: string): string {
  if (!value || /[/\s?#]/.test(value)) throw new GraphInputError(field, `${field} must be a Graph id, not "${value}"`);
  return encodeURIComponent(value);
}

function itemPath(ref: { driveId: string; itemId?: string }): string {
  const drive = `/drives/${segment(ref.driveId, 'driveId')}`;
  return ref.itemId === undefined ? `${drive}/root` : `${drive}/items/${segment(ref.itemId, 'itemId')}`;
}

/**
 * Lists a folder page by page (following `@odata.nextLink`), `pageSize` items per request.
 *
 * @example for await (const page of listFolder(gc, { driveId })) for (const item of page) console.log(item.name)
 */
export async function* listFolder(gc: GraphClient, folder: FolderRef, options: { pageSize?: number } = {}): AsyncGenerator<DriveItemSummary[]> {
  const top = options.pageSize ?? 200;
  if (!Number.isInteger(top) || top < 1 || top > 999) throw new GraphInputError('pageSize', 'pageSize must be a whole number from 1 to 999');
  const path = `${itemPath(folder)}/children?$top=${top}&$select=${SELECT}`;
  for await (const page of pages(gc, OPS.list, path, itemSchema)) yield page.map(toSummary);
}

/** Reads a file's (or folder's) metadata. */
export async function getItem(gc: GraphClient, file: FileRef): Promise<DriveItemSummary> {
  const path = itemPath(file);
  const raw = await gc.call(OPS.metadata, (sdk) => sdk.api(path).select(SELECT.split(',')).get());
  const parsed = itemSchema.safeParse(raw);
  if (!parsed.success) throw invalid(OPS.metadata, 'a drive item without the documented fields');
  return toSummary(parsed.data);
}

/** A file's content as a stream, not buffered in memory. */
export interface FileContent {
  stream: Readable;
  contentType: string;
  /** From Content-Length, when the server sent one. */
  size?: number;
}

/**
 * Opens a file's content as a stream. Graph answers `/content` with a redirect to a
 * pre-authenticated download URL; the SDK's redirect handler follows it (without the token
 * when the host differs) and the body is streamed, never buffered whole.
 */
export async function openFileContent(gc: GraphClient, file: FileRef): Promise<FileContent> {
  const path = `${itemPath(file)}/content`;
  const response = await gc.call(OPS.content, (sdk) => sdk.api(path).responseType(ResponseType.RAW).get());
  if (!(response instanceof Response)) throw invalid(OPS.content, 'no HTTP response');
  if (!response.ok) throw await callErrorFromResponse(response, OPS.content, gc.caller);
  if (!response.body) throw invalid(OPS.content, 'a file response without a body');
  const length = response.headers.get('Content-Length');
  return {
    stream: Readable.fromWeb(response.body as unknown as NodeReadableStream<Uint8Array>),
    contentType: response.headers.get('Content-Type') ?? 'application/octet-stream',
    ...(length !== null && /^\d+$/.test(length) ? { size: Number(length) } : {}),
  };
}

/**
 * Deletes a file (moved to the site's recycle bin, as in SharePoint itself). Graph answers
 * 204 No Content (DELETE /drives/{drive-id}/items/{item-id}, "Delete a DriveItem",
 * https://learn.microsoft.com/graph/api/driveitem-delete). A file already gone (404) is
 * not an error here: the point is that it is gone.
 */
export async function deleteItem(gc: GraphClient, file: FileRef): Promise<'deleted' | 'already-gone'> {
  try {
    await gc.call(OPS.remove, (sdk) => sdk.api(itemPath(file)).delete());
    return 'deleted';
  } catch (error) {
    if ((error as { code?: string }).code === 'graph-not-found') return 'already-gone';
    throw error;
  }
}
