import { noteReviewRead } from '../../app/accessRecords';
import { faceOf } from '../face';
import { Router } from 'express';
import { exportCase } from '../../app/exportCase';
import { registerSettingWrite, transferPlanWrite } from '../../app/placementWrites';
import { InvalidInputError } from '../../store/errors';
import { searchSettings } from '../../store/placements/settings';
import { listTransfers } from '../../store/placements/transfers';
import { type ApiContext, authorise, idempotencyKey } from '../context';
import { parseWith, settingSearchQuery } from '../../app/schemas';
import { reviewIdOf, send } from './reviews';

/**
 * Out-of-area placements and plan transfers (#26): find or register the setting a child
 * is placed at (any council places at any registered setting), move a plan to another
 * council on the service (Reg 15), list a council's transfers, and export a case for a
 * council that is not on the service.
 */
export function placementRoutes(ctx: ApiContext): Router {
  const router = Router();

  router.get('/api/settings', async (req, res) => {
    await authorise(ctx, req, 'GET /api/settings');
    const query = parseWith(settingSearchQuery, req.query);
    if (!query.ok) throw new InvalidInputError(query.problems);
    res.json({ items: await searchSettings(ctx.db, query.value.q, query.value.limit) });
  });

  router.post('/api/settings', async (req, res) => {
    const principal = await authorise(ctx, req, 'POST /api/settings');
    send(res, await registerSettingWrite(ctx, { principal, input: req.body, idempotencyKey: idempotencyKey(req), ifMatch: req.get('if-match') }));
  });

  router.post('/api/reviews/:id/transfer', async (req, res) => {
    const principal = await authorise(ctx, req, 'POST /api/reviews/{id}/transfer');
    send(res, await transferPlanWrite(ctx, { principal, reviewId: reviewIdOf(req), input: req.body, idempotencyKey: idempotencyKey(req), ifMatch: req.get('if-match') }));
  });

  router.get('/api/transfers', async (req, res) => {
    const principal = await authorise(ctx, req, 'GET /api/transfers');
    res.json({ items: await listTransfers(ctx.db, principal.orgId) });
  });

  router.get('/api/reviews/:id/export', async (req, res) => {
    const principal = await authorise(ctx, req, 'GET /api/reviews/{id}/export');
    const id = reviewIdOf(req);
    const body = await ctx.db.transaction((tx) => exportCase({ tx, principal, today: ctx.today(), exportedAt: new Date().toISOString() }, id));
    await noteReviewRead(ctx.db, principal, faceOf(req), 'case.exported', id, { reviews: body.reviews.length });
    res.set('Content-Disposition', `attachment; filename="case-${body.child.laReference.replace(/[^A-Za-z0-9_.-]/g, '_')}.json"`).json(body);
  });
  return router;
}
