import { randomUUID } from 'node:crypto';
import { type Ctx, fail, holds, isObject, type Out, ok, parseEqFilter } from './routing';

/** Routes `/users/{id}/teamwork/installedApps...`; undefined when the path is not one. */
export function teamsRoute(ctx: Ctx): Out | undefined {
  const m = /^\/users\/([^/]+)\/teamwork\/installedApps(?:\/([^/]+)(\/chat)?)?$/.exec(ctx.path);
  if (!m) return undefined;
  const user = ctx.state.findUser(m[1] ?? '');
  if (!user) return fail(404, 'NotFound', `User '${decodeURIComponent(m[1] ?? '')}' was not found.`);
  const caller = ctx.caller;
  const mayUse = caller.isApp
    ? holds(caller, 'TeamsAppInstallation.ReadWriteSelfForUser.All', 'TeamsAppInstallation.ReadWriteForUser.All')
    : holds(caller, 'TeamsAppInstallation.ReadWriteSelfForUser', 'TeamsAppInstallation.ReadWriteForUser') && caller.userId === user.id;
  if (!mayUse) return fail(403, 'Forbidden', 'Missing role permissions on the request. API requires one of TeamsAppInstallation.ReadWriteSelfForUser.All, TeamsAppInstallation.ReadWriteForUser.All.');
  let installs = ctx.state.installations.get(user.id);
  if (!installs) {
    installs = new Map();
    ctx.state.installations.set(user.id, installs);
  }
  const selfOnly = !holds(caller, 'TeamsAppInstallation.ReadWriteForUser.All', 'TeamsAppInstallation.ReadWriteForUser');

  if (!m[2] && ctx.method === 'POST') {
    const body = ctx.json;
    const bind = isObject(body) ? body['teamsApp@odata.bind'] : undefined;
    const appId = typeof bind === 'string' ? /\/appCatalogs\/teamsApps\/([^/?]+)$/.exec(bind)?.[1] : undefined;
    if (!appId) return fail(400, 'BadRequest', "The request needs 'teamsApp@odata.bind' pointing at /appCatalogs/teamsApps/{id}.");
    const app = ctx.state.teamsApps.find((a) => a.id === decodeURIComponent(appId));
    if (!app) return fail(404, 'NotFound', `Teams app '${appId}' was not found in the catalog.`);
    if (selfOnly && app.azureAdAppId !== caller.appId) {
      return fail(403, 'Forbidden', 'TeamsAppInstallation.ReadWriteSelfForUser permissions allow an app to install only itself.');
    }
    if ([...installs.values()].some((i) => i.teamsAppId === app.id)) {
      return fail(409, 'Conflict', 'App is already installed for this user.');
    }
    installs.set(randomUUID().replace(/-/g, ''), { teamsAppId: app.id, chatId: `19:${user.id}_${app.azureAdAppId}@unq.gbl.spaces` });
    return ok(201);
  }
  if (!m[2] && ctx.method === 'GET') {
    let entries = [...installs.entries()];
    const filter = ctx.query.get('$filter');
    if (filter !== null) {
      const byId = parseEqFilter(filter, 'teamsApp/id');
      const byExternal = parseEqFilter(filter, 'teamsApp/externalId');
      if (byId === undefined && byExternal === undefined) return fail(400, 'BadRequest', `Unsupported filter: ${filter}`);
      entries = entries.filter(([, i]) => {
        const app = ctx.state.teamsApps.find((a) => a.id === i.teamsAppId);
        return byId !== undefined ? i.teamsAppId === byId : app?.externalId === byExternal;
      });
    }
    const expand = (ctx.query.get('$expand') ?? '').split(',').map((s) => s.trim());
    const value = entries.map(([id, i]) => {
      const app = ctx.state.teamsApps.find((a) => a.id === i.teamsAppId);
      return {
        id,
        ...(expand.includes('teamsApp') && app
          ? { teamsApp: { id: app.id, externalId: app.externalId, displayName: app.displayName, distributionMethod: 'organization' } }
          : {}),
      };
    });
    return ok(200, { '@odata.context': `${ctx.origin}/v1.0/$metadata#users('${user.id}')/teamwork/installedApps`, value });
  }
  if (m[2] && m[3] && ctx.method === 'GET') {
    const install = installs.get(decodeURIComponent(m[2]));
    if (!install) return fail(404, 'NotFound', 'The app installation was not found.');
    const now = new Date().toISOString();
    return ok(200, {
      '@odata.context': `${ctx.origin}/v1.0/$metadata#chats/$entity`,
      id: install.chatId,
      topic: null,
      createdDateTime: now,
      lastUpdatedDateTime: now,
      chatType: 'oneOnOne',
      webUrl: `https://teams.microsoft.com/l/chat/${encodeURIComponent(install.chatId)}/0`,
      tenantId: caller.claims.tid,
    });
  }
  return undefined;
}
