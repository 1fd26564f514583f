import type { Queryable } from './db';
import { type OrgKind, type Principal, roleOrgKinds } from './principal';

export type MemberLookup = { found: Principal } | { found: null; reason: 'unregistered' | 'several'; orgs: string[] };

interface Row {
  person_id: number;
  org_id: string;
  org_kind: OrgKind;
  council_id: string | null;
  role: Principal['role'];
  email: string | null;
}

/**
 * The registered person a Teams sender is, from the activity alone: their Entra object id
 * (`from.aadObjectId`) in an organisation registered with that tenant
 * (`organisations.entra_tenant_id`). Card data never names the actor.
 *
 * `anyTenant` is for local development only (Agents Playground invents a tenant, and the
 * demo organisations have none): the object id alone then picks the demo person.
 */
export async function findMember(db: Queryable, sender: { tenantId: string | undefined; aadObjectId: string | undefined }, options: { anyTenant: boolean }): Promise<MemberLookup> {
  if (!sender.aadObjectId || (!sender.tenantId && !options.anyTenant)) return { found: null, reason: 'unregistered', orgs: [] };
  const rows = await db.query<Row>(
    `select p.id::int as person_id, o.id as org_id, o.kind as org_kind, o.council_id, p.role, p.email
       from people p join organisations o on o.id = p.org_id
      where p.entra_object_id = $1 and ($3::boolean or o.entra_tenant_id = $2) order by o.id`,
    [sender.aadObjectId, sender.tenantId ?? '', options.anyTenant],
    { prepare: true },
  );
  const usable = rows.filter((r) => roleOrgKinds[r.role].includes(r.org_kind));
  if (usable.length === 0) return { found: null, reason: 'unregistered', orgs: [] };
  if (usable.length > 1) return { found: null, reason: 'several', orgs: usable.map((r) => r.org_id) };
  const m = usable[0] as Row;
  return {
    found: {
      orgId: m.org_id,
      orgKind: m.org_kind,
      role: m.role,
      userId: sender.aadObjectId,
      personId: m.person_id,
      email: m.email,
      councilId: m.org_kind === 'council' ? m.org_id : m.council_id,
    },
  };
}
