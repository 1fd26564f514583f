import { attachFile, enableTeamsMeeting, type GraphClient, openFileContent } from '../graph';
import { adviceFileOf, attachmentOf, outlookEventOf, recordAttachment, recordTeamsJoinUrl } from '../store/meetings/outlookMeeting';
import type { Principal } from '../store/principal';
import { addMeetingSidePanel, type SidePanelResult } from './meetingReport/addMeetingSidePanel';
import { AdviceNotInDriveError, AttachmentFailedError, MeetingNotBookedError, TeamsMeetingFailedError } from './outlookErrors';
import { attachBody, teamsBody } from './schemas';
import { type AppDeps, parsed, permit } from './task';

/** One request about the meeting's Outlook event, with Graph as the caller (on-behalf-of). */
export interface OutlookCall {
  principal: Principal;
  reviewId: string;
  input: unknown;
  /** The review's ETag the caller last saw; a stale one is refused (412). */
  ifMatch?: string | undefined;
  /** Graph as the signed-in caller; called only once the request is checked (it throws 503 when Graph is not set up). */
  graph: () => GraphClient;
  /** How long to wait for Graph to provision a Teams join link. */
  teamsJoinUrl?: { attempts: number; intervalMs: number } | undefined;
  /** The app's id in the Teams catalogue and the service's address: the review tab goes into the meeting's chat. */
  meetingTab?: { teamsAppId: string | undefined; publicUrl: () => string } | undefined;
}

async function bookedMeeting(deps: AppDeps, call: OutlookCall, eventId: string): Promise<void> {
  const booked = await outlookEventOf(deps.db, call.principal, call.reviewId, deps.today(), call.ifMatch);
  if (booked !== eventId) throw new MeetingNotBookedError();
}

/**
 * Make the booked meeting a Teams meeting (office-js cannot switch the toggle): Graph
 * turns it on as the caller, the join link is kept with the meeting, and the review tab is
 * added to the meeting's chat as its side panel (`sidePanel` says whether, or why not).
 */
export async function enableTeams(deps: AppDeps, call: OutlookCall): Promise<{ reviewId: string; joinUrl: string; sidePanel: SidePanelResult }> {
  permit(call.principal, 'POST /api/reviews/{id}/outlook/teams');
  const { eventId } = parsed(teamsBody, call.input);
  await bookedMeeting(deps, call, eventId);
  const gc = call.graph();
  let joinUrl: string;
  try {
    joinUrl = (await enableTeamsMeeting(gc, 'me', eventId, call.teamsJoinUrl ?? {})).joinUrl;
  } catch (error) {
    deps.logger.warn('teams meeting failed', { reviewId: call.reviewId, error: (error as Error).message });
    throw new TeamsMeetingFailedError((error as Error).message.replace(/\.$/, ''));
  }
  await recordTeamsJoinUrl(deps.db, call.principal, call.reviewId, joinUrl);
  const sidePanel = await addMeetingSidePanel(gc, { reviewId: call.reviewId, joinUrl, teamsAppId: call.meetingTab?.teamsAppId, publicUrl: call.meetingTab?.publicUrl() ?? '' }, deps.logger);
  return { reviewId: call.reviewId, joinUrl, sidePanel };
}

/**
 * Attach an advice file to the meeting's Outlook event (large files through an upload
 * session the add-in cannot drive). Once per item and event: a retry after success
 * answers the first attachment (200, `replayed`) and attaches nothing.
 */
export async function attachAdvice(deps: AppDeps, call: OutlookCall): Promise<{ status: 200 | 201; body: Record<string, unknown> }> {
  permit(call.principal, 'POST /api/reviews/{id}/outlook/attachments');
  const { eventId, adviceItemId } = parsed(attachBody, call.input);
  await bookedMeeting(deps, call, eventId);
  const item = await adviceFileOf(deps.db, call.reviewId, adviceItemId);
  const name = item.fileName ?? `advice-${adviceItemId}`;
  const done = await attachmentOf(deps.db, call.reviewId, adviceItemId, eventId);
  if (done) return { status: 200, body: { reviewId: call.reviewId, adviceItemId, name, size: done.size, attachmentId: done.attachmentId, replayed: true } };
  if (!item.driveId || !item.itemId) throw new AdviceNotInDriveError(name);
  const gc = call.graph();
  let attached: Awaited<ReturnType<typeof attachFile>>;
  try {
    const file = await openFileContent(gc, { driveId: item.driveId, itemId: item.itemId });
    const chunks: Buffer[] = [];
    for await (const chunk of file.stream) chunks.push(Buffer.from(chunk as Uint8Array));
    attached = await attachFile(gc, { mailbox: 'me', kind: 'events', id: eventId }, { name, contentType: file.contentType, content: Buffer.concat(chunks) });
  } catch (error) {
    deps.logger.warn('attachment failed', { reviewId: call.reviewId, adviceItemId, error: (error as Error).message });
    throw new AttachmentFailedError(name, (error as Error).message.replace(/\.$/, ''));
  }
  await recordAttachment(deps.db, call.principal, { reviewId: call.reviewId, adviceItemId, eventId, attachmentId: attached.attachmentId, size: attached.size, fileName: name, via: attached.via });
  return { status: 201, body: { reviewId: call.reviewId, adviceItemId, name, size: attached.size, via: attached.via, attachmentId: attached.attachmentId } };
}
