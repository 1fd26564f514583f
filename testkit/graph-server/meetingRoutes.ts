import { randomUUID } from 'node:crypto';
import { type Ctx, fail, holds, isObject, type Out, ok, parseEqFilter } from './routing';

/**
 * Teams meetings as Graph documents them: `/me/onlineMeetings?$filter=JoinWebUrl eq '...'`,
 * `/me/onlineMeetings/{id}/attendanceReports` (+ `/{reportId}/attendanceRecords`), and the
 * meeting chat's `installedApps` and `tabs`. Permissions are checked as the permission
 * reference lists them (delegated: the organiser only). Undefined when the path is not one.
 */
export function meetingRoute(ctx: Ctx): Out | undefined {
  const meetings = /^\/(?:me|users\/([^/]+))\/onlineMeetings(?:\/([^/]+)(?:\/attendanceReports(?:\/([^/]+)(\/attendanceRecords)?)?|(\/attendanceReports))?)?$/.exec(ctx.path);
  if (meetings) return onlineMeetings(ctx, meetings);
  const chat = /^\/chats\/([^/]+)\/(installedApps|tabs)$/.exec(ctx.path);
  if (chat) return chatRoute(ctx, decodeURIComponent(chat[1] ?? ''), chat[2] as 'installedApps' | 'tabs');
  return undefined;
}

function onlineMeetings(ctx: Ctx, m: RegExpExecArray): Out {
  const caller = ctx.caller;
  const userId = m[1] ? (ctx.state.findUser(m[1])?.id ?? '') : (caller.userId ?? '');
  if (!userId) return fail(400, 'BadRequest', 'This API needs a user: call /me with a delegated token, or /users/{id} as an app.');
  const wantsReports = ctx.path.includes('/attendanceReports');
  if (ctx.method !== 'GET') return fail(405, 'MethodNotAllowed', 'The test Graph reads online meetings only.');
  if (wantsReports) {
    if (!holds(caller, 'OnlineMeetingArtifact.Read.All')) return fail(403, 'Forbidden', 'Missing permission: OnlineMeetingArtifact.Read.All is required to read attendance reports.');
  } else if (!holds(caller, 'OnlineMeetings.Read', 'OnlineMeetings.ReadWrite', 'OnlineMeetings.Read.All', 'OnlineMeetings.ReadWrite.All')) {
    return fail(403, 'Forbidden', 'Missing permission: OnlineMeetings.Read is required to read online meetings.');
  }
  const mine = [...ctx.state.onlineMeetings.values()].filter((x) => x.organizerId === userId);
  const meetingId = m[2] ? decodeURIComponent(m[2]) : undefined;
  if (!meetingId) {
    const filter = ctx.query.get('$filter');
    const joinUrl = filter === null ? undefined : parseEqFilter(filter, 'JoinWebUrl');
    if (joinUrl === undefined) return fail(400, 'BadRequest', "Filter by JoinWebUrl: $filter=JoinWebUrl eq '{joinWebUrl}'.");
    return ok(200, {
      '@odata.context': `${ctx.origin}/v1.0/$metadata#users('${userId}')/onlineMeetings`,
      value: mine.filter((x) => x.joinWebUrl === joinUrl).map((x) => ({ id: x.id, joinWebUrl: x.joinWebUrl, subject: x.subject, chatInfo: { threadId: x.chatId, messageId: '0', replyChainMessageId: null } })),
    });
  }
  const meeting = mine.find((x) => x.id === meetingId);
  if (!meeting) return fail(404, 'NotFound', 'The online meeting was not found, or you are not its organiser.');
  if (!wantsReports) return ok(200, { id: meeting.id, joinWebUrl: meeting.joinWebUrl, subject: meeting.subject, chatInfo: { threadId: meeting.chatId } });
  const reportId = m[3] ? decodeURIComponent(m[3]) : undefined;
  if (!reportId) {
    return ok(200, {
      '@odata.context': `${ctx.origin}/v1.0/$metadata#users('${userId}')/onlineMeetings('${meeting.id}')/attendanceReports`,
      value: meeting.attendanceReports.map((r) => ({ id: r.id, totalParticipantCount: r.records.length, meetingStartDateTime: r.meetingStartDateTime, meetingEndDateTime: r.meetingEndDateTime })),
    });
  }
  const report = meeting.attendanceReports.find((r) => r.id === reportId);
  if (!report) return fail(404, 'NotFound', 'The attendance report was not found.');
  const records = report.records.map((r, i) => ({
    id: `${i + 1}`,
    emailAddress: r.emailAddress,
    totalAttendanceInSeconds: r.totalAttendanceInSeconds ?? 1800,
    role: r.role ?? 'Attendee',
    identity: { id: randomUUID(), displayName: r.displayName, tenantId: null },
    attendanceIntervals: [{ joinDateTime: report.meetingStartDateTime, leaveDateTime: report.meetingEndDateTime, durationInSeconds: r.totalAttendanceInSeconds ?? 1800 }],
  }));
  if (m[4]) return ok(200, { value: records });
  return ok(200, { id: report.id, totalParticipantCount: records.length, meetingStartDateTime: report.meetingStartDateTime, meetingEndDateTime: report.meetingEndDateTime, attendanceRecords: records });
}

