import { childLabel, cleanFileName, reportDocument, type ReportFacts } from '../../../shared';
import { reviewFolderPath } from '../../advice/storage';
import { GraphCallError, GraphInputError } from '../../graph/errors';
import { sendMail } from '../../graph/mail';
import { IdentityError } from '../../identity/errors';
import { LetterMailerError } from '../../letters/errors';
import { renderDocument } from '../../letters/renderDocument';
import { adviceDriveFor } from '../../store/advice/openRequests';
import { readCouncilSettings } from '../../store/councilSettings';
import type { Queryable } from '../../store/db';
import { ConflictError } from '../../store/errors';
import type { Principal } from '../../store/principal';
import {
  inviteeAddresses,
  type LoadedReport,
  type ReportFile,
  loadMeetingReport,
  recordReportFiles,
  recordReportMailFailed,
  recordReportSent,
  reportMailPending,
} from '../../store/reviews/meetingReport';
import type { MeetingReportDeps } from './deps';
import { councilTenantOf, schoolAndCouncilNames } from '../../store/organisations';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** How sending the submitted report went. */
export type ReportDelivery =
  | { status: 'sent'; sentOn: string; recipients: string[]; late: boolean; files: ReportFile[] | null; filesError: string | null; message: string }
  | { status: 'already-sent'; message: string }
  | { status: 'failed'; reason: string; message: string };

/** The report's file name: initials and council reference, never the child's name. */
export function reportFileName(label: string, meetingDate: string): string {
  return cleanFileName(`Annual review report ${label} ${meetingDate}`);
}

/** The report's .docx and PDF for a date (the day it goes). */
export async function renderReportFiles(tx: Queryable, loaded: LoadedReport, sentOn: string) {
  const facts = await reportFacts(tx, loaded, sentOn);
  const doc = reportDocument(loaded.report.content, facts);
  const [docx, pdf] = await Promise.all([renderDocument(doc, 'docx'), renderDocument(doc, 'pdf')]);
  return { facts, docx, pdf, baseName: reportFileName(facts.label, facts.meetingDate) };
}

async function reportFacts(tx: Queryable, loaded: LoadedReport, sentOn: string): Promise<ReportFacts> {
  const r = loaded.review;
  const orgs = await schoolAndCouncilNames(tx, r.school_id, r.council_id);
  return {
    childName: r.child_name,
    label: childLabel(r.child_name, r.la_reference),
    laReference: r.la_reference,
    schoolName: orgs?.school ?? orgs?.council ?? '',
    councilName: orgs?.council ?? '',
    meetingDate: r.meeting_date ?? sentOn,
    sentOn,
    reportDue: r.report_due,
    late: loaded.report.late,
  };
}

/**
 * Sends the submitted report once: renders it as .docx and tagged PDF, saves both beside
 * the review's advice in SharePoint, and emails everyone invited (Reg 20(7)) with both
 * attached: from the signed-in SENCO (delegated Mail.Send) where the school runs the
 * review, from the council's shared mailbox where the council does. The report row is
 * locked for the duration and the send is recorded against the submitted version, so a
 * retry (or two at once) after it went sends nothing. A Graph failure is recorded with its
 * reason and answered `failed`: the report stays submitted-but-unsent, to retry.
 *
 * @see Reg 20(7)-(8); CoP 9.176
 */
