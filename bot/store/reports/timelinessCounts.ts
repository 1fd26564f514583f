import type { Queryable } from '../db';
import type { Principal } from '../principal';
import type { Share, Shares } from '../../../shared/dashboard/types';

/** One group's figures: the whole period, one month, or one school. */
export interface TimelinessGroup {
  month: string | null;
  schoolId: string | null;
  schoolName: string | null;
  shares: Shares;
}

export interface TimelinessCounts {
  overall: Shares;
  byMonth: TimelinessGroup[];
  bySchool: TimelinessGroup[];
}

interface Row {
  month: string | null;
  school_id: string | null;
  school_name: string | null;
  by_month: number;
  by_school: number;
  measure: 'concludedIn12Months' | 'reportsIn2Weeks' | 'decisionsIn4Weeks' | null;
  on_time: number;
  late: number;
  late_open: number;
  pending: number;
}

/**
 * Timeliness as the DfE counts it: the reviews *expected* in the period, each counted once
 * in the month its due date falls, whether or not it has happened. A review done by its due
 * date is on time; one done after it, or still not done once it has passed, is late (so a
 * review left open past its deadline can never look punctual by being left out); one whose
 * due date is still ahead is pending and not in the share.
 * - concluded within 12 months: due the review deadline, done the day the decision was notified (CFA 2014 s44(1); CoP 9.169);
 * - reports within 2 weeks: due the meeting + 14 days, done the day the report was sent (Reg 20(7));
 * - decisions within 4 weeks: due the meeting + 4 weeks or the deadline if sooner, done on notification (Reg 20(10)).
 * The one query behind the dashboard's Timeliness view and `GET /api/reports/timeliness`. It
 * reads `timeliness_summary` (migrations 390-391), the number of reviews per due date, school,
 * meeting date and state that the writes keep up to date (each in one of 16 slots, which the
 * sums below add up), and decides here what depends on
 * today: an open step past its due date is late, one not yet due is pending, and a report or
 * decision counts only once its meeting has been held.
 */
export async function timelinessCounts(tx: Queryable, principal: Principal, period: { from: string; to: string }, today: string): Promise<TimelinessCounts> {
  const rows = await tx.query<Row>(
    `with judged as (
       -- the month as its first day, by date arithmetic (date_trunc would go through timestamptz and the session's zone)
       select s.measure, s.school_id, s.due - (extract(day from s.due)::int - 1) as month,
              case when s.state = 'on_time' then s.n else 0 end as on_time,
              case when s.state = 'late' then s.n else 0 end as late,
              case when s.state = 'open' and s.due < $4::date then s.n else 0 end as late_open,
              case when s.state = 'open' and s.due >= $4::date then s.n else 0 end as pending
         from timeliness_summary s
        where s.council_id = $1 and s.due between $2::date and $3::date and (s.meeting_on is null or s.meeting_on <= $4::date)
          and s.n > 0 -- a count taken back to nothing stays as a row; it must not list its month or school
     ), totals as (
       select j.measure, j.month, j.school_id, grouping(j.month) as by_month, grouping(j.school_id) as by_school,
              sum(j.on_time)::int as on_time, sum(j.late)::int as late, sum(j.late_open)::int as late_open, sum(j.pending)::int as pending
         from judged j
        group by grouping sets ((j.measure), (j.measure, j.month), (j.measure, j.school_id))
     )
     select t.*, to_char(t.month, 'YYYY-MM') as month, o.name as school_name from totals t left join organisations o on o.id = t.school_id`,
    [principal.orgId, period.from, period.to, today],
  );
  const overall = emptyShares();
  const months = new Map<string, TimelinessGroup>();
  const schools = new Map<string, TimelinessGroup>();
  for (const r of rows) {
    if (!r.measure) continue;
    const figure = share(r);
    // grouping() is 0 for a column the row is grouped by: a month row, a school row (the school may be null), or the measure's total.
    if (r.by_month === 0) {
      const key = r.month ?? '';
      const group = months.get(key) ?? { month: key, schoolId: null, schoolName: null, shares: emptyShares() };
      group.shares[r.measure] = figure;
      months.set(key, group);
    } else if (r.by_school === 0) {
      const key = r.school_id ?? '';
      const group = schools.get(key) ?? { month: null, schoolId: r.school_id, schoolName: r.school_name, shares: emptyShares() };
      group.shares[r.measure] = figure;
      schools.set(key, group);
    } else overall[r.measure] = figure;
  }
  return {
    overall,
    byMonth: [...months.values()],
    bySchool: [...schools.values()].sort((a, b) => (a.schoolName ?? '').localeCompare(b.schoolName ?? '')),
  };
}

function share(r: Pick<Row, 'on_time' | 'late' | 'late_open' | 'pending'>): Share {
  const total = r.on_time + r.late + r.late_open;
  return { total, onTime: r.on_time, late: r.late, lateOpen: r.late_open, pending: r.pending, share: total ? r.on_time / total : null };
}

export function emptyShares(): Shares {
  return { concludedIn12Months: none(), reportsIn2Weeks: none(), decisionsIn4Weeks: none() };
}

function none(): Share {
  return { total: 0, onTime: 0, late: 0, lateOpen: 0, pending: 0, share: null };
}
