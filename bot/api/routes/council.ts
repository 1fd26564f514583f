import { Router } from 'express';
import { readCouncilSettings, replaceCouncilSettings } from '../../app/councilSettings';
import { readRetention, saveRetention } from '../../app/retention/retentionSchedule';
import { type ApiContext, authorise, idempotencyKey } from '../context';
import { send } from './reviews';

/** The council's own settings: read by its LA staff, replaced by its LA manager. */
export function councilRoutes(ctx: ApiContext): Router {
  const router = Router();

  router.get('/api/council/settings', async (req, res) => {
    const principal = await authorise(ctx, req, 'GET /api/council/settings');
    const { body, etag } = await readCouncilSettings(ctx, principal);
    res.set('ETag', etag).json(body);
  });

  router.put('/api/council/settings', async (req, res) => {
    const principal = await authorise(ctx, req, 'PUT /api/council/settings');
    send(res, await replaceCouncilSettings(ctx, { principal, input: req.body, idempotencyKey: idempotencyKey(req), ifMatch: req.get('if-match') }));
  });

  router.get('/api/council/retention', async (req, res) => {
    const principal = await authorise(ctx, req, 'GET /api/council/retention');
    const { body, etag } = await readRetention(ctx, principal);
    res.set('ETag', etag).json(body);
  });

  router.put('/api/council/retention', async (req, res) => {
    const principal = await authorise(ctx, req, 'PUT /api/council/retention');
    send(res, await saveRetention(ctx, { principal, input: req.body, idempotencyKey: idempotencyKey(req), ifMatch: req.get('if-match') }));
  });
  return router;
}
