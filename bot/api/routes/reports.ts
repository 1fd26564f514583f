import { noteCouncilRead } from '../../app/accessRecords';
import { faceOf } from '../face';
import { Router } from 'express';
import { InvalidInputError } from '../../store/errors';
import { sen2Csv } from '../../store/reports/sen2Csv';
import { timelinessReport } from '../../store/reports/timeliness';
import { type ApiContext, authorise } from '../context';
import { parseWith, periodQuery } from '../../app/schemas';

/** The census period: given, or the calendar year to date (SEN2 counts by calendar year). */
function period(query: unknown, today: string) {
  const parsed = parseWith(periodQuery, query);
  if (!parsed.ok) throw new InvalidInputError(parsed.problems);
  return { from: parsed.value.from ?? `${today.slice(0, 4)}-01-01`, to: parsed.value.to ?? today };
}

/** The LA manager's timeliness reports. */
export function reportRoutes(ctx: ApiContext): Router {
  const router = Router();
  router.get('/api/reports/timeliness', async (req, res) => {
    const principal = await authorise(ctx, req, 'GET /api/reports/timeliness');
    const today = ctx.today();
    res.json(await timelinessReport(ctx.db, principal, period(req.query, today), today));
  });
  router.get('/api/reports/sen2.csv', async (req, res) => {
    const principal = await authorise(ctx, req, 'GET /api/reports/sen2.csv');
    const today = ctx.today();
    const p = period(req.query, today);
    const report = await timelinessReport(ctx.db, principal, p, today);
    await noteCouncilRead(ctx.db, principal, faceOf(req), 'sen2.exported', { from: p.from, to: p.to, rows: report.plans.length });
    res
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="sen2-annual-reviews-${principal.orgId}-${p.from}-to-${p.to}.csv"`)
      .send(sen2Csv(report.plans));
  });
  return router;
}
