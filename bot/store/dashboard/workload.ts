import { dayOfWeek, plusDays } from '../../../shared';
import { childLabel } from '../../../shared/privacy/childLabel';
import type { Queryable } from '../db';
import type { Principal } from '../principal';
import { openStepsSql } from './openSteps';
import { limitOffset, type Page, type PageRequest } from './paging';
import type { OfficerLoad, Workload, UndeliveredReminder } from '../../../shared/dashboard/types';
export type { OfficerLoad, Workload, UndeliveredReminder };

/** Monday to Sunday of the week containing `today` (ISO weeks, as council rotas run). */
export function weekOf(today: string): { from: string; to: string } {
  const from = plusDays(today, -((dayOfWeek(today) + 6) % 7));
  return { from, to: plusDays(from, 6) };
}

/**
 * Per case officer (and the unassigned): open reviews, how many are overdue, and decisions
 * due this week (awaiting a decision whose due date falls Monday to Sunday). Every LA
 * officer of the council is listed, even with nothing open. Counted in SQL.
 */
export async function officerWorkload(tx: Queryable, principal: Principal, today: string): Promise<Workload> {
  const week = weekOf(today);
  const steps = openStepsSql('$1', '$2');
  const rows = await tx.query<{ officer_id: number | null; name: string | null; open_cases: number; overdue: number; decisions: number }>(
    `with load as (
       select p.case_officer_id as officer_id, count(*)::int as open_cases,
              count(*) filter (where d.due < $2::date)::int as overdue,
              count(*) filter (where s.step = 'decision' and d.due between $3::date and $4::date)::int as decisions
         from ${steps.from} where ${steps.where} group by p.case_officer_id
     )
     select coalesce(pe.id, load.officer_id)::int as officer_id, pe.display_name as name,
            coalesce(load.open_cases, 0) as open_cases, coalesce(load.overdue, 0) as overdue, coalesce(load.decisions, 0) as decisions
       from (select * from people where org_id = $1 and role = 'la-officer') pe
       full join load on load.officer_id = pe.id
      order by pe.display_name nulls last`,
    [principal.orgId, today, week.from, week.to],
  );
  return {
    week,
    officers: rows.map((r) => ({ officerId: r.officer_id, name: r.name ?? 'Unassigned', openCases: r.open_cases, overdue: r.overdue, decisionsDueThisWeek: r.decisions })),
  };
}

/**
 * Reminders that could not be delivered: outbox rows the reminder engine gave up on
 * (status 'dead'), newest first, one page.
 */
export async function undeliveredReminders(tx: Queryable, principal: Principal, page: PageRequest): Promise<Page<UndeliveredReminder>> {
  const [limit, offset] = limitOffset(page);
  const rows = await tx.query<{ id: number; review_id: string; name: string; la_reference: string; kind: string; recipient_role: string; send_on: string; attempts: number; last_error: string | null; total: number }>(
    `select o.id::int, o.review_id, c.name, c.la_reference, o.kind, o.recipient_role, o.send_on, o.attempts, o.last_error, count(*) over ()::int as total
       from reminder_outbox o
       join review_cycles r on r.id = o.review_id
       join plans p on p.id = r.plan_id
       join children c on c.id = p.child_id
      where r.council_id = $1 and o.status = 'dead'
      order by o.send_on desc, o.id desc
      limit $2 offset $3`,
    [principal.orgId, limit, offset],
  );
  return {
    total: rows[0]?.total ?? 0,
    page: page.page,
    pageSize: page.pageSize,
    items: rows.map((r) => ({
      id: r.id,
      reviewId: r.review_id,
      child: childLabel(r.name, r.la_reference),
      kind: r.kind,
      recipientRole: r.recipient_role,
      sendOn: r.send_on,
      attempts: r.attempts,
      lastError: r.last_error,
    })),
  };
}
