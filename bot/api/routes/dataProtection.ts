import { Router } from 'express';
import type { AdviceStorage } from '../../advice/storage';
import { accessRecordsCsv, queryAccessRecords } from '../../app/accessRecords';
import { exportChild } from '../../app/subjectAccess/exportChild';
import { rectifyChild } from '../../app/rectifyChild';
import { eraseChild } from '../../app/eraseChild';
import { drainGraphDeletions } from '../../app/retention/deleteFiles';
import { type ApiContext, authorise, idempotencyKey } from '../context';
import { send } from './reviews';
import { faceOf } from '../face';

/**
 * The LA manager's data protection requests (#29): the access records (GET /api/audit?child=…
 * or ?person=…, as JSON or CSV), a child's subject access export (a zip) and the correction
 * of a child's details.
 */
export function dataProtectionRoutes(ctx: ApiContext & { storage?: AdviceStorage | undefined }): Router {
  const router = Router();
  router.get('/api/audit', async (req, res) => {
    const principal = await authorise(ctx, req, 'GET /api/audit');
    const answer = await queryAccessRecords(ctx.db, principal, faceOf(req), req.query);
    if (answer.format === 'csv') {
      res.type('text/csv; charset=utf-8').set('Content-Disposition', `attachment; filename="access-records-${principal.orgId}.csv"`).send(accessRecordsCsv(answer.items));
      return;
    }
    res.json({ items: answer.items, nextBefore: answer.nextBefore });
  });

  router.get('/api/children/:laReference/subject-access', async (req, res) => {
    const principal = await authorise(ctx, req, 'GET /api/children/{laReference}/subject-access');
    const { zip, fileName } = await exportChild({ db: ctx.db, logger: ctx.logger, storage: ctx.storage, now: () => new Date() }, { principal, face: faceOf(req) }, String(req.params.laReference));
    res.type('application/zip').set('Content-Disposition', `attachment; filename="${fileName}"`).set('Cache-Control', 'private, no-store').send(Buffer.from(zip));
  });

  router.post('/api/children/:laReference/rectify', async (req, res) => {
    const principal = await authorise(ctx, req, 'POST /api/children/{laReference}/rectify');
    send(res, await rectifyChild(ctx, { principal, laReference: String(req.params.laReference), input: req.body, idempotencyKey: idempotencyKey(req), ifMatch: req.get('if-match') }));
  });

  router.post('/api/children/:laReference/erase', async (req, res) => {
    const principal = await authorise(ctx, req, 'POST /api/children/{laReference}/erase');
    const result = await eraseChild(ctx, { who: { principal }, laReference: String(req.params.laReference), input: req.body, idempotencyKey: idempotencyKey(req), ifMatch: req.get('if-match') });
    // The files go through Graph now; what fails stays queued for the daily job, which retries it.
    if ((result.body as { erased?: boolean }).erased) await drainGraphDeletions({ db: ctx.db, storage: ctx.storage, logger: ctx.logger }, { councilId: principal.orgId });
    send(res, result);
  });
  return router;
}
