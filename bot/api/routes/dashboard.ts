import { noteCouncilRead } from '../../app/accessRecords';
import { faceOf } from '../face';
import type { z } from 'zod';
import { Router } from 'express';
import { nudge } from '../../app/nudge';
import { InvalidInputError } from '../../store/errors';
import { type ComingHorizon, comingReviews, phaseTransfers } from '../../store/dashboard/coming';
import { sen2Census, sen2CensusCsv, sen2Excluded } from '../../store/dashboard/sen2Census';
import { timelinessTrend } from '../../store/dashboard/timelinessTrend';
import { dashboardFilters, overdueToday } from '../../store/dashboard/today';
import { officerWorkload, undeliveredReminders } from '../../store/dashboard/workload';
import { comingQuery, noQuery, pageQuery, sen2CsvQuery, sen2ExcludedQuery, sen2Query, todayQuery } from '../dashboardSchemas';
import type { Endpoint } from '../../app/permissions';
import type { Principal } from '../../store/principal';
import { type ApiContext, authorise, idempotencyKey } from '../context';
import { parseWith } from '../../app/schemas';
import { reviewIdOf, send } from './reviews';

function parsed<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = parseWith(schema, value);
  if (!result.ok) throw new InvalidInputError(result.problems);
  return result.value;
}

/** The dashboard's read endpoints (each names the roles allowed in app/permissions). */
type DashboardRead = Extract<Endpoint, `GET /api/dashboard${string}`>;

/**
 * The council dashboard (the Teams tab's data): every list paged, sorted, filtered and
 * counted in SQL, for the council's LA officers and managers.
 */
export function dashboardRoutes(ctx: ApiContext): Router {
  const router = Router();
  /**
   * Every read is the same four steps: authorise the caller for the endpoint, parse the query
   * (an unknown or bad parameter is a 400 naming it), load for today, answer JSON. Each route
   * below says only what it loads.
   */
  const read = <T extends z.ZodType>(endpoint: DashboardRead, schema: T, load: (principal: Principal, query: z.output<T>, today: string) => Promise<unknown>) =>
    router.get(endpoint.slice('GET '.length), async (req, res) => {
      const principal = await authorise(ctx, req, endpoint);
      res.json(await load(principal, parsed(schema, req.query), ctx.today()));
    });

  read('GET /api/dashboard/today', todayQuery, (principal, query, today) => overdueToday(ctx.db, principal, query, today));
  read('GET /api/dashboard/filters', noQuery, (principal) => dashboardFilters(ctx.db, principal));
  read('GET /api/dashboard/coming', comingQuery, (principal, query, today) => comingReviews(ctx.db, principal, { ...query, weeks: query.weeks as ComingHorizon }, today));
  read('GET /api/dashboard/transfers', pageQuery, (principal, query, today) => phaseTransfers(ctx.db, principal, query, today));
  read('GET /api/dashboard/timeliness', noQuery, (principal, _query, today) => timelinessTrend(ctx.db, principal, today));
  read('GET /api/dashboard/sen2', sen2Query, (principal, { census, ...page }, today) => sen2Census(ctx.db, principal, census ?? today, page, today));
  read('GET /api/dashboard/sen2/excluded', sen2ExcludedQuery, (principal, { census, reason, ...page }, today) => sen2Excluded(ctx.db, principal, census ?? today, reason, page, today));
  read('GET /api/dashboard/workload', noQuery, (principal, _query, today) => officerWorkload(ctx.db, principal, today));
  read('GET /api/dashboard/undelivered', pageQuery, (principal, query) => undeliveredReminders(ctx.db, principal, query));

  // The census as a file rather than JSON: the one read that does not fit `read`.
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

  router.post('/api/reviews/:id/nudge', async (req, res) => {
    const principal = await authorise(ctx, req, 'POST /api/reviews/{id}/nudge');
    send(res, await nudge(ctx, { principal, reviewId: reviewIdOf(req), input: req.body ?? null, idempotencyKey: idempotencyKey(req), ifMatch: req.get('if-match') }));
  });

  return router;
}
