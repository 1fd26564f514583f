import type { ReportAttendee } from '../../../shared';
import { GraphCallError } from '../../graph/errors';
import { type AttendanceRecord, findOnlineMeeting, latestAttendance } from '../../graph/onlineMeetings';
import { requestHash, runWrite } from '../../store/idempotency';
import type { Principal } from '../../store/principal';
import { checkReportIfMatch, loadMeetingReport, reportEtag, saveReportDraft } from '../../store/reviews/meetingReport';
import type { MeetingReportDeps } from './deps';

/**
 * Merges a Teams attendance report into the attendees: an invitee whose address is in it
 * attended; one who is not did not; someone who joined uninvited is added as attended.
 *
 * @example mergeAttendance([{ name: 'Parent', role: 'parent', email: 'p@x', attended: false }], [{ email: 'p@x', ... }])[0].attended //=> true
 */
export function mergeAttendance(invitees: readonly ReportAttendee[], records: readonly AttendanceRecord[]): ReportAttendee[] {
  const seen = new Set(records.map((r) => r.email).filter((e): e is string => !!e));
  const known = new Set(invitees.map((i) => i.email?.toLowerCase()).filter(Boolean));
  const merged = invitees.map((i) => ({ ...i, attended: !!i.email && seen.has(i.email.toLowerCase()) }));
  for (const r of records) {
    if (r.email && known.has(r.email)) continue;
    merged.push({ name: r.displayName, role: r.role === 'Organizer' ? 'organiser' : 'other', email: r.email ?? undefined, attended: true });
  }
  return merged;
}

/**
 * Fills who attended from the Teams meeting's attendance report, as the organiser through
 * Graph (OnlineMeetings.Read, OnlineMeetingArtifact.Read.All, delegated). A meeting not in
 * Teams, a report not there yet, a missing permission or a Graph failure leaves the list to
 * fill by hand: the draft keeps its attendees and says why (`attendanceNote`).
 *
 * @see Reg 20(7); CoP 9.176
 */
export async function fillAttendanceTask(deps: MeetingReportDeps, principal: Principal, reviewId: string, request: { key?: string | undefined; ifMatch?: string | undefined; path: string }) {
  const ifMatch = request.ifMatch;
  const today = deps.today();
  const first = await loadMeetingReport(deps.db, principal, reviewId, today);
  checkReportIfMatch(reviewId, first.report.version, ifMatch);
  let attendees: ReportAttendee[] | undefined;
  let note: string | undefined;
  const joinUrl = first.report.facts.teamsJoinUrl;
  if (!joinUrl) note = 'This meeting was not a Teams meeting made by the add-in, so there is no attendance report: tick who attended.';
  else if (!deps.graphFor) note = 'The service is not connected to Microsoft Graph (EHCP_GRAPH_* settings), so it cannot read the Teams attendance report: tick who attended.';
  else {
    try {
      const gc = deps.graphFor(principal);
      const meeting = await findOnlineMeeting(gc, joinUrl);
      const records = meeting ? await latestAttendance(gc, meeting.id) : null;
      if (!meeting) note = 'Teams does not know this meeting for you: only its organiser can read its attendance report. Tick who attended.';
      else if (!records) note = 'Teams has no attendance report for this meeting yet (it appears a few minutes after the call ends): try again later, or tick who attended.';
      else attendees = mergeAttendance(first.report.content.attendees, records);
    } catch (error) {
      const reason = error instanceof GraphCallError ? error.message : 'Microsoft Graph could not be reached.';
      deps.logger.warn('attendance report not read', { reviewId, code: error instanceof GraphCallError ? error.code : 'unexpected' });
      note = `The Teams attendance report could not be read: ${reason} Tick who attended.`;
    }
  }
  return runWrite(deps.db, principal, request.key, requestHash('POST', request.path, {}), async (tx) => {
    const loaded = await loadMeetingReport(tx, principal, reviewId, today, true);
    checkReportIfMatch(reviewId, first.report.version, reportEtag(reviewId, loaded.report.version));
    const { advice: _advice, ...content } = loaded.report.content;
    const next = { ...content, attendees: attendees ?? content.attendees, attendanceNote: note };
    const version = await saveReportDraft(tx, principal, loaded, next, attendees ? 'report.attendance-filled' : 'report.attendance-not-filled');
    const etag = reportEtag(reviewId, version);
    return { status: 200, etag, body: { reviewId, version, filled: attendees !== undefined, attendees: next.attendees, ...(note ? { reason: note } : {}) } };
  });
}
