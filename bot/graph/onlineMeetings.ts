import { z } from 'zod';
import type { GraphClient } from './client';
import { GraphCallError, GraphInputError, type GraphOperation } from './errors';
import { IdempotentRequest } from './middleware';
import { invalid } from './paging';

/**
 * The Teams meeting behind a review, through Microsoft Graph as the organiser (delegated):
 * the online meeting found by its join link, its attendance report, and the app with its
 * tab added to the meeting's chat so the review sits beside the call.
 *
 * @see https://learn.microsoft.com/graph/api/application-list-onlinemeetings (filter by JoinWebUrl)
 * @see https://learn.microsoft.com/graph/api/meetingattendancereport-list
 * @see https://learn.microsoft.com/graph/api/chat-post-installedapps
 * @see https://learn.microsoft.com/graph/api/chat-post-tabs
 */
const OPS = {
  find: { name: 'find the Teams meeting by its join link', permissions: { delegated: 'OnlineMeetings.Read', application: 'OnlineMeetings.Read.All' } },
  reports: { name: 'read the Teams meeting’s attendance report', permissions: { delegated: 'OnlineMeetingArtifact.Read.All', application: 'OnlineMeetingArtifact.Read.All' } },
  install: { name: 'add the app to the meeting chat', permissions: { delegated: 'TeamsAppInstallation.ReadWriteSelfForChat', application: 'TeamsAppInstallation.ReadWriteSelfForChat.All' } },
  tab: { name: 'add the review tab to the meeting chat', permissions: { delegated: 'TeamsTab.Create', application: 'TeamsTab.Create' } },
} satisfies Record<string, GraphOperation>;

export interface OnlineMeeting {
  id: string;
  joinWebUrl: string;
  /** The meeting chat's thread id (`19:meeting_...@thread.v2`). */
  chatId: string | null;
}

/** One person in the meeting's attendance report. */
export interface AttendanceRecord {
  email: string | null;
  displayName: string;
  role: string;
  totalAttendanceInSeconds: number;
}

const meetingSchema = z.object({ id: z.string(), joinWebUrl: z.string(), chatInfo: z.object({ threadId: z.string().nullable().optional() }).nullable().optional() });

/** The organiser's online meeting with this join link, or null when there is none. */
export async function findOnlineMeeting(gc: GraphClient, joinWebUrl: string): Promise<OnlineMeeting | null> {
  if (!/^https:\/\//.test(joinWebUrl) || joinWebUrl.includes("'")) throw new GraphInputError('joinWebUrl', 'joinWebUrl must be the https:// Teams join link');
  const filter = encodeURIComponent(`JoinWebUrl eq '${joinWebUrl}'`);
  const raw = await gc.call(OPS.find, (sdk) => sdk.api(`/me/onlineMeetings?$filter=${filter}`).get());
  const parsed = z.object({ value: z.array(meetingSchema) }).safeParse(raw);
  if (!parsed.success) throw invalid(OPS.find, 'an online meetings list without ids');
  const m = parsed.data.value[0];
  return m ? { id: m.id, joinWebUrl: m.joinWebUrl, chatId: m.chatInfo?.threadId ?? null } : null;
}

const recordSchema = z.object({
  emailAddress: z.string().nullable().optional(),
  role: z.string().nullable().optional(),
  totalAttendanceInSeconds: z.number().nullable().optional(),
  identity: z.object({ displayName: z.string().nullable().optional() }).nullable().optional(),
});

/**
 * Who attended, from the meeting's latest attendance report (Teams writes one per
 * occurrence after the call ends); null when there is no report yet.
 */
export async function latestAttendance(gc: GraphClient, meetingId: string): Promise<AttendanceRecord[] | null> {
  const base = `/me/onlineMeetings/${encodeURIComponent(meetingId)}/attendanceReports`;
  const raw = await gc.call(OPS.reports, (sdk) => sdk.api(base).get());
  const parsed = z.object({ value: z.array(z.object({ id: z.string(), meetingEndDateTime: z.string().nullable().optional() })) }).safeParse(raw);
  if (!parsed.success) throw invalid(OPS.reports, 'an attendance report list without ids');
  const latest = [...parsed.data.value].sort((a, b) => (a.meetingEndDateTime ?? '').localeCompare(b.meetingEndDateTime ?? '')).at(-1);
  if (!latest) return null;
  const records = await gc.call(OPS.reports, (sdk) => sdk.api(`${base}/${encodeURIComponent(latest.id)}/attendanceRecords`).get());
  const rows = z.object({ value: z.array(recordSchema) }).safeParse(records);
  if (!rows.success) throw invalid(OPS.reports, 'attendance records in an unknown shape');
  return rows.data.value.map((r) => ({
    email: r.emailAddress ? r.emailAddress.toLowerCase() : null,
    displayName: r.identity?.displayName ?? r.emailAddress ?? 'Unknown attendee',
    role: r.role ?? 'Attendee',
    totalAttendanceInSeconds: r.totalAttendanceInSeconds ?? 0,
  }));
}

/** The tab to add: what Teams shows and where it loads from. */
export interface ChatTab {
  displayName: string;
  entityId: string;
  contentUrl: string;
  websiteUrl: string;
}

/**
 * Adds the app (its id in the tenant's Teams catalogue) to the meeting's chat, then its
 * tab. Adding twice is harmless: an app already in the chat answers 409 and is kept.
 *
 * @example await addTabToMeetingChat(gc, '19:meeting_x@thread.v2', appId, { displayName: 'Annual review', ... })
 */
export async function addTabToMeetingChat(gc: GraphClient, chatId: string, teamsAppId: string, tab: ChatTab): Promise<{ tabId: string }> {
  const chat = `/chats/${encodeURIComponent(chatId)}`;
  const bind = `${gc.root}/appCatalogs/teamsApps/${encodeURIComponent(teamsAppId)}`;
  try {
    await gc.call(OPS.install, (sdk) => sdk.api(`${chat}/installedApps`).middlewareOptions([new IdempotentRequest()]).post({ 'teamsApp@odata.bind': bind }));
  } catch (error) {
    if (!(error instanceof GraphCallError) || error.code !== 'graph-conflict') throw error;
  }
  const raw = await gc.call(OPS.tab, (sdk) =>
    sdk.api(`${chat}/tabs`).post({
      displayName: tab.displayName,
      'teamsApp@odata.bind': bind,
      configuration: { entityId: tab.entityId, contentUrl: tab.contentUrl, websiteUrl: tab.websiteUrl, removeUrl: null },
    }),
  );
  const parsed = z.object({ id: z.string() }).safeParse(raw);
  if (!parsed.success) throw invalid(OPS.tab, 'a tab without an id');
  return { tabId: parsed.data.id };
}
