import express, { Router } from 'express';
import { importCaseload } from '../../store/caseload/importCaseload';
import { InvalidInputError } from '../../store/errors';
import { requestHash, runWrite } from '../../store/idempotency';
import { type ApiContext, authorise, idempotencyKey } from '../context';
import { checkNoVersionIfMatch } from '../../store/reviews/writeSupport';
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
    const key = idempotencyKey(req);
    checkNoVersionIfMatch(req.get('if-match'), 'A caseload import');
    if (typeof req.body !== 'string') {
      throw new InvalidInputError([{ field: 'Content-Type', message: 'send the caseload as CSV with Content-Type: text/csv' }]);
    }
    const csv = req.body;
    const result = await runWrite(ctx.db, principal, key, requestHash('POST', req.path, csv, 'text/csv'), async (tx) => ({
      status: 200,
      body: await importCaseload(tx, principal, csv, ctx.importMaxRows === undefined ? {} : { maxRows: ctx.importMaxRows }),
    }));
    send(res, result);
  });
  return router;
}
