import { plusMonths } from '../../../shared';
import type { Queryable } from '../db';
import type { Principal } from '../principal';
import { timelinessMeasures } from '../../../shared/dashboard/types';
import type { TimelinessMeasure, Share, Shares, TimelinessTrend } from '../../../shared/dashboard/types';
import { emptyShares, timelinessCounts } from '../reports/timelinessCounts';
export { timelinessMeasures };
export type { TimelinessMeasure, Share, Shares, TimelinessTrend };

/** The period the Timeliness view shows: the current month and the 11 before it, up to today. */
export function trendPeriod(today: string): { from: string; to: string } {
  return { from: `${plusMonths(today, -11).slice(0, 7)}-01`, to: today };
}

/**
 * The year's timeliness, counted as the DfE counts (what was due in the period, done or
 * not: `timelinessCounts`, the same query as `GET /api/reports/timeliness`), overall, by
 * the month things were due and by school. Every month of the year is listed; a month
 * with nothing due has null shares ("no data").
 */
export async function timelinessTrend(tx: Queryable, principal: Principal, today: string): Promise<TimelinessTrend> {
  const period = trendPeriod(today);
  const counts = await timelinessCounts(tx, principal, period, today);
  const found = new Map(counts.byMonth.map((g) => [g.month, g.shares]));
  const byMonth: ({ month: string } & Shares)[] = [];
  for (let m = period.from; m <= today; m = plusMonths(m, 1)) byMonth.push({ month: m.slice(0, 7), ...(found.get(m.slice(0, 7)) ?? emptyShares()) });
  return {
    ...period,
    counting: 'Reviews, reports and decisions due in the period, each in the month it was due; one still not done after its due date is late.',
    overall: counts.overall,
    byMonth,
    bySchool: counts.bySchool.map((g) => ({ schoolId: g.schoolId, schoolName: g.schoolName, ...g.shares })),
  };
}
