import type { Queryable } from '../db';
import type { Principal } from '../principal';
import { dueSql, type ReviewStatus, statusSql } from './status';
import { visibleTo } from './visibility';

export interface ReviewFilters {
  status?: ReviewStatus | undefined;
  /** Only reviews at any of these statuses (the bot's "my reviews": the steps due from one role, in one statement). */
  statuses?: readonly ReviewStatus[] | undefined;
  overdue?: boolean | undefined;
  /** Only reviews whose current step is due on or before this date. */
  dueBefore?: string | undefined;
  school?: string | undefined;
  /** Only the children of one placing council (a school's list spans several). */
  council?: string | undefined;
  /** The add-in's picker: part of the child's name, or the start of the council reference. */
  q?: string | undefined;
  limit: number;
  /** Opaque cursor: the last item's due date and id. */
  after?: { due: string | null; id: string } | undefined;
}

export interface ReviewListItem {
  id: string;
  status: ReviewStatus;
  due: string | null;
  overdue: boolean;
  childName: string;
  laReference: string;
  schoolId: string | null;
  /** The council that placed the child (the plan's): a school's list holds every council's children. */
  councilId: string;
  councilName: string;
  reviewDeadline: string;
  latestMeetingDate: string;
  meetingDate: string | null;
  version: number;
}

/** The reviews a principal may see, most urgent first (earliest due step), filtered in SQL. */
export async function listReviews(tx: Queryable, principal: Principal, filters: ReviewFilters, today: string): Promise<ReviewListItem[]> {
  const visible = visibleTo(principal, 2);
  const params: unknown[] = [today, ...visible.params];
  const where = [visible.sql];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (filters.status) add((n) => `(${statusSql('$1')}) = ${n}`, filters.status);
  if (filters.statuses) add((n) => `(${statusSql('$1')}) = any(${n}::text[])`, [...filters.statuses]);
  if (filters.overdue !== undefined) where.push(`coalesce((${dueSql('$1')}) < $1::date, false) = ${filters.overdue ? 'true' : 'false'}`);
  if (filters.dueBefore) add((n) => `(${dueSql('$1')}) <= ${n}::date`, filters.dueBefore);
  if (filters.school) add((n) => `r.school_id = ${n}`, filters.school);
  if (filters.council) add((n) => `r.council_id = ${n}`, filters.council);
  if (filters.q) {
    const like = filters.q.replace(/[\\%_]/g, (c) => `\\${c}`);
    add((n) => `(c.name ilike '%' || ${n} || '%' or c.la_reference ilike ${n} || '%')`, like);
  }
  if (filters.after) {
    params.push(filters.after.due ?? '9999-12-31', filters.after.id);
    where.push(`(coalesce(${dueSql('$1')}, '9999-12-31'::date), r.id) > ($${params.length - 1}::date, $${params.length})`);
  }
  params.push(filters.limit);
  return tx.query<ReviewListItem>(
    `select r.id, ${statusSql('$1')} as status, ${dueSql('$1')} as due, coalesce((${dueSql('$1')}) < $1::date, false) as overdue,
            c.name as "childName", c.la_reference as "laReference", r.school_id as "schoolId",
            r.council_id as "councilId", co.name as "councilName",
            r.review_deadline as "reviewDeadline", r.latest_meeting_date as "latestMeetingDate", r.meeting_date as "meetingDate", r.version
       from review_cycles r
       join plans p on p.id = r.plan_id
       join children c on c.id = p.child_id
       join organisations co on co.id = r.council_id
      where ${where.join(' and ')}
      order by coalesce(${dueSql('$1')}, '9999-12-31'::date), r.id
      limit $${params.length}`,
    params,
    // One text per combination of filters and visibility rule: a few dozen at most.
    { prepare: true },
  );
}
