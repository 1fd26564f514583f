import { childLabel } from '../../../shared/privacy/childLabel';
import type { Queryable } from '../db';
import type { Principal } from '../principal';
import { type DashboardStep, dashboardSteps, openStepsSql, stepOwner, stepRankSql } from './openSteps';
import { limitOffset, orderBy, type PageRequest } from './paging';
import type { OverdueReview, TodayReport } from '../../../shared/dashboard/types';
export type { OverdueReview, TodayReport };

export const todaySorts = ['due', 'school', 'officer', 'step', 'reference'] as const;
export type TodaySort = (typeof todaySorts)[number];

export interface TodayQuery extends PageRequest {
  step?: DashboardStep | undefined;
  school?: string | undefined;
  /** A person id, or 'unassigned'. */
  officer?: number | 'unassigned' | undefined;
  sort: TodaySort;
  dir: 'asc' | 'desc';
}

interface Row {
  review_id: string;
  name: string;
  la_reference: string;
  step: DashboardStep;
  due: string;
  days_overdue: number;
  school_id: string | null;
  school_name: string | null;
  officer_id: number | null;
  officer_name: string | null;
  senco_name: string | null;
  last_nudged_on: string | null;
}

// Over the overdue set `s` (below): the step's rank reads `s.step`, as in openStepsSql.
const sortColumns: Record<TodaySort, string> = {
  due: 's.due',
  school: 's.school_name',
  officer: 's.officer_name',
  step: stepRankSql,
  reference: 's.la_reference',
};

/**
 * The council's overdue reviews (the current step's due date has passed), one page of them,
 * each with the step, how late it is and who owns the next action; and the count at each
 * step. Filtering, sorting, paging and counting all happen in SQL, in one statement: the
 * overdue set is worked out once (materialized) and both the counts and the page read it,
 * where two statements would each join every open review of the council again.
 */
export async function overdueToday(tx: Queryable, principal: Principal, query: TodayQuery, today: string): Promise<TodayReport> {
  const params: unknown[] = [principal.orgId, today];
  const where: string[] = ['d.due < $2::date'];
  if (query.school) {
    params.push(query.school);
    where.push(`r.school_id = $${params.length}`);
  }
  if (query.officer === 'unassigned') where.push('p.case_officer_id is null');
  else if (query.officer !== undefined) {
    params.push(query.officer);
    where.push(`p.case_officer_id = $${params.length}`);
  }
  const steps = openStepsSql('$1', '$2');
  let stepFilter = '';
  if (query.step) {
    params.push(query.step);
    stepFilter = `where s.step = $${params.length}`;
  }
  const [limit, offset] = limitOffset(query);
  const [result] = await tx.query<{ counts: { step: DashboardStep; n: number }[] | string; rows: Row[] | string }>(
    `with overdue as materialized (
       select r.id as review_id, c.name, c.la_reference, s.step, d.due, ($2::date - d.due)::int as days_overdue,
              r.school_id, school.name as school_name, p.case_officer_id::int as officer_id, officer.display_name as officer_name
         from ${steps.from} where ${steps.where} and ${where.join(' and ')})
     select (select coalesce(json_agg(g), '[]') from (select step, count(*)::int as n from overdue group by step) g) as counts,
            (select coalesce(json_agg(pg), '[]') from (
               select s.review_id, s.name, s.la_reference, s.step, s.due, s.days_overdue, s.school_id, s.school_name, s.officer_id, s.officer_name,
                      (select coalesce(k.display_name, k.email) from people k where k.org_id = s.school_id and k.role = 'senco' order by k.id limit 1) as senco_name,
                      (select max(n.send_on) from reminder_outbox n where n.review_id = s.review_id and n.kind = 'nudge') as last_nudged_on
                 from overdue s ${stepFilter}
                order by ${orderBy(sortColumns, query.sort, query.dir, 's.review_id')}
                limit $${params.length + 1} offset $${params.length + 2}) pg) as rows`,
    [...params, limit, offset],
  );
  const parse = <T>(v: T | string | undefined): T | undefined => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
  const countRows = parse(result?.counts) ?? [];
  const rows = parse(result?.rows) ?? [];
  const counts = Object.fromEntries(dashboardSteps.map((s) => [s, 0])) as Record<DashboardStep, number>;
  for (const row of countRows) counts[row.step] = row.n;
  // The step counts, already filtered by school and officer, hold the total.
  const total = query.step ? counts[query.step] : Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    today,
    counts,
    total,
    page: query.page,
    pageSize: query.pageSize,
    items: rows.map((r) => ({
      reviewId: r.review_id,
      child: childLabel(r.name, r.la_reference),
      laReference: r.la_reference,
      step: r.step,
      due: r.due,
      daysOverdue: r.days_overdue,
      school: { id: r.school_id, name: r.school_name },
      officer: { id: r.officer_id, name: r.officer_name },
      owner:
        stepOwner[r.step] === 'school'
          ? { kind: 'school', name: `${r.senco_name ?? 'The SENCO'}, SENCO${r.school_name ? ` at ${r.school_name}` : ''}` }
          : { kind: 'council', name: r.officer_name ? `${r.officer_name}, case officer` : 'Unassigned case officer' },
      lastNudgedOn: r.last_nudged_on,
    })),
  };
}

export interface DashboardFilters {
  schools: { id: string; name: string }[];
  officers: { id: number; name: string }[];
}

/** The choices for the school and officer filters: the council's schools and LA officers. */
export async function dashboardFilters(tx: Queryable, principal: Principal): Promise<DashboardFilters> {
  // The council's own area's schools and every setting where it places a child (out of area too, #26).
  const schools = await tx.query<{ id: string; name: string }>(
    `select o.id, o.name from organisations o
      where o.kind = 'school' and (o.council_id = $1 or exists (select 1 from review_cycles r where r.school_id = o.id and r.council_id = $1))
      order by o.name`,
    [principal.orgId],
  );
  const officers = await tx.query<{ id: number; name: string }>(
    "select id::int, coalesce(display_name, email, entra_object_id) as name from people where org_id = $1 and role = 'la-officer' order by 2",
    [principal.orgId],
  );
  return { schools, officers };
}
