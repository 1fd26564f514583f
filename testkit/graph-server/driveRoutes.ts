import { randomBytes } from 'node:crypto';
import { applySelect, type Ctx, fail, holds, type Out, ok, page } from './routing';
import type { StoredDriveItem } from './state';

/** Routes `/drives/...` calls; undefined when the path is not one. */
export function driveRoute(ctx: Ctx): Out | undefined {
  const m = /^\/drives\/([^/]+)\/(?:(root)|items\/([^/]+))(\/children|\/content)?$/.exec(ctx.path);
  if (!m || ctx.method !== 'GET') return undefined;
  const driveId = decodeURIComponent(m[1] ?? '');
  const drive = ctx.state.drives.get(driveId);
  if (!drive) return fail(404, 'itemNotFound', 'The resource could not be found.');
  const denied = readDenied(ctx, drive.siteId, drive.ownerUserId);
  if (denied) return denied;
  const itemId = m[2] ? `${driveId}!root` : decodeURIComponent(m[3] ?? '');
  const item = ctx.state.driveItems.get(itemId);
  if (!item || item.driveId !== driveId) return fail(404, 'itemNotFound', 'The resource could not be found.');
  if (m[4] === '/children') {
    if (!item.isFolder) return fail(400, 'invalidRequest', 'The item is not a folder.');
    const children = [...ctx.state.driveItems.values()]
      .filter((i) => i.parentId === item.id)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((i) => itemJson(ctx, i));
    return page(ctx, children, `${ctx.origin}/v1.0/$metadata#drives('${driveId}')/items('${item.id}')/children`);
  }
  if (m[4] === '/content') {
    if (item.isFolder) return fail(404, 'itemNotFound', 'The resource could not be found.');
    return ok(302, undefined, { Location: downloadUrl(ctx, item) });
  }
  return ok(200, applySelect({ '@odata.context': `${ctx.origin}/v1.0/$metadata#drives('${driveId}')/items/$entity`, ...itemJson(ctx, item) }, ctx.query));
}

/**
 * Read access: broad file/site permissions; `Sites.Selected` only for granted sites;
 * delegated `Files.Read` only for the caller's own OneDrive.
 */
function readDenied(ctx: Ctx, siteId: string, ownerUserId: string | undefined): Out | undefined {
  const caller = ctx.caller;
  if (holds(caller, 'Files.Read.All', 'Files.ReadWrite.All', 'Sites.Read.All', 'Sites.ReadWrite.All')) return undefined;
  if (caller.isApp && holds(caller, 'Sites.Selected') && (ctx.policy.siteGrants[caller.appId] ?? []).includes(siteId)) return undefined;
  if (!caller.isApp && holds(caller, 'Files.Read', 'Files.ReadWrite') && ownerUserId !== undefined && ownerUserId === caller.userId) return undefined;
  return fail(403, 'accessDenied', 'Access denied');
}

function downloadUrl(ctx: Ctx, item: StoredDriveItem): string {
  const token = randomBytes(18).toString('base64url');
  ctx.state.downloads.set(token, item.id);
  return `${ctx.origin}/download/${token}?tempauth=${randomBytes(24).toString('base64url')}`;
}

export function itemJson(ctx: Ctx, item: StoredDriveItem): Record<string, unknown> {
  const childCount = [...ctx.state.driveItems.values()].filter((i) => i.parentId === item.id).length;
  return {
    id: item.id,
    name: item.name,
    eTag: `"{${item.eTag}},1"`,
    cTag: `"c:{${item.eTag}},1"`,
    createdDateTime: item.created,
    lastModifiedDateTime: item.modified,
    size: item.content.length,
    webUrl: `https://contoso.sharepoint.com/sites/sen/Shared%20Documents/${encodeURIComponent(item.name)}`,
    parentReference: { driveId: item.driveId, driveType: 'documentLibrary', id: item.parentId },
    ...(item.isFolder
      ? { folder: { childCount } }
      : { file: { mimeType: item.mimeType, hashes: { quickXorHash: 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=' } }, '@microsoft.graph.downloadUrl': downloadUrl(ctx, item) }),
  };
}