export function deliverReport(deps: MeetingReportDeps, principal: Principal, reviewId: string): Promise<ReportDelivery> {
  const today = deps.today();
  return deps.db.transaction(async (tx) => {
    const loaded = await loadMeetingReport(tx, principal, reviewId, today, true);
    if (loaded.report.state !== 'submitted') throw new ConflictError('report-not-expected', 'The report is still a draft: submit it first.');
    if (!(await reportMailPending(tx, reviewId))) return { status: 'already-sent', message: 'The report was already sent to everyone invited; nothing was sent again.' };
    const { facts, docx, pdf, baseName } = await renderReportFiles(tx, loaded, today);
    const files = await saveFiles(deps, tx, loaded, baseName, docx, pdf);
    const recipients = await inviteeAddresses(tx, reviewId);
    if (recipients.length === 0) {
      const reason = 'No one invited has an email address: add the invitees’ addresses to the review, then send again.';
      await recordReportMailFailed(tx, principal, reviewId, reason);
      return { status: 'failed', reason, message: reason };
    }
    const mail = {
      to: recipients,
      subject: `Annual review meeting report: ${facts.label}`,
      body: {
        html: `<p>Please find attached the report of the annual review meeting held on ${facts.meetingDate} for ${facts.label}, with its recommendation and any differences of view.</p><p>${facts.schoolName}</p>`,
      },
      attachments: [
        { name: `${baseName}.pdf`, contentType: 'application/pdf', content: pdf },
        { name: `${baseName}.docx`, contentType: DOCX, content: docx },
      ],
    };
    try {
      await send(deps, tx, loaded, principal, mail);
    } catch (error) {
      if (!(error instanceof GraphCallError || error instanceof IdentityError || error instanceof GraphInputError || error instanceof LetterMailerError || error instanceof MailUnavailable)) throw error;
      deps.logger.warn('meeting report not sent', { reviewId, child: facts.label, code: (error as { code?: string }).code ?? 'unavailable' });
      await recordReportMailFailed(tx, principal, reviewId, error.message);
      return { status: 'failed', reason: error.message, message: `The report is submitted but was not sent: ${error.message} Send it again when that is fixed; it will go once.` };
    }
    await recordReportSent(tx, principal, loaded, recipients.map((r) => r.email), today);
    deps.logger.info('meeting report sent', { reviewId, child: facts.label, recipients: recipients.length, late: loaded.report.late });
    return {
      status: 'sent',
      sentOn: today,
      recipients: recipients.map((r) => r.email),
      late: loaded.report.late,
      ...files,
      message: `The report was sent to ${recipients.length} people invited${loaded.report.late ? `, after the ${facts.reportDue} it was due (it is marked late)` : ''}.`,
    };
  });
}

class MailUnavailable extends Error {}

async function send(deps: MeetingReportDeps, tx: Queryable, loaded: LoadedReport, principal: Principal, mail: Parameters<typeof sendMail>[2]): Promise<void> {
  if (loaded.report.runBy === 'school') {
    if (!deps.graphFor && deps.localMail) return deps.localMail(principal.email ?? 'the SENCO', mail);
    if (!deps.graphFor) throw new MailUnavailable('The service is not connected to Microsoft Graph (EHCP_GRAPH_* settings), so it cannot send email as you.');
    await sendMail(deps.graphFor(principal), 'me', mail);
    return;
  }
  const settings = (await readCouncilSettings(tx, loaded.review.council_id)).settings;
  const tenant = await councilTenantOf(tx, loaded.review.council_id);
  if ((!deps.mailer || !settings.sharedMailbox || !tenant) && deps.localMail) return deps.localMail(settings.sharedMailbox ?? 'the council', mail);
  if (!deps.mailer || !settings.sharedMailbox || !tenant) throw new MailUnavailable("The council's shared mailbox is not set up (council settings and EHCP_GRAPH_* settings).");
  await deps.mailer.send(tenant, settings.sharedMailbox, mail);
}

/** Saves both files in the council's library, in the review's folder; a failure is recorded, not fatal (the email still goes). */
async function saveFiles(deps: MeetingReportDeps, tx: Queryable, loaded: LoadedReport, baseName: string, docx: Buffer, pdf: Buffer) {
  if (loaded.report.files) return { files: loaded.report.files, filesError: null };
  const r = loaded.review;
  const driveId = await adviceDriveFor(tx, r.council_id, deps.defaultDriveId);
  const tenantId = await councilTenantOf(tx, r.council_id);
  let files: ReportFile[] | null = null;
  let filesError: string | null = null;
  if (!deps.storage || !driveId) filesError = 'SharePoint storage is not set up for this council (EHCP_GRAPH_* settings and ADVICE_DRIVE_ID); the files went with the email only.';
  else {
    try {
      const folder = { tenantId, driveId, path: reviewFolderPath(r.la_reference, r.review_deadline) };
      const saved = [await deps.storage.save(folder, `${baseName}.docx`, docx, DOCX), await deps.storage.save(folder, `${baseName}.pdf`, pdf, 'application/pdf')];
      files = saved.map((s) => ({ name: s.name, driveId: s.driveId, itemId: s.itemId }));
    } catch (error) {
      filesError = `The files could not be saved in SharePoint: ${(error as Error).message}`;
      deps.logger.warn('meeting report files not saved', { reviewId: r.id });
    }
  }
  await recordReportFiles(tx, r.id, files, filesError);
  return { files, filesError };
}
