import { emptyReportContent, type ReportAttendee, type ReportContent, type ReportVariant, reportVariantFor } from '../../../shared';
import { appendAudit } from '../audit';
import type { Queryable } from '../db';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../errors';
import type { Principal } from '../principal';
import { scheduleReminders } from '../reminders/scheduleReminders';
import { loadReview, type ReviewRow } from './loadReview';
import { mayWriteReportDraft, reportRunnerOf } from './reportRunner';
import { updateReview } from './writeSupport';
import { ifMatchAccepts } from '../ifMatch';

/** A report file saved in SharePoint. */
export interface ReportFile {
  name: string;
  driveId?: string;
  itemId?: string;
}

export type MailState = 'unsent' | 'sending' | 'sent' | 'failed';

/** A report as the API answers it. */
export interface MeetingReport {
  reviewId: string;
  state: 'draft' | 'submitted';
  version: number;
  runBy: 'school' | 'council';
  late: boolean;
  content: ReportContent;
  submittedAt: string | null;
  mail: { state: MailState; error: string | null };
  files: ReportFile[] | null;
  filesError: string | null;
  /** What the review knows that the report page shows beside the form. */
  facts: { meetingDate: string | null; reportDue: string | null; rating: string | null; mode: string | null; teamsJoinUrl: string | null; ncYear: number | null };
}

interface Row {
  variant: ReportVariant;
  content: ReportContent | string;
  state: 'draft' | 'submitted';
  version: number;
  late: boolean;
  submitted_at: Date | string | null;
  mail_state: MailState;
  mail_error: string | null;
  files: ReportFile[] | string | null;
  files_error: string | null;
}

/** The report's own ETag (its version, not the review's): the report page autosaves against it. */
export const reportEtag = (reviewId: string, version: number) => `"report-${reviewId}.${version}"`;

/** Refuses a write made against an older report than the stored one. */
export function checkReportIfMatch(reviewId: string, version: number, ifMatch: string | undefined): void {
  if (!ifMatchAccepts(ifMatch, reportEtag(reviewId, version))) throw new PreconditionFailedError(`report version ${version}`);
}

/** One review's report with the review it belongs to, for reads and writes. */
export interface LoadedReport {
  review: ReviewRow;
  report: MeetingReport;
  /** False until the first save. */
  stored: boolean;
}

/**
 * The report of a review the caller can see. A draft is visible only to whoever runs the
 * review (the school's SENCO; the council's officers where the council runs it): anyone
 * else gets the same 404 as for an unknown review. A submitted report is read-only and
 * visible to everyone who sees the review. Before the first save the runner gets a draft
 * pre-filled from what the service knows (invitees, advice received, the variant from
 * the child's year).
 */
export async function loadMeetingReport(tx: Queryable, principal: Principal, id: string, today: string, forUpdate = false): Promise<LoadedReport> {
  const review = await loadReview(tx, principal, id, today, forUpdate);
  const runner = mayWriteReportDraft(principal, review);
  const [row] = await tx.query<Row>(
    `select variant, content, state, version, late, submitted_at, mail_state, mail_error, files, files_error from review_reports where review_id = $1 ${forUpdate ? 'for update' : ''}`,
    [id],
  );
  if ((!row || row.state === 'draft') && !runner) throw new NotFoundError(`The report of review ${id}`);
  const [meeting] = await tx.query<{ mode: string | null; rating: string | null; teams_join_url: string | null }>('select mode, rating, teams_join_url from meetings where review_id = $1', [id]);
  const facts = {
    meetingDate: review.meeting_date,
    reportDue: review.report_due,
    rating: meeting?.rating ?? null,
    mode: meeting?.mode ?? null,
    teamsJoinUrl: meeting?.teams_join_url ?? null,
    ncYear: review.nc_year,
  };
  const base = { reviewId: id, runBy: reportRunnerOf(review), facts };
  if (!row) {
    const content = await prefill(tx, review);
    const report: MeetingReport = { ...base, state: 'draft', version: 0, late: false, content, submittedAt: null, mail: { state: 'unsent', error: null }, files: null, filesError: null };
    return { review, report, stored: false };
  }
  const content = typeof row.content === 'string' ? (JSON.parse(row.content) as ReportContent) : row.content;
  const report: MeetingReport = {
    ...base,
    state: row.state,
    version: row.version,
    late: row.late,
    content: { ...content, advice: await adviceOf(tx, id) },
    submittedAt: row.submitted_at ? new Date(row.submitted_at).toISOString() : null,
    mail: { state: row.mail_state, error: row.mail_error },
    files: typeof row.files === 'string' ? JSON.parse(row.files) : row.files,
    filesError: row.files_error,
  };
  return { review, report, stored: true };
}

