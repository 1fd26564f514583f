import { Router } from 'express';
import { accessRecordsCsv, queryAccessRecords } from '../../app/accessRecords';
import { type ApiContext, authorise } from '../context';
import { faceOf } from '../face';

/** The LA manager's access records (#29 item 4): GET /api/audit?child=… or ?person=…, as JSON or CSV. */
export function auditRoutes(ctx: ApiContext): Router {
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
  return router;
}
