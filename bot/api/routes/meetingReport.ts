import { noteReviewRead } from '../../app/accessRecords';
import { faceOf } from '../face';
import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { LocalMail, MeetingReportDeps } from '../../app/meetingReport/deps';
import { renderReportFiles } from '../../app/meetingReport/deliverReport';
import { fillAttendanceTask } from '../../app/meetingReport/fillAttendance';
import { saveReportDraftWrite } from '../../app/meetingReport/saveReportDraft';
import { resendReportTask, submitReportTask } from '../../app/meetingReport/submitReport';
import type { AdviceStorage } from '../../advice/storage';
import { InvalidInputError } from '../../store/errors';
import type { Principal } from '../../store/principal';
import { checkReportIfMatch, loadMeetingReport, reportEtag } from '../../store/reviews/meetingReport';
import { type ApiContext, authorise, idempotencyKey } from '../context';
import type { GraphAccess } from '../graphAccess';
import { parseWith } from '../../app/schemas';
import { reviewIdOf, send } from './reviews';

export const reportDocumentQuery = z.strictObject({ format: z.enum(['docx', 'pdf']).default('pdf') });
const TYPES = { docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', pdf: 'application/pdf' } as const;

export interface MeetingReportRouteOptions extends ApiContext {
  graph?: GraphAccess | undefined;
  reportStorage?: { storage: AdviceStorage | undefined; defaultDriveId: string | undefined } | undefined;
  /** Development only: the local mailbox for the report's email (bot/dev/devMailbox.ts). */
  localMail?: LocalMail | undefined;
}

/**
 * The school's meeting report (#24): read, autosave the draft, fill who attended from
 * Teams, submit (rendered, saved, emailed to everyone invited), send again after a
 * failure, and download. Each route only translates HTTP to the task in bot/app/meetingReport.
 */
export function meetingReportRoutes(ctx: MeetingReportRouteOptions): Router {
  const router = Router();
  const depsFor = (req: Request): MeetingReportDeps => {
    const token = (req.get('authorization') ?? '').replace(/^bearer\s+/i, '');
    const graph = ctx.graph;
    return {
      db: ctx.db,
      today: ctx.today,
      logger: ctx.logger,
      mailer: ctx.mailer,
      storage: ctx.reportStorage?.storage,
      defaultDriveId: ctx.reportStorage?.defaultDriveId,
      graphFor: graph ? (p: Principal) => graph.forCaller(token, p) : undefined,
      localMail: ctx.localMail,
    };
  };
  const request = (req: Request) => ({ key: idempotencyKey(req), ifMatch: req.get('if-match'), path: req.path });

  router.get('/api/reviews/:id/report', async (req, res) => {
    const principal = await authorise(ctx, req, 'GET /api/reviews/{id}/report');
    const { report } = await loadMeetingReport(ctx.db, principal, reviewIdOf(req), ctx.today());
    res.set('ETag', reportEtag(report.reviewId, report.version)).set('Cache-Control', 'private, no-store').json(report);
  });

  router.put('/api/reviews/:id/report/draft', async (req: Request, res: Response) => {
    const principal = await authorise(ctx, req, 'PUT /api/reviews/{id}/report/draft');
    const { key, ifMatch } = request(req);
    send(res, await saveReportDraftWrite(ctx, principal, reviewIdOf(req), { input: req.body, key, ifMatch }));
  });

  router.post('/api/reviews/:id/report/attendance', async (req, res) => {
    const principal = await authorise(ctx, req, 'POST /api/reviews/{id}/report/attendance');
    send(res, await fillAttendanceTask(depsFor(req), principal, reviewIdOf(req), request(req)));
  });

  router.post('/api/reviews/:id/report/submit', async (req, res) => {
    const principal = await authorise(ctx, req, 'POST /api/reviews/{id}/report/submit');
    const { delivery, ...result } = await submitReportTask(depsFor(req), principal, reviewIdOf(req), request(req));
    send(res, { ...result, body: { ...(result.body as object), delivery } });
  });

  router.post('/api/reviews/:id/report/send', async (req, res) => {
    const principal = await authorise(ctx, req, 'POST /api/reviews/{id}/report/send');
    const id = reviewIdOf(req);
    const { ifMatch } = request(req);
    const { report } = await loadMeetingReport(ctx.db, principal, id, ctx.today());
    checkReportIfMatch(id, report.version, ifMatch);
    const delivery = await resendReportTask(depsFor(req), principal, id);
    res.status(delivery.status === 'sent' ? 201 : 200).set('ETag', reportEtag(id, report.version)).json({ reviewId: id, delivery });
  });

  router.get('/api/reviews/:id/report/document', async (req, res) => {
    const principal = await authorise(ctx, req, 'GET /api/reviews/{id}/report/document');
    const query = parseWith(reportDocumentQuery, req.query);
    if (!query.ok) throw new InvalidInputError(query.problems);
    const today = ctx.today();
    const loaded = await loadMeetingReport(ctx.db, principal, reviewIdOf(req), today);
    const files = await renderReportFiles(ctx.db, loaded, today);
    const format = query.value.format;
    await noteReviewRead(ctx.db, principal, faceOf(req), 'report.downloaded', reviewIdOf(req), { format });
    res
      .set('Content-Type', TYPES[format])
      .set('Content-Disposition', `attachment; filename="${files.baseName}.${format}"`)
      .set('Content-Language', 'en-GB')
      .set('Cache-Control', 'private, no-store')
      .send(format === 'docx' ? files.docx : files.pdf);
  });
  return router;
}