/** What the service already knows, as a first draft: everyone invited (not yet marked present) and the advice received. */
async function prefill(tx: Queryable, review: ReviewRow): Promise<ReportContent> {
  const invitees = await tx.query<{ role: string; name: string | null; email: string | null; org: string | null }>(
    `select i.role, coalesce(i.name, p.display_name) as name, coalesce(i.email, p.email) as email, o.name as org
       from invitations i left join people p on p.id = i.person_id left join organisations o on o.id = p.org_id
      where i.review_id = $1 order by i.id`,
    [review.id],
  );
  const attendees: ReportAttendee[] = invitees.map((i) => ({ name: i.name ?? i.email ?? i.role, role: i.role, organisation: i.org ?? undefined, email: i.email ?? undefined, attended: false }));
  return { ...emptyReportContent(reportVariantFor(review.nc_year)), attendees, advice: await adviceOf(tx, review.id) };
}

async function adviceOf(tx: Queryable, reviewId: string): Promise<ReportContent['advice']> {
  const rows = await tx.query<{ from_role: string; author: string | null; received_on: string; file_name: string | null }>(
    'select from_role, author, received_on, file_name from advice_items where review_id = $1 order by received_on, id',
    [reviewId],
  );
  return rows.map((r) => ({ fromRole: r.from_role, author: r.author, receivedOn: r.received_on, fileName: r.file_name }));
}

/** Saves the draft (insert or update), moving its version on; refused once submitted. */
export async function saveReportDraft(tx: Queryable, principal: Principal, loaded: LoadedReport, content: Omit<ReportContent, 'advice'>, action = 'report.draft-saved'): Promise<number> {
  const { review, report } = loaded;
  if (report.state === 'submitted') throw new ConflictError('report-submitted', 'The report has been submitted and is read-only; it went to everyone invited as it was.');
  if (review.stage !== 'booked' || !review.meeting_date) throw new ConflictError('report-not-expected', `A report cannot be written for this review: ${review.stage === 'not-booked' ? 'no meeting is booked yet' : `it is already ${review.status}`}.`);
  const stored = { ...content, advice: [] };
  const rows = await tx.query<{ version: number }>(
    `insert into review_reports (review_id, variant, content, updated_by) values ($1, $2, $3, $4)
     on conflict (review_id) do update set variant = excluded.variant, content = excluded.content, version = review_reports.version + 1, updated_by = excluded.updated_by, updated_at = now()
     returning version`,
    [review.id, content.variant, JSON.stringify(stored), principal.personId],
  );
  const version = rows[0]?.version ?? report.version + 1;
  await appendAudit(tx, principal, action, 'review', review.id, loaded.stored ? { version: report.version } : null, { version, variant: content.variant });
  return version;
}

