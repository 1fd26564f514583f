import { z } from 'zod';
import { isIsoDate, reportSectionIds } from '../../../shared';
import { InvalidInputError } from '../../store/errors';
import type { Queryable } from '../../store/db';
import type { Principal } from '../../store/principal';
import { checkReportIfMatch, loadMeetingReport, reportEtag, saveReportDraft } from '../../store/reviews/meetingReport';
import { parseWith } from '../schemas';
import type { AppDeps, TaskResult } from '../task';
import { requestHash, runWrite } from '../../store/idempotency';

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);
const name = z.string().trim().min(1, 'must not be empty').max(200);
const isoDate = z.string().refine(isIsoDate, { message: 'must be a real calendar date written YYYY-MM-DD (for example 2026-03-31)' });

/** The draft as the report page sends it: every section's text and the structured parts. */
export const reportDraftBody = z.strictObject({
  variant: z.enum(['general', 'year9']),
  sections: z.partialRecord(z.enum(reportSectionIds), text(20_000)).default({}),
  attendees: z
    .array(z.strictObject({ name, role: name, organisation: text(200).optional(), email: z.string().trim().email().max(320).optional(), attended: z.boolean() }))
    .max(60)
    .default([]),
  attendanceNote: text(500).optional(),
  recommendation: z.enum(['maintain', 'amend', 'cease']).optional(),
  proposedAmendments: z.array(z.strictObject({ planSection: name, amendment: z.string().trim().min(1).max(4000) })).max(40).default([]),
  differencesOfView: z
    .array(z.strictObject({ person: name, section: z.enum([...reportSectionIds, 'recommendation']), view: z.string().trim().min(1).max(4000) }))
    .max(40)
    .default([]),
  agreedActions: z.array(z.strictObject({ action: z.string().trim().min(1).max(1000), owner: name, dueOn: isoDate.optional() })).max(60).default([]),
});

export type ReportDraftInput = z.output<typeof reportDraftBody>;

/**
 * Saves the report's draft (the page autosaves as the meeting goes): the runner only,
 * against the version last read (If-Match), audited. Answers the new report ETag.
 *
 * @see Reg 20(7); CoP 9.176
 */
export async function saveDraftTask(tx: Queryable, principal: Principal, reviewId: string, body: unknown, today: string, ifMatch?: string) {
  const parsed = parseWith(reportDraftBody, body);
  if (!parsed.ok) throw new InvalidInputError(parsed.problems);
  const loaded = await loadMeetingReport(tx, principal, reviewId, today, true);
  checkReportIfMatch(reviewId, loaded.report.version, ifMatch);
  const version = await saveReportDraft(tx, principal, loaded, parsed.value);
  return { etag: reportEtag(reviewId, version), version, state: 'draft' as const };
}

/**
 * Autosave the report draft as the meeting goes: one idempotent write (the draft's If-Match
 * is the report's own ETag), answering its new version and state.
 */
export function saveReportDraftWrite(deps: Pick<AppDeps, 'db' | 'today'>, principal: Principal, reviewId: string, request: { input: unknown; key?: string | undefined; ifMatch?: string | undefined }): Promise<TaskResult> {
  return runWrite(deps.db, principal, request.key, requestHash('PUT', `/api/reviews/${reviewId}/report/draft`, request.input ?? null), async (tx) => {
    const saved = await saveDraftTask(tx, principal, reviewId, request.input, deps.today(), request.ifMatch);
    return { status: 200, body: { reviewId, version: saved.version, state: saved.state }, etag: saved.etag };
  });
}
