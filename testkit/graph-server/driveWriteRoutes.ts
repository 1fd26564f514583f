import { randomBytes, randomUUID } from 'node:crypto';
import { itemJson } from './driveRoutes';
import { type Ctx, fail, holds, isObject, type Out, ok } from './routing';
import type { ConflictBehavior, StoredDriveItem } from './state';

/** Graph's limit for a simple upload (`PUT .../content`); larger files need an upload session. */
export const SIMPLE_UPLOAD_MAX_BYTES = 250 * 1024 * 1024;
const BEHAVIORS: readonly ConflictBehavior[] = ['fail', 'replace', 'rename'];

/**
 * Writes to drives, in Graph's shapes: create a folder (`POST .../children`), address an item
 * by path (`items/{parent}:/{path}:` or `root:/{path}:`), a simple upload
 * (`PUT ...:/{name}:/content`) and a resumable one (`POST ...:/{name}:/createUploadSession`;
 * the chunks go to the server's `/upload/` URLs), and deleting an item (`DELETE items/{id}`).
 * Undefined when the path is not one.
 */
export function driveWriteRoute(ctx: Ctx): Out | undefined {
  const m = /^\/drives\/([^/]+)\/(?:(root)|items\/([^/:]+))(?::\/?(.*?):?)?(\/children|\/content|\/createUploadSession)?$/.exec(ctx.path);
  if (!m) return undefined;
  const [, rawDrive, isRoot, rawItem, rawPath, action] = m;
  if (ctx.method === 'DELETE' && action === undefined && rawPath === undefined) return deleteItem(ctx, decodeURIComponent(rawDrive ?? ''), isRoot ? undefined : decodeURIComponent(rawItem ?? ''));
  // Plain `GET items/{id}` and `GET items/{id}/children|content` stay with the read routes.
  if (rawPath === undefined && !(ctx.method === 'POST' && action === '/children')) return undefined;
  const driveId = decodeURIComponent(rawDrive ?? '');
  const drive = ctx.state.drives.get(driveId);
  if (!drive) return fail(404, 'itemNotFound', 'The resource could not be found.');
  const base = isRoot ? `${driveId}!root` : decodeURIComponent(rawItem ?? '');
  const baseItem = ctx.state.driveItems.get(base);
  if (!baseItem || baseItem.driveId !== driveId) return fail(404, 'itemNotFound', 'The resource could not be found.');
  const segments = (rawPath ?? '').split('/').filter(Boolean).map(decodeURIComponent);

  if (ctx.method === 'GET' && action === undefined) {
    if (!mayRead(ctx, drive.siteId, drive.ownerUserId)) return fail(403, 'accessDenied', 'Access denied');
    const found = walk(ctx, base, segments);
    return found ? ok(200, { '@odata.context': `${ctx.origin}/v1.0/$metadata#drives('${driveId}')/items/$entity`, ...itemJson(ctx, found) }) : fail(404, 'itemNotFound', 'The resource could not be found.');
  }
  if (!mayWrite(ctx, drive.siteId, drive.ownerUserId)) return fail(403, 'accessDenied', 'Access denied');

  if (ctx.method === 'POST' && action === '/children') {
    const parent = walk(ctx, base, segments);
    if (!parent?.isFolder) return fail(404, 'itemNotFound', 'The resource could not be found.');
    const body = ctx.json;
    if (!isObject(body) || typeof body.name !== 'string' || !isObject(body.folder)) return fail(400, 'invalidRequest', 'A new folder needs a name and a folder facet.');
    const invalid = invalidName(body.name);
    if (invalid) return invalid;
    const behavior = behaviorOf(body['@microsoft.graph.conflictBehavior']);
    if (!behavior) return fail(400, 'invalidRequest', 'Invalid value for @microsoft.graph.conflictBehavior.');
    const created = ctx.state.putItem(driveId, parent.id, body.name, undefined, behavior === 'replace' ? 'fail' : behavior);
    if (created === 'conflict') return fail(409, 'nameAlreadyExists', 'The specified item name already exists.');
    return ok(201, itemJson(ctx, created));
  }

  // Uploads: the last path segment is the file's name, the rest its folder (which must exist).
  const name = segments.at(-1);
  if (!name) return fail(400, 'invalidRequest', 'The upload path must end with the file name.');
  const invalid = invalidName(name);
  if (invalid) return invalid;
  const parent = walk(ctx, base, segments.slice(0, -1));
  if (!parent?.isFolder) return fail(404, 'itemNotFound', 'The parent folder could not be found.');

  if (ctx.method === 'PUT' && action === '/content') {
    const behavior = behaviorOf(ctx.query.get('@microsoft.graph.conflictBehavior') ?? undefined);
    if (!behavior) return fail(400, 'invalidRequest', 'Invalid value for @microsoft.graph.conflictBehavior.');
    const content = ctx.raw ?? Buffer.alloc(0);
    if (content.length > SIMPLE_UPLOAD_MAX_BYTES) return fail(413, 'requestTooLarge', 'Use an upload session for files over 250 MB.');
    const stored = ctx.state.putItem(driveId, parent.id, name, { content, mimeType: ctx.headers['content-type'] ?? 'application/octet-stream' }, behavior);
    if (stored === 'conflict') return fail(409, 'nameAlreadyExists', 'The specified item name already exists.');
    return ok(201, itemJson(ctx, stored));
  }

  if (ctx.method === 'POST' && action === '/createUploadSession') {
    const item = isObject(ctx.json) && isObject(ctx.json.item) ? ctx.json.item : {};
    const behavior = behaviorOf(item['@microsoft.graph.conflictBehavior']);
    if (!behavior) return fail(400, 'invalidRequest', 'Invalid value for @microsoft.graph.conflictBehavior.');
    const size = typeof item.fileSize === 'number' ? item.fileSize : undefined;
    if (size === undefined) return fail(400, 'invalidRequest', 'The test Graph needs item.fileSize to know when the upload is complete.');
    if (behavior === 'fail' && [...ctx.state.driveItems.values()].some((i) => i.parentId === parent.id && i.name.toLowerCase() === name.toLowerCase())) {
      return fail(409, 'nameAlreadyExists', 'The specified item name already exists.');
    }
    const sessionId = randomUUID();
    const authtoken = randomBytes(24).toString('base64url');
    const expiresAt = Date.now() + 15 * 60_000;
    ctx.state.uploadSessions.set(sessionId, {
      id: sessionId,
      authtoken,
      mailbox: driveId,
      parentKind: 'drive',
      parentId: parent.id,
      conflictBehavior: behavior,
      name,
      contentType: 'application/octet-stream',
      size,
      received: [],
      offset: 0,
      expiresAt,
    });
    return ok(200, { uploadUrl: `${ctx.origin}/upload/${sessionId}?authtoken=${authtoken}`, expirationDateTime: new Date(expiresAt).toISOString(), nextExpectedRanges: ['0-'] });
  }
  return fail(405, 'invalidRequest', `${ctx.method} is not supported on this drive path by the test Graph.`);
}