/** Marks the report submitted (read-only from now on) and late when past its due date; returns the new version. */
export async function markReportSubmitted(tx: Queryable, principal: Principal, loaded: LoadedReport, today: string): Promise<{ version: number; late: boolean }> {
  const late = loaded.review.report_due !== null && today > loaded.review.report_due;
  const rows = await tx.query<{ version: number }>(
    `update review_reports set state = 'submitted', late = $2, submitted_at = now(), submitted_by = $3, version = version + 1, updated_at = now()
      where review_id = $1 and state = 'draft' returning version`,
    [loaded.review.id, late, principal.personId],
  );
  const version = rows[0]?.version ?? loaded.report.version + 1;
  await appendAudit(tx, principal, 'report.submitted', 'review', loaded.review.id, { state: 'draft' }, { state: 'submitted', version, late, reportDue: loaded.review.report_due });
  return { version, late };
}

/** Records where the document files went in SharePoint, or why they could not be saved. */
export async function recordReportFiles(tx: Queryable, reviewId: string, files: ReportFile[] | null, error: string | null): Promise<void> {
  await tx.query('update review_reports set files = $2, files_error = $3 where review_id = $1', [reviewId, files ? JSON.stringify(files) : null, error]);
}

/** Records that the email did not go, with the reason the page shows beside the retry button. */
export async function recordReportMailFailed(tx: Queryable, principal: Principal, reviewId: string, reason: string): Promise<void> {
  await tx.query("update review_reports set mail_state = 'failed', mail_error = $2 where review_id = $1", [reviewId, reason]);
  await appendAudit(tx, principal, 'report.mail-failed', 'review', reviewId, null, { reason });
}

/**
 * Records that the email went, once per submitted version: the report's sentOn is today
 * (the day it went), the review awaits the LA's decision, the report reminders are
 * cancelled and the decision-needed reminder (the decision card) is queued.
 *
 * @see Reg 20(7)-(8), 20(10); CoP 9.176
 */
export async function recordReportSent(tx: Queryable, principal: Principal, loaded: LoadedReport, recipients: string[], today: string): Promise<void> {
  const { review, report } = loaded;
  await tx.query("update review_reports set mail_state = 'sent', mail_sent_version = version, mail_error = null where review_id = $1", [review.id]);
  const summary = report.content.sections.summary?.slice(0, 4000) ?? null;
  const inserted = await tx.query('insert into reports (review_id, sent_on, recommendation, notes, recorded_by) values ($1, $2, $3, $4, $5) on conflict (review_id) do nothing returning review_id', [
    review.id,
    today,
    report.content.recommendation,
    summary,
    principal.personId,
  ]);
  if (inserted.length > 0 && review.stage === 'booked') await updateReview(tx, review, { stage: 'reported' });
  await appendAudit(tx, principal, 'report.sent', 'review', review.id, { stage: review.stage }, { stage: 'reported', sentOn: today, recommendation: report.content.recommendation, late: report.late, recipients: recipients.length });
  await scheduleReminders(tx, [review.id], today);
}

/** Whether this submitted version's email still has to go (a retry after it went sends nothing). */
export async function reportMailPending(tx: Queryable, reviewId: string): Promise<boolean> {
  const [row] = await tx.query<{ pending: boolean }>(
    "select (state = 'submitted' and mail_sent_version is distinct from version) as pending from review_reports where review_id = $1 for update",
    [reviewId],
  );
  return row?.pending ?? false;
}

/** Everyone invited with an email address: the report goes to each of them (Reg 20(7)). */
export async function inviteeAddresses(tx: Queryable, reviewId: string): Promise<{ email: string; name?: string }[]> {
  const rows = await tx.query<{ email: string; name: string | null }>(
    `select distinct on (lower(coalesce(i.email, p.email))) coalesce(i.email, p.email) as email, coalesce(i.name, p.display_name) as name
       from invitations i left join people p on p.id = i.person_id
      where i.review_id = $1 and coalesce(i.email, p.email) is not null
      order by lower(coalesce(i.email, p.email)), i.id`,
    [reviewId],
  );
  return rows.map((r) => ({ email: r.email, ...(r.name ? { name: r.name } : {}) }));
}
