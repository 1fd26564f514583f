import express, { Router } from 'express';
import { importCaseload } from '../../app/importCaseload';
import { type ApiContext, authorise, idempotencyKey } from '../context';
import { send } from './reviews';

/** POST /api/caseload/import: a council's caseload CSV, stored in one transaction. */
export function caseloadRoutes(ctx: ApiContext): Router {
  const router = Router();
  const csvBody = express.text({ type: ['text/csv', 'text/plain', 'application/csv'], limit: '64mb' });
  // The role is checked before the body is read, as the signing-in is (createApp).
  const allowed = async (req: express.Request, _res: express.Response, next: express.NextFunction) => {
    await authorise(ctx, req, 'POST /api/caseload/import');
    next();
  };
  router.post('/api/caseload/import', allowed, csvBody, async (req, res) => {
    const principal = await authorise(ctx, req, 'POST /api/caseload/import');
    send(res, await importCaseload(ctx, { principal, csv: req.body, idempotencyKey: idempotencyKey(req) }));
  });
  return router;
}
