import { childLabel } from '../../../shared/privacy/childLabel';
import { plusDays } from '../../../shared';
import type { Queryable } from '../db';
import type { Principal } from '../principal';
import { type DashboardStep, openStepsSql } from './openSteps';
import { limitOffset, orderBy, type Page, type PageRequest } from './paging';
import { type ComingHorizon, type ComingReport, type ComingReview, comingHorizons, type PhaseTransfer } from '../../../shared/dashboard/types';
export { type ComingHorizon, type ComingReport, type ComingReview, comingHorizons, type PhaseTransfer };

export const comingSorts = ['deadline', 'school', 'reference'] as const;

export interface ComingQuery extends PageRequest {
  weeks: ComingHorizon;
  sort: (typeof comingSorts)[number];
  dir: 'asc' | 'desc';
}

/**
 * Open reviews whose review deadline (CFA 2014 s44(1): concluded within the 12 months) falls
 * between today and `weeks` weeks from today, one page of them, with the counts for 4, 8
 * and 12 weeks. Already-late reviews are on the Today view instead.
 */
export async function comingReviews(tx: Queryable, principal: Principal, query: ComingQuery, today: string): Promise<ComingReport> {
  const steps = openStepsSql('$1', '$2');
  const ends = comingHorizons.map((w) => plusDays(today, 7 * w));
  const [counted] = await tx.query<Record<string, number>>(
    `select ${comingHorizons.map((w, i) => `count(*) filter (where r.review_deadline <= $${i + 3}::date)::int as w${w}`).join(', ')}
       from review_cycles r where r.council_id = $1 and r.stage <> 'concluded' and r.review_deadline >= $2::date and r.review_deadline <= $5::date`,
    [principal.orgId, today, ...ends],
  );
  const end = plusDays(today, 7 * query.weeks);
  const [limit, offset] = limitOffset(query);
  const rows = await tx.query<{
    review_id: string;
    name: string;
    la_reference: string;
    review_deadline: string;
    latest_meeting_date: string;
    meeting_date: string | null;
    step: DashboardStep;
    school_id: string | null;
    school_name: string | null;
  }>(
    `select r.id as review_id, c.name, c.la_reference, r.review_deadline, r.latest_meeting_date, r.meeting_date, s.step, r.school_id, school.name as school_name
       from ${steps.from}
      where ${steps.where} and r.review_deadline between $2::date and $3::date
      order by ${orderBy({ deadline: 'r.review_deadline', school: 'school.name', reference: 'c.la_reference' }, query.sort, query.dir, 'r.id')}
      limit $4 offset $5`,
    [principal.orgId, today, end, limit, offset],
  );
  const counts = { within4Weeks: counted?.w4 ?? 0, within8Weeks: counted?.w8 ?? 0, within12Weeks: counted?.w12 ?? 0 };
  return {
    today,
    weeks: query.weeks,
    counts,
    total: counts[`within${query.weeks}Weeks`],
    page: query.page,
    pageSize: query.pageSize,
    items: rows.map((r) => ({
      reviewId: r.review_id,
      child: childLabel(r.name, r.la_reference),
      laReference: r.la_reference,
      reviewDeadline: r.review_deadline,
      latestMeetingDate: r.latest_meeting_date,
      meetingDate: r.meeting_date,
      step: r.step,
      school: { id: r.school_id, name: r.school_name },
    })),
  };
}

/**
 * The transfer deadline in SQL, the same rule as shared `transferDeadline` (the tests check
 * one against the other): 14 February or 30 March of the transfer year, or 5 months before.
 */
export const transferDeadlineSql = `(case p.transfer_kind
  when 'school' then make_date(extract(year from p.transfer_date)::int, 2, 14)
  when 'post16' then make_date(extract(year from p.transfer_date)::int, 3, 30)
  else (p.transfer_date - interval '5 months')::date end)`;

const ruleText = { school: 'before 15 February', post16: 'before 31 March', 'post16-move': '5 months before the move' } as const;

/**
 * Plans with a phase transfer still ahead, soonest deadline first, one page of them: the
 * deadline (Reg 18(1)-(2)), the latest meeting date that still meets it (8 weeks for the
 * amendment and 4 for the decision, DOMAIN phaseTransfer), and whether the review is done.
 */
export async function phaseTransfers(tx: Queryable, principal: Principal, query: PageRequest, today: string): Promise<Page<PhaseTransfer> & { today: string }> {
  const [limit, offset] = limitOffset(query);
  const rows = await tx.query<{
    review_id: string | null;
    name: string;
    la_reference: string;
    kind: PhaseTransfer['kind'];
    transfer_date: string;
    deadline: string;
    stage: string | null;
    meeting_date: string | null;
    final_plan_issued_on: string | null;
    school_id: string | null;
    school_name: string | null;
    total: number;
  }>(
    `select open.id as review_id, c.name, c.la_reference, p.transfer_kind as kind, p.transfer_date, ${transferDeadlineSql} as deadline,
            open.stage, open.meeting_date, open.final_plan_issued_on, p.school_id, o.name as school_name, count(*) over ()::int as total
       from plans p
       join children c on c.id = p.child_id
       left join organisations o on o.id = p.school_id
       left join lateral (
         select r.id, r.stage, r.meeting_date, a.final_plan_issued_on from review_cycles r left join amendments a on a.review_id = r.id
          where r.plan_id = p.id order by r.created_at desc limit 1
       ) open on true
      where c.council_id = $1 and p.transfer_date >= $2::date and p.ceased_on is null
      order by deadline, c.la_reference
      limit $3 offset $4`,
    [principal.orgId, today, limit, offset],
  );
  return {
    today,
    total: rows[0]?.total ?? 0,
    page: query.page,
    pageSize: query.pageSize,
    items: rows.map((r) => {
      const latestMeetingDate = plusDays(r.deadline, -84);
      const done = r.stage === 'concluded' || (r.stage === 'amending' && r.final_plan_issued_on !== null);
      // At risk: no meeting by the last date that leaves time to amend, or one booked after it.
      const late = r.meeting_date ? r.meeting_date > latestMeetingDate : latestMeetingDate < today;
      return {
        reviewId: r.review_id,
        child: childLabel(r.name, r.la_reference),
        laReference: r.la_reference,
        kind: r.kind,
        transferDate: r.transfer_date,
        deadline: r.deadline,
        rule: ruleText[r.kind],
        latestMeetingDate,
        status: done ? 'done' : late ? 'at-risk' : 'on-track',
        school: { id: r.school_id, name: r.school_name },
      };
    }),
  };
}
