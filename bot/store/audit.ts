import { childKeys, sealEntry } from './auditSeal/childKeys';
import type { Queryable } from './db';

/** Who made a change: a signed-in principal, or an operator at the command line (`cli:NAME`). */
export interface AuditActor {
  orgId: string | null;
  userId: string;
  role: string | null;
}

/**
 * The child an entry is about, whose key seals its before and after: a review's child, or the
 * child itself (entity `child`, whose id is the child's row id, never the council reference,
 * so the entry's what stays free of personal data once the child is erased).
 */
async function subjectOf(tx: Queryable, entity: string, entityId: string): Promise<string | null> {
  if (entity === 'child') return /^[0-9]{1,18}$/.test(entityId) ? entityId : null;
  if (entity !== 'review') return null;
  const [row] = await tx.query<{ child_id: string }>('select p.child_id::text from review_cycles r join plans p on p.id = r.plan_id where r.id = $1', [entityId], { prepare: true });
  return row?.child_id ?? null;
}

/**
 * Writes one audit entry in the caller's transaction, so it exists exactly when the change
 * does. An entry about a child or a review keeps its before and after sealed under the
 * child's key (bot/store/auditSeal), which erasure destroys; who, what and when stay plain.
 */
export async function appendAudit(
  tx: Queryable,
  actor: AuditActor | null,
  action: string,
  entity: string,
  entityId: string,
  before: unknown,
  after: unknown,
): Promise<void> {
  const childId = await subjectOf(tx, entity, entityId);
  const actorCols = [actor?.orgId ?? null, actor?.userId ?? 'system', actor?.role ?? null, action, entity, entityId];
  if (childId !== null && (before !== null || after !== null)) {
    const key = (await childKeys(tx, [childId])).get(childId) as Buffer;
    await tx.query('insert into audit_log (actor_org, actor_user, actor_role, action, entity, entity_id, child_id, sealed) values ($1, $2, $3, $4, $5, $6, $7, $8)', [
      ...actorCols,
      childId,
      sealEntry(key, childId, before, after),
    ]);
    return;
  }
  await tx.query('insert into audit_log (actor_org, actor_user, actor_role, action, entity, entity_id, child_id, before, after) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
    ...actorCols,
    childId,
    before === null ? null : JSON.stringify(before),
    after === null ? null : JSON.stringify(after),
  ]);
}

/** Many entries about children at once (the caseload import), each sealed under its child's key. */
export async function appendChildAudits(tx: Queryable, actor: AuditActor, action: string, entries: ReadonlyArray<{ childId: string; after: unknown }>): Promise<void> {
  if (entries.length === 0) return;
  const keys = await childKeys(
    tx,
    entries.map((e) => e.childId),
  );
  await tx.query(
    `insert into audit_log (actor_org, actor_user, actor_role, action, entity, entity_id, child_id, sealed)
     select $1, $2, $3, $4, 'child', u.id, u.id::bigint, u.sealed from unnest($5::text[], $6::text[]) as u(id, sealed)`,
    [actor.orgId, actor.userId, actor.role, action, entries.map((e) => e.childId), entries.map((e) => sealEntry(keys.get(e.childId) as Buffer, e.childId, null, e.after))],
  );
}
