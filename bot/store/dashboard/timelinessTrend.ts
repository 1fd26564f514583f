import { plusMonths } from '../../../shared';
import type { Queryable } from '../db';
import type { Principal } from '../principal';

export const timelinessMeasures = ['concludedIn12Months', 'reportsIn2Weeks', 'decisionsIn4Weeks'] as const;
export type TimelinessMeasure = (typeof timelinessMeasures)[number];

/** How many happened, and how many of those on time; `share` is on time / total (null when none). */
export interface Share {
  total: number;
  onTime: number;
  share: number | null;
}

export type Shares = Record<TimelinessMeasure, Share>;

export interface TimelinessTrend {
  from: string;
  to: string;
  overall: Shares;
  /** Every month of the year, oldest first, including months with nothing in them. */
  byMonth: ({ month: string } & Shares)[];
  bySchool: ({ schoolId: string | null; schoolName: string | null } & Shares)[];
}

/**
 * The year's timeliness, counted by the day each thing happened, in SQL:
 * - concluded within 12 months: decisions notified on or before the review deadline (CFA 2014 s44(1); CoP 9.169);
 * - reports within 2 weeks: reports sent on or before the meeting + 14 days (Reg 20(7));
 * - decisions within 4 weeks: decisions notified on or before their due date, the meeting + 4 weeks or the deadline if sooner (Reg 20(10)).
 * The year is the current month and the 11 before it, up to today.
 */
export async function timelinessTrend(tx: Queryable, principal: Principal, today: string): Promise<TimelinessTrend> {
  const from = `${plusMonths(today, -11).slice(0, 7)}-01`;
  const rows = await tx.query<{ measure: TimelinessMeasure; month: string | null; school_id: string | null; school_name: string | null; by_month: number; by_school: number; total: number; on_time: number }>(
    `with events as (
       select 'concludedIn12Months' as measure, d.notified_on as on_day, r.school_id, d.notified_on <= r.review_deadline as on_time
         from decisions d join review_cycles r on r.id = d.review_id
        where r.council_id = $1 and d.notified_on between $2::date and $3::date
       union all
       select 'reportsIn2Weeks', rp.sent_on, r.school_id, rp.sent_on <= coalesce(r.report_due, r.meeting_date + 14)
         from reports rp join review_cycles r on r.id = rp.review_id
        where r.council_id = $1 and rp.sent_on between $2::date and $3::date
       union all
       select 'decisionsIn4Weeks', d.notified_on, r.school_id, d.notified_on <= coalesce(r.decision_due, r.meeting_date + 28)
         from decisions d join review_cycles r on r.id = d.review_id
        where r.council_id = $1 and d.notified_on between $2::date and $3::date
     )
     select e.measure, to_char(e.on_day, 'YYYY-MM') as month, e.school_id, o.name as school_name,
            grouping(to_char(e.on_day, 'YYYY-MM'))::int as by_month, grouping(e.school_id)::int as by_school,
            count(*)::int as total, count(*) filter (where e.on_time)::int as on_time
       from events e left join organisations o on o.id = e.school_id
      group by grouping sets ((e.measure), (e.measure, to_char(e.on_day, 'YYYY-MM')), (e.measure, e.school_id, o.name))`,
    [principal.orgId, from, today],
  );
  const overall = emptyShares();
  const months = new Map<string, Shares>();
  for (let m = from; m <= today; m = plusMonths(m, 1)) months.set(m.slice(0, 7), emptyShares());
  const schools = new Map<string, { schoolId: string | null; schoolName: string | null } & Shares>();
  for (const r of rows) {
    const share: Share = { total: r.total, onTime: r.on_time, share: r.total ? r.on_time / r.total : null };
    // grouping() is 0 for the column a row is grouped by: a month row, a school row (the school may be null), or the total.
    if (r.by_month === 0) {
      const month = months.get(r.month ?? '');
      if (month) month[r.measure] = share;
    } else if (r.by_school === 0) {
      const key = r.school_id ?? '';
      const school = schools.get(key) ?? { schoolId: r.school_id, schoolName: r.school_name, ...emptyShares() };
      school[r.measure] = share;
      schools.set(key, school);
    } else overall[r.measure] = share;
  }
  return {
    from,
    to: today,
    overall,
    byMonth: [...months].map(([month, shares]) => ({ month, ...shares })),
    bySchool: [...schools.values()].sort((a, b) => (a.schoolName ?? '').localeCompare(b.schoolName ?? '')),
  };
}

function emptyShares(): Shares {
  return { concludedIn12Months: none(), reportsIn2Weeks: none(), decisionsIn4Weeks: none() };
}

function none(): Share {
  return { total: 0, onTime: 0, share: null };
}
