import { plusMonths } from '../../../shared';
import type { Queryable } from '../db';
import type { Principal } from '../principal';
import { timelinessMeasures } from '../../../shared/dashboard/types';
import type { TimelinessMeasure, Share, Shares, TimelinessTrend } from '../../../shared/dashboard/types';
export { timelinessMeasures };
export type { TimelinessMeasure, Share, Shares, TimelinessTrend };

/**
 * The year's timeliness, counted by the day each thing happened, in SQL:
 * - concluded within 12 months: decisions notified on or before the review deadline (CFA 2014 s44(1); CoP 9.169);
 * - reports within 2 weeks: reports sent on or before the meeting + 14 days (Reg 20(7));
 * - decisions within 4 weeks: decisions notified on or before their due date, the meeting + 4 weeks or the deadline if sooner (Reg 20(10)).
 * The year is the current month and the 11 before it, up to today.
 */
export async function timelinessTrend(tx: Queryable, principal: Principal, today: string): Promise<TimelinessTrend> {
  const from = `${plusMonths(today, -11).slice(0, 7)}-01`;
  // One pass over the year's decisions and reports, aggregated three ways at once (grouping sets).
  const rows = await tx.query<{
    month: string | null;
    school_id: string | null;
    school_name: string | null;
    by_month: number;
    by_school: number;
    decisions: number;
    concluded_on_time: number;
    decisions_on_time: number;
    reports: number;
    reports_on_time: number;
  }>(
    `with events as (
       -- the month as its first day, by date arithmetic (date_trunc would go through timestamptz and the session's zone)
       select d.notified_on - (extract(day from d.notified_on)::int - 1) as month, r.school_id, 1 as decided, (d.notified_on <= r.review_deadline)::int as concluded_on_time,
              (d.notified_on <= coalesce(r.decision_due, r.meeting_date + 28))::int as decision_on_time, 0 as reported, 0 as report_on_time
         from decisions d join review_cycles r on r.id = d.review_id
        where r.council_id = $1 and d.notified_on between $2::date and $3::date
       union all
       select rp.sent_on - (extract(day from rp.sent_on)::int - 1), r.school_id, 0, 0, 0, 1, (rp.sent_on <= coalesce(r.report_due, r.meeting_date + 14))::int
         from reports rp join review_cycles r on r.id = rp.review_id
        where r.council_id = $1 and rp.sent_on between $2::date and $3::date
     ), totals as (
       select e.month, e.school_id, grouping(e.month) as by_month, grouping(e.school_id) as by_school,
              sum(e.decided)::int as decisions, sum(e.concluded_on_time)::int as concluded_on_time, sum(e.decision_on_time)::int as decisions_on_time,
              sum(e.reported)::int as reports, sum(e.report_on_time)::int as reports_on_time
         from events e
        group by grouping sets ((), (e.month), (e.school_id))
     )
     select t.*, o.name as school_name from totals t left join organisations o on o.id = t.school_id`,
    [principal.orgId, from, today],
  );
  const overall = emptyShares();
  const months = new Map<string, Shares>();
  for (let m = from; m <= today; m = plusMonths(m, 1)) months.set(m.slice(0, 7), emptyShares());
  const schools = new Map<string, { schoolId: string | null; schoolName: string | null } & Shares>();
  for (const r of rows) {
    const shares: Shares = {
      concludedIn12Months: share(r.decisions, r.concluded_on_time),
      reportsIn2Weeks: share(r.reports, r.reports_on_time),
      decisionsIn4Weeks: share(r.decisions, r.decisions_on_time),
    };
    // grouping() is 0 for the column a row is grouped by: a month row, a school row (the school may be null), or the total.
    if (r.by_month === 0) months.set((r.month ?? '').slice(0, 7), shares);
    else if (r.by_school === 0) schools.set(r.school_id ?? '', { schoolId: r.school_id, schoolName: r.school_name, ...shares });
    else Object.assign(overall, shares);
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

function share(total: number, onTime: number): Share {
  return { total, onTime, share: total ? onTime / total : null };
}

function none(): Share {
  return { total: 0, onTime: 0, share: null };
}