function chatRoute(ctx: Ctx, chatId: string, what: 'installedApps' | 'tabs'): Out {
  const chat = ctx.state.chats.get(chatId);
  if (!chat) return fail(404, 'NotFound', `Chat '${chatId}' was not found.`);
  const caller = ctx.caller;
  const appId = (body: unknown) => {
    const bind = isObject(body) ? body['teamsApp@odata.bind'] : undefined;
    const id = typeof bind === 'string' ? /\/appCatalogs\/teamsApps\/([^/?]+)$/.exec(bind)?.[1] : undefined;
    return id ? decodeURIComponent(id) : undefined;
  };
  if (what === 'installedApps') {
    if (!holds(caller, 'TeamsAppInstallation.ReadWriteSelfForChat', 'TeamsAppInstallation.ReadWriteForChat', 'TeamsAppInstallation.ReadWriteSelfForChat.All', 'TeamsAppInstallation.ReadWriteForChat.All')) {
      return fail(403, 'Forbidden', 'Missing permission: TeamsAppInstallation.ReadWriteSelfForChat is required to add an app to a chat.');
    }
    if (ctx.method === 'GET') return ok(200, { value: [...chat.installedApps.entries()].map(([id, a]) => ({ id, teamsApp: { id: a.teamsAppId } })) });
    if (ctx.method !== 'POST') return fail(405, 'MethodNotAllowed', 'installedApps takes GET and POST.');
    const id = appId(ctx.json);
    const app = ctx.state.teamsApps.find((a) => a.id === id);
    if (!app) return fail(404, 'NotFound', `Teams app '${id ?? ''}' was not found in the catalog.`);
    if (!holds(caller, 'TeamsAppInstallation.ReadWriteForChat', 'TeamsAppInstallation.ReadWriteForChat.All') && app.azureAdAppId !== caller.appId) {
      return fail(403, 'Forbidden', 'TeamsAppInstallation.ReadWriteSelfForChat allows an app to add only itself.');
    }
    if ([...chat.installedApps.values()].some((a) => a.teamsAppId === app.id)) return fail(409, 'Conflict', 'The app is already installed in this chat.');
    chat.installedApps.set(randomUUID(), { teamsAppId: app.id });
    return ok(201);
  }
  if (!holds(caller, 'TeamsTab.Create', 'TeamsTab.ReadWriteForChat', 'TeamsTab.ReadWrite.All', 'TeamsTab.Create.Chat')) {
    return fail(403, 'Forbidden', 'Missing permission: TeamsTab.Create is required to add a tab to a chat.');
  }
  if (ctx.method === 'GET') return ok(200, { value: [...chat.tabs.entries()].map(([id, t]) => ({ id, displayName: t.displayName, webUrl: t.webUrl, configuration: t.configuration, teamsApp: { id: t.teamsAppId } })) });
  if (ctx.method !== 'POST') return fail(405, 'MethodNotAllowed', 'tabs takes GET and POST.');
  const body = isObject(ctx.json) ? ctx.json : {};
  const id = appId(body);
  if (!id || ![...chat.installedApps.values()].some((a) => a.teamsAppId === id)) return fail(400, 'BadRequest', 'The tab’s app must be installed in the chat first (POST /chats/{id}/installedApps).');
  const configuration = isObject(body.configuration) ? body.configuration : {};
  if (typeof body.displayName !== 'string' || typeof configuration.contentUrl !== 'string' || !String(configuration.contentUrl).startsWith('https://')) {
    return fail(400, 'BadRequest', 'A tab needs a displayName and configuration.contentUrl (https).');
  }
  const tabId = randomUUID();
  const tab = { displayName: body.displayName, teamsAppId: id, configuration, webUrl: `https://teams.microsoft.com/l/entity/${id}/${tabId}` };
  chat.tabs.set(tabId, tab);
  return ok(201, { id: tabId, displayName: tab.displayName, webUrl: tab.webUrl, configuration });
}
