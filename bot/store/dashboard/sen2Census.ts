import { csvCell } from '../../csv/write';
import type { Queryable } from '../db';
import type { Principal } from '../principal';
import { limitOffset, type Page, type PageRequest } from './paging';
import { exclusionReasons } from '../../../shared/dashboard/types';
import type { ExclusionReason, Sen2Item, Sen2Excluded, Sen2Report } from '../../../shared/dashboard/types';
export { exclusionReasons };
export type { ExclusionReason, Sen2Item, Sen2Excluded, Sen2Report };

interface Row {
  la_reference: string;
  upn: string | null;
  school_id: string | null;
  issued_on: string;
  meeting_date: string | null;
  outcome: 'maintain' | 'amend' | 'cease' | null;
  notified_on: string | null;
  notice_served_on: string | null;
  final_plan_issued_on: string | null;
  reason: ExclusionReason | null;
}

const OUTCOME = { maintain: 'M', amend: 'A', cease: 'C' } as const;

/**
 * Every plan of the council with, for the census date: its latest review meeting held on or
 * before it (and on or before today: a booked meeting is not yet a review), that review's
 * outcome and decision date if notified by then, or the reason it has none. `$1` council, `$2` census, `$3` today.
 */
const censusSql = `
  with per_plan as (
    -- one grouped pass over the council's reviews (a lateral per plan costs more, and the planner then JIT-compiles it)
    select r.plan_id,
           (array_agg(r.id order by r.meeting_date desc) filter (where r.meeting_date <= least($2::date, $3::date)))[1] as held_id,
           bool_or(r.meeting_date <= $2::date) as booked_by_census,
           bool_or(r.review_deadline <= $2::date) as due_by_census
      from review_cycles r where r.council_id = $1 group by r.plan_id
  )
  select c.la_reference, c.upn, p.school_id, p.issued_on, held.meeting_date, dd.outcome, dd.notified_on,
         am.notice_served_on, am.final_plan_issued_on,
         case when held.id is not null then null
              when p.issued_on > $2::date then 'plan-after-census'
              when coalesce(pp.booked_by_census, false) then 'meeting-not-yet-held'
              when not coalesce(pp.due_by_census, false) then 'first-review-not-due'
              else 'no-meeting-held' end as reason
    from plans p
    join children c on c.id = p.child_id
    left join per_plan pp on pp.plan_id = p.id
    left join review_cycles held on held.id = pp.held_id
    left join decisions dd on dd.review_id = held.id and dd.notified_on <= $2::date
    left join amendments am on am.review_id = held.id and dd.review_id is not null
   where c.council_id = $1 and (p.ceased_on is null or p.ceased_on > $2::date or held.id is not null)
     -- a plan transferred to another council (Reg 15) is that council's from the transfer, as a ceased one is no one's
     and (p.transferred_out_on is null or p.transferred_out_on > $2::date or held.id is not null)`;

/** The SEN2 annual-review items for a census date, one page (by council reference), with the row count and what was left out. */
export async function sen2Census(tx: Queryable, principal: Principal, census: string, page: PageRequest, today: string): Promise<Sen2Report> {
  const [limit, offset] = limitOffset(page);
  // The census once (materialized), then both its counts by reason and one page of its rows.
  const [result] = await tx.query<{ counts: { reason: ExclusionReason | null; n: number }[]; rows: Row[] }>(
    `with x as materialized (${censusSql})
     select (select coalesce(json_agg(g), '[]') from (select reason, count(*)::int as n from x group by reason) g) as counts,
            (select coalesce(json_agg(pg), '[]') from (select * from x where reason is null order by la_reference limit $4 offset $5) pg) as rows`,
    [principal.orgId, census, today, limit, offset],
  );
  const counts = result?.counts ?? [];
  const rows = result?.rows ?? [];
  return {
    census,
    total: counts.find((c) => c.reason === null)?.n ?? 0,
    page: page.page,
    pageSize: page.pageSize,
    items: rows.map(toItem),
    excluded: (Object.keys(exclusionReasons) as ExclusionReason[]).map((reason) => ({ reason, explanation: exclusionReasons[reason], count: counts.find((c) => c.reason === reason)?.n ?? 0 })),
  };
}

/** The plans left out of the census, one page, optionally of one reason. */
export async function sen2Excluded(tx: Queryable, principal: Principal, census: string, reason: ExclusionReason | undefined, page: PageRequest, today: string): Promise<Page<Sen2Excluded>> {
  const [limit, offset] = limitOffset(page);
  const rows = await tx.query<Row & { total: number }>(
    `select *, count(*) over ()::int as total from (${censusSql}) x where reason is not null and ($4::text is null or reason = $4) order by la_reference limit $5 offset $6`,
    [principal.orgId, census, today, reason ?? null, limit, offset],
  );
  return {
    total: rows[0]?.total ?? 0,
    page: page.page,
    pageSize: page.pageSize,
    items: rows.map((r) => ({ laReference: r.la_reference, schoolId: r.school_id, planIssuedOn: r.issued_on, reason: r.reason as ExclusionReason, explanation: exclusionReasons[r.reason as ExclusionReason] })),
  };
}

const columns = ['la_reference', 'upn', 'school', 'review_meeting_date', 'review_outcome', 'review_decision_date', 'amendment_notice_date', 'final_amended_plan_date'];

/** Every census row as CSV (the download is the whole return, not a page), SEN2 items first. */
export async function sen2CensusCsv(tx: Queryable, principal: Principal, census: string, today: string): Promise<{ csv: string; rows: number }> {
  const rows = await tx.query<Row>(`select * from (${censusSql}) x where reason is null order by la_reference`, [principal.orgId, census, today]);
  const lines = [columns.join(',')];
  for (const r of rows) {
    const item = toItem(r);
    lines.push(
      [item.laReference, item.upn ?? '', item.schoolId ?? '', item.reviewMeetingDate, item.outcome ?? '', item.decisionNotifiedOn ?? '', item.amendmentNoticeServedOn ?? '', item.finalPlanIssuedOn ?? '']
        .map(csvCell)
        .join(','),
    );
  }
  return { csv: `${lines.join('\r\n')}\r\n`, rows: rows.length };
}

function toItem(r: Row): Sen2Item {
  return {
    laReference: r.la_reference,
    upn: r.upn,
    schoolId: r.school_id,
    reviewMeetingDate: r.meeting_date as string,
    outcome: r.outcome ? OUTCOME[r.outcome] : null,
    decisionNotifiedOn: r.notified_on,
    amendmentNoticeServedOn: r.notice_served_on,
    finalPlanIssuedOn: r.final_plan_issued_on,
  };
}
