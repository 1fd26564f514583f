import express, { Router } from 'express';
import { columnMapBody, importCaseload, saveColumnMapping } from '../../app/importCaseload';
import { columnMapEtag, loadColumnMap } from '../../store/caseload/columnMapping';
import { importColumns } from '../../store/caseload/importRows';
import { ServiceError } from '../../store/errors';
import { type ApiContext, authorise, idempotencyKey } from '../context';
import { checkNoVersionIfMatch } from '../../store/reviews/writeSupport';
import { send } from './reviews';

export const NDJSON = 'application/x-ndjson';

export { columnMapBody };

/**
 * POST /api/caseload/import: a council's caseload CSV, stored in one transaction. Asked
 * with `Accept: application/x-ndjson`, the answer is a stream of JSON lines: progress as
 * rows are stored (`{"type":"progress","read":…}`), then `{"type":"result",…}` (or
 * `{"type":"error",…}` if the import fails after it started: nothing is stored then).
 * GET/PUT /api/caseload/mapping: the council's saved column names.
 */
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
    checkNoVersionIfMatch(req.get('if-match'), 'A caseload import');
    const streaming = (req.get('accept') ?? '').includes(NDJSON);
    const line = (o: object) => res.write(`${JSON.stringify(o)}\n`);
    try {
      const result = await importCaseload(ctx, {
        principal,
        csv: req.body,
        idempotencyKey: idempotencyKey(req),
        onProgress: streaming
          ? async (p) => {
              if (!res.headersSent) res.status(200).type(NDJSON).set('Cache-Control', 'no-store').flushHeaders();
              line({ type: 'progress', ...p });
              // Let the event loop send it now: an embedded database can keep the loop busy until the import ends.
              await new Promise<void>((resolve) => setImmediate(resolve));
            }
          : undefined,
      });
      if (!streaming) return send(res, result);
      if (!res.headersSent) res.status(200).type(NDJSON);
      if (result.replayed) res.set('Idempotent-Replayed', 'true');
      line({ type: 'result', ...(result.body as object) });
      res.end();
    } catch (error) {
      // Once the stream has begun, a failure can only be told in it (the transaction was rolled back: nothing is stored).
      if (!res.headersSent) throw error;
      const e = error instanceof ServiceError ? error : undefined;
      line({ type: 'error', status: e?.status ?? 500, code: e?.code ?? 'internal', message: e?.message ?? 'The import failed and nothing was stored; try again, and tell your administrator if it keeps failing.' });
      res.end();
      if (!e) ctx.logger.error('caseload import failed mid-stream', { error: (error as Error).message });
    }
  });

  router.get('/api/caseload/mapping', async (req, res) => {
    const principal = await authorise(ctx, req, 'GET /api/caseload/mapping');
    const { columns, updatedAt } = await loadColumnMap(ctx.db, principal);
    res.set('ETag', columnMapEtag(columns)).json({ columns, updatedAt, ourColumns: importColumns });
  });

  router.put('/api/caseload/mapping', async (req, res) => {
    const principal = await authorise(ctx, req, 'PUT /api/caseload/mapping');
    send(res, await saveColumnMapping(ctx, { principal, input: req.body, idempotencyKey: idempotencyKey(req), ifMatch: req.get('if-match') }));
  });
  return router;
}
