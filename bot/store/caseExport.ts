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

/** The audit trail of a child (by council reference) and of their reviews, in the order written. */
export function caseAuditTrail(tx: Queryable, laReference: string, reviewIds: string[]) {
  return tx.query(
    `select at, actor_org as "actorOrg", actor_role as "actorRole", action, entity, entity_id as "entityId", after
       from audit_log where (entity = 'child' and entity_id = $1) or (entity = 'review' and entity_id = any($2::text[])) order by id`,
    [laReference, reviewIds],
  );
}

/** A review's id and version, for its ETag after a write that moved it. */
export async function reviewVersion(tx: Queryable, reviewId: string): Promise<{ id: string; version: number } | undefined> {
  const [row] = await tx.query<{ id: string; version: number }>('select id, version from review_cycles where id = $1', [reviewId]);
  return row;
}
