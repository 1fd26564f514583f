import { noteCouncilRead } from '../../app/accessRecords';
import { faceOf } from '../face';
import { Router } from 'express';
import { nudge } from '../../app/nudge';
import { InvalidInputError } from '../../store/errors';
import { type ComingHorizon, comingReviews, phaseTransfers } from '../../store/dashboard/coming';
import { sen2Census, sen2CensusCsv, sen2Excluded } from '../../store/dashboard/sen2Census';
import { timelinessTrend } from '../../store/dashboard/timelinessTrend';
import { dashboardFilters, overdueToday } from '../../store/dashboard/today';
import { officerWorkload, undeliveredReminders } from '../../store/dashboard/workload';
import { comingQuery, noQuery, pageQuery, sen2CsvQuery, sen2ExcludedQuery, sen2Query, todayQuery } from '../dashboardSchemas';
import { type ApiContext, authorise, idempotencyKey } from '../context';
import { parseWith } from '../../app/schemas';
import { reviewIdOf, send } from './reviews';

function parsed<T extends Parameters<typeof parseWith>[0]>(schema: T, value: unknown) {
  const result = parseWith(schema, value);
  if (!result.ok) throw new InvalidInputError(result.problems);
  return result.value;
}

/**
 * The council dashboard (the Teams tab's data): every list paged, sorted, filtered and
 * counted in SQL, for the council's LA officers and managers.
 */
export function dashboardRoutes(ctx: ApiContext): Router {
  const router = Router();

  router.get('/api/dashboard/today', async (req, res) => {
    const principal = await authorise(ctx, req, 'GET /api/dashboard/today');
    res.json(await overdueToday(ctx.db, principal, parsed(todayQuery, req.query), ctx.today()));
  });

  router.get('/api/dashboard/filters', async (req, res) => {
    const principal = await authorise(ctx, req, 'GET /api/dashboard/filters');
    parsed(noQuery, req.query);
    res.json(await dashboardFilters(ctx.db, principal));
  });

  router.get('/api/dashboard/coming', async (req, res) => {
    const principal = await authorise(ctx, req, 'GET /api/dashboard/coming');
    const q = parsed(comingQuery, req.query);
    res.json(await comingReviews(ctx.db, principal, { ...q, weeks: q.weeks as ComingHorizon }, ctx.today()));
  });

  router.get('/api/dashboard/transfers', async (req, res) => {
    const principal = await authorise(ctx, req, 'GET /api/dashboard/transfers');
    res.json(await phaseTransfers(ctx.db, principal, parsed(pageQuery, req.query), ctx.today()));
  });

  router.get('/api/dashboard/timeliness', async (req, res) => {
    const principal = await authorise(ctx, req, 'GET /api/dashboard/timeliness');
    parsed(noQuery, req.query);
    res.json(await timelinessTrend(ctx.db, principal, ctx.today()));
  });

  router.get('/api/dashboard/sen2', async (req, res) => {
    const principal = await authorise(ctx, req, 'GET /api/dashboard/sen2');
    const { census, ...page } = parsed(sen2Query, req.query);
    const today = ctx.today();
    res.json(await sen2Census(ctx.db, principal, census ?? today, page, today));
  });

  router.get('/api/dashboard/sen2/excluded', async (req, res) => {
    const principal = await authorise(ctx, req, 'GET /api/dashboard/sen2/excluded');
    const { census, reason, ...page } = parsed(sen2ExcludedQuery, req.query);
    const today = ctx.today();
    res.json(await sen2Excluded(ctx.db, principal, census ?? today, reason, page, today));
  });

  router.get('/api/dashboard/sen2.csv', async (req, res) => {
    const principal = await authorise(ctx, req, 'GET /api/dashboard/sen2.csv');
    const today = ctx.today();
    const census = parsed(sen2CsvQuery, req.query).census ?? today;
    const { csv, rows } = await sen2CensusCsv(ctx.db, principal, census, today);
    await noteCouncilRead(ctx.db, principal, faceOf(req), 'sen2.exported', { census, rows });
    res
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="sen2-annual-reviews-${principal.orgId}-census-${census}.csv"`)
      .set('X-Row-Count', String(rows))
      .send(csv);
  });

  router.get('/api/dashboard/workload', async (req, res) => {
    const principal = await authorise(ctx, req, 'GET /api/dashboard/workload');
    parsed(noQuery, req.query);
    res.json(await officerWorkload(ctx.db, principal, ctx.today()));
  });

  router.get('/api/dashboard/undelivered', async (req, res) => {
    const principal = await authorise(ctx, req, 'GET /api/dashboard/undelivered');
    res.json(await undeliveredReminders(ctx.db, principal, parsed(pageQuery, req.query)));
  });

  router.post('/api/reviews/:id/nudge', async (req, res) => {
    const principal = await authorise(ctx, req, 'POST /api/reviews/{id}/nudge');
    send(res, await nudge(ctx, { principal, reviewId: reviewIdOf(req), input: req.body ?? null, idempotencyKey: idempotencyKey(req), ifMatch: req.get('if-match') }));
  });

  return router;
}
