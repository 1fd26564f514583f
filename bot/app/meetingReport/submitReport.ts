import { missingParts } from '../../../shared';
import { requestHash, runWrite, type WriteResult } from '../../store/idempotency';
import { ConflictError, InvalidInputError } from '../../store/errors';
import type { Principal } from '../../store/principal';
import { checkReportIfMatch, loadMeetingReport, markReportSubmitted, reportEtag } from '../../store/reviews/meetingReport';
import { deliverReport, type ReportDelivery } from './deliverReport';
import type { MeetingReportDeps } from './deps';

/**
 * Submits the report: every required section of its variant filled (each empty one is
 * listed by its heading, and nothing is sent), then read-only, marked late when it is past
 * the two weeks (accepted, never refused), and sent once to everyone invited
 * ({@link deliverReport}). The submit is one idempotent write (Idempotency-Key, If-Match on
 * the report's version); the send follows it and is itself once per version, so a repeat
 * of the request, or a retry after Graph failed, sends one email in all.
 *
 * @see Reg 20(6)-(8), 21(6); CoP 9.176, 9.184
 */
export async function submitReportTask(
  deps: MeetingReportDeps,
  principal: Principal,
  reviewId: string,
  request: { key?: string | undefined; ifMatch?: string | undefined; path: string },
): Promise<WriteResult & { delivery: ReportDelivery }> {
  const today = deps.today();
  const result = await runWrite(deps.db, principal, request.key, requestHash('POST', request.path, {}), async (tx) => {
    const loaded = await loadMeetingReport(tx, principal, reviewId, today, true);
    checkReportIfMatch(reviewId, loaded.report.version, request.ifMatch);
    if (loaded.report.state === 'submitted') throw new ConflictError('report-submitted', 'The report was already submitted; it is read-only. Use "Send again" if it has not gone to everyone invited.');
    if (!loaded.stored) throw new InvalidInputError([{ field: 'report', message: 'save the report before submitting it' }]);
    const missing = missingParts(loaded.report.content);
    if (missing.length > 0) throw new InvalidInputError(missing.map((m) => ({ field: m.field, message: `${m.heading} must be filled before the report is submitted (${m.source})` })));
    const { version, late } = await markReportSubmitted(tx, principal, loaded, today);
    return { status: 201, body: { reviewId, state: 'submitted', version, late }, etag: reportEtag(reviewId, version) };
  });
  const delivery = await deliverReport(deps, principal, reviewId);
  return { ...result, delivery };
}

/** Sends a submitted report that did not go (the page's "Send again"); once sent, a repeat sends nothing. */
export async function resendReportTask(deps: MeetingReportDeps, principal: Principal, reviewId: string): Promise<ReportDelivery> {
  const loaded = await loadMeetingReport(deps.db, principal, reviewId, deps.today());
  if (loaded.report.state !== 'submitted') throw new ConflictError('report-not-expected', 'The report is still a draft: submit it first.');
  return deliverReport(deps, principal, reviewId);
}
