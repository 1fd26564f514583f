import type { Queryable } from './db';

/** Who made a change: a signed-in principal, or an operator at the command line (`cli:NAME`). */
export interface AuditActor {
  orgId: string | null;
  userId: string;
  role: string | null;
}

/** Writes one audit entry in the caller's transaction, so it exists exactly when the change does. */
export async function appendAudit(
  tx: Queryable,
  actor: AuditActor | null,
  action: string,
  entity: string,
  entityId: string,
  before: unknown,
  after: unknown,
): Promise<void> {
  await tx.query(
    'insert into audit_log (actor_org, actor_user, actor_role, action, entity, entity_id, before, after) values ($1, $2, $3, $4, $5, $6, $7, $8)',
    [actor?.orgId ?? null, actor?.userId ?? 'system', actor?.role ?? null, action, entity, entityId, before === null ? null : JSON.stringify(before), after === null ? null : JSON.stringify(after)],
  );
}
