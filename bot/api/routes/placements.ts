import { Router } from 'express';
import { exportCase } from '../../app/exportCase';
import { transferPlan } from '../../app/transferPlan';
import { InvalidInputError, ServiceError } from '../../store/errors';
import { requestHash, runWrite } from '../../store/idempotency';
import { registerSetting, searchSettings } from '../../store/placements/settings';
import { listTransfers } from '../../store/placements/transfers';
import { type ApiContext, authorise, idempotencyKey } from '../context';
import { parseWith, settingBody, settingSearchQuery, transferBody } from '../schemas';
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
    const key = idempotencyKey(req);
    const input = parseWith(settingBody, req.body);
    if (!input.ok) throw new InvalidInputError(input.problems);
    // A new setting has no version for If-Match to name: anything but "*" is stale.
    const ifMatch = req.get('if-match');
    if (ifMatch !== undefined && ifMatch.trim() !== '*') throw new ServiceError(412, 'stale-write', 'If-Match names a version, but a setting being registered has none yet; send the request without If-Match (or with If-Match: *).');
    const result = await runWrite(ctx.db, principal, key, requestHash('POST', req.path, req.body), async (tx) => ({
      status: 201,
      body: await registerSetting(tx, principal, input.value),
    }));
    send(res, result);
  });

  router.post('/api/reviews/:id/transfer', async (req, res) => {
    const principal = await authorise(ctx, req, 'POST /api/reviews/{id}/transfer');
    const id = reviewIdOf(req);
    const key = idempotencyKey(req);
    const input = parseWith(transferBody, req.body);
    if (!input.ok) throw new InvalidInputError(input.problems);
    const today = ctx.today();
    const body = { ...input.value, transferredOn: input.value.transferredOn ?? today };
    const ifMatch = req.get('if-match');
    const result = await runWrite(ctx.db, principal, key, requestHash('POST', req.path, req.body), async (tx) => {
      const { etag, ...answer } = await transferPlan({ tx, principal, today }, id, body, ifMatch);
      return { status: 201, body: { reviewId: id, ...answer }, etag };
    });
    send(res, result);
  });

  router.get('/api/transfers', async (req, res) => {
    const principal = await authorise(ctx, req, 'GET /api/transfers');
    res.json({ items: await listTransfers(ctx.db, principal.orgId) });
  });

  router.get('/api/reviews/:id/export', async (req, res) => {
    const principal = await authorise(ctx, req, 'GET /api/reviews/{id}/export');
    const id = reviewIdOf(req);
    const body = await ctx.db.transaction((tx) => exportCase({ tx, principal, today: ctx.today(), exportedAt: new Date().toISOString() }, id));
    res.set('Content-Disposition', `attachment; filename="case-${body.child.laReference.replace(/[^A-Za-z0-9_.-]/g, '_')}.json"`).json(body);
  });
  return router;
}
