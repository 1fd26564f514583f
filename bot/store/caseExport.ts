import { openAuditRows } from './auditSeal/childKeys';
import type { Queryable } from './db';

/** Every review cycle of a plan, oldest first. */
export async function planReviewIds(tx: Queryable, planId: number): Promise<string[]> {
  const rows = await tx.query<{ id: string }>('select id from review_cycles where plan_id = $1 order by created_at, id', [planId]);
  return rows.map((r) => r.id);
}

/** The plan's school's name and its transfer dates. */
export async function planSummary(tx: Queryable, planId: number): Promise<{ school_name: string | null; transferred_in_on: string | null; transferred_out_on: string | null } | undefined> {
  const [plan] = await tx.query<{ school_name: string | null; transferred_in_on: string | null; transferred_out_on: string | null }>(
    'select o.name as school_name, p.transferred_in_on, p.transferred_out_on from plans p left join organisations o on o.id = p.school_id where p.id = $1',
    [planId],
  );
  return plan;
}

/** Where an audit trail of a child and of their reviews is: the entries sealed under the child's key, and any about the reviews or the child. */
export const CHILD_AUDIT_WHERE = "child_id = $1 or (entity = 'child' and entity_id = $1::text) or (entity = 'review' and entity_id = any($2::text[]))";

/** The audit trail of a child and of their reviews, in the order written, with before and after opened. */
export async function caseAuditTrail(tx: Queryable, childId: string, reviewIds: string[]) {
  const rows = await tx.query<{ child_id: string | null; sealed: string | null; after: unknown }>(
    `select at, actor_org as "actorOrg", actor_role as "actorRole", action, entity, entity_id as "entityId", child_id, sealed, after
       from audit_log where ${CHILD_AUDIT_WHERE} order by id`,
    [childId, reviewIds],
  );
  return (await openAuditRows(tx, rows)).map(({ child_id: _child, before: _before, ...entry }: Record<string, unknown>) => entry);
}

/** The row id of the child whose plan this is. */
export async function childOfPlan(tx: Queryable, planId: number | string): Promise<string> {
  const [row] = await tx.query<{ child_id: string }>('select child_id::text from plans where id = $1', [planId]);
  return row?.child_id as string;
}

/** A review's id and version, for its ETag after a write that moved it. */
export async function reviewVersion(tx: Queryable, reviewId: string): Promise<{ id: string; version: number } | undefined> {
  const [row] = await tx.query<{ id: string; version: number }>('select id, version from review_cycles where id = $1', [reviewId]);
  return row;
}