/**
 * "Delete a DriveItem" (https://learn.microsoft.com/graph/api/driveitem-delete): 204 No Content,
 * the item and (a folder) everything in it gone; 404 itemNotFound for an unknown item; 412
 * when an If-Match does not match its eTag; the root cannot be deleted. (SharePoint moves it
 * to the recycle bin; this server keeps no bin.)
 */
function deleteItem(ctx: Ctx, driveId: string, itemId: string | undefined): Out {
  const drive = ctx.state.drives.get(driveId);
  const item = itemId ? ctx.state.driveItems.get(itemId) : undefined;
  if (!drive) return fail(404, 'itemNotFound', 'The resource could not be found.');
  if (!itemId) return fail(403, 'accessDenied', 'The root of a drive cannot be deleted.');
  if (!mayWrite(ctx, drive.siteId, drive.ownerUserId)) return fail(403, 'accessDenied', 'Access denied');
  if (!item || item.driveId !== driveId) return fail(404, 'itemNotFound', 'The resource could not be found.');
  const ifMatch = ctx.headers['if-match'];
  if (ifMatch && ifMatch !== '*' && ifMatch.replace(/^"|"$/g, '') !== item.eTag) return fail(412, 'preconditionFailed', 'The resource has changed since the caller last read it.');
  const gone = new Set([item.id]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const other of ctx.state.driveItems.values()) {
      if (other.parentId && gone.has(other.parentId) && !gone.has(other.id)) {
        gone.add(other.id);
        grew = true;
      }
    }
  }
  for (const id of gone) ctx.state.driveItems.delete(id);
  return ok(204);
}

function walk(ctx: Ctx, from: string, segments: string[]): StoredDriveItem | undefined {
  let current = ctx.state.driveItems.get(from);
  for (const name of segments) {
    if (!current) return undefined;
    const parentId: string = current.id;
    current = [...ctx.state.driveItems.values()].find((i) => i.parentId === parentId && i.name.toLowerCase() === name.toLowerCase());
  }
  return current;
}

function behaviorOf(value: unknown): ConflictBehavior | undefined {
  if (value === undefined) return 'replace';
  return BEHAVIORS.includes(value as ConflictBehavior) ? (value as ConflictBehavior) : undefined;
}

/** SharePoint refuses these characters and names (as Graph does, with 400 invalidRequest). */
function invalidName(name: string): Out | undefined {
  if (/["*:<>?/\\|]/.test(name) || /^\s|[\s.]$/.test(name) || name.startsWith('~$') || name.length > 400) {
    return fail(400, 'invalidRequest', `The name '${name}' contains characters SharePoint does not allow.`);
  }
  return undefined;
}

/** `Sites.Selected` covers only granted sites (written here as read and write); delegated callers only their own OneDrive. */
function mayWrite(ctx: Ctx, siteId: string, ownerUserId: string | undefined): boolean {
  const caller = ctx.caller;
  if (holds(caller, 'Files.ReadWrite.All', 'Sites.ReadWrite.All')) return true;
  if (caller.isApp && holds(caller, 'Sites.Selected') && (ctx.policy.siteGrants[caller.appId] ?? []).includes(siteId)) return true;
  return !caller.isApp && holds(caller, 'Files.ReadWrite') && ownerUserId !== undefined && ownerUserId === caller.userId;
}

function mayRead(ctx: Ctx, siteId: string, ownerUserId: string | undefined): boolean {
  const caller = ctx.caller;
  if (holds(caller, 'Files.Read.All', 'Files.ReadWrite.All', 'Sites.Read.All', 'Sites.ReadWrite.All')) return true;
  if (caller.isApp && holds(caller, 'Sites.Selected') && (ctx.policy.siteGrants[caller.appId] ?? []).includes(siteId)) return true;
  return !caller.isApp && holds(caller, 'Files.Read', 'Files.ReadWrite') && ownerUserId !== undefined && ownerUserId === caller.userId;
}
