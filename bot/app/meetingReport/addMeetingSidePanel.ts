import type { GraphClient } from '../../graph/client';
import { GraphCallError } from '../../graph/errors';
import { addTabToMeetingChat, findOnlineMeeting } from '../../graph/onlineMeetings';
import type { Logger } from '../../log/logger';

/** Whether the review's tab was added to the Teams meeting's chat, and if not, why and what to grant. */
export type SidePanelResult = { added: true; chatId: string; tabId: string } | { added: false; reason: string };

/**
 * Adds the app and the review's tab to the new Teams meeting's chat, as the organiser who
 * made it from the add-in, so everyone invited from inside the tenant has the review
 * beside the call (the agenda, the advice list and, for the school, the report draft). The
 * meeting works without it: a failure is a reason to show, naming the permission the
 * administrator must grant, never an error.
 *
 * @see https://learn.microsoft.com/microsoftteams/platform/apps-in-teams-meetings/build-tabs-for-meeting
 */
export async function addMeetingSidePanel(
  gc: GraphClient,
  input: { reviewId: string; joinUrl: string; teamsAppId: string | undefined; publicUrl: string },
  logger: Logger,
): Promise<SidePanelResult> {
  if (!input.teamsAppId) return { added: false, reason: 'The app’s Teams catalogue id is not set (REMINDERS_TEAMS_APP_ID), so the review tab was not added to the meeting chat; add “EHCP reviews” to the meeting from Teams (Apps, +).' };
  if (!input.publicUrl.startsWith('https://')) return { added: false, reason: 'The service has no https:// address (PUBLIC_URL), which Teams needs to load a tab; the review tab was not added.' };
  try {
    const meeting = await findOnlineMeeting(gc, input.joinUrl);
    if (!meeting?.chatId) return { added: false, reason: 'Teams has not made this meeting’s chat yet; add “EHCP reviews” to the meeting from Teams (Apps, +).' };
    const page = `${input.publicUrl}/tab/?review=${encodeURIComponent(input.reviewId)}&context=meeting`;
    const { tabId } = await addTabToMeetingChat(gc, meeting.chatId, input.teamsAppId, { displayName: 'Annual review', entityId: `review-${input.reviewId}`, contentUrl: page, websiteUrl: page });
    return { added: true, chatId: meeting.chatId, tabId };
  } catch (error) {
    const reason = error instanceof GraphCallError ? error.message : 'Microsoft Graph could not be reached.';
    logger.warn('meeting side panel not added', { reviewId: input.reviewId, code: error instanceof GraphCallError ? error.code : 'unexpected' });
    return { added: false, reason: `The review tab was not added to the meeting chat: ${reason} Your administrator can grant it (see docs/graph-permissions.md); the meeting itself is booked.` };
  }
}
