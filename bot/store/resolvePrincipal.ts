import type { TokenIdentity } from '../auth';
import type { Queryable } from './db';
import { ForbiddenError } from './errors';
import { type OrgKind, type Principal, roleOrgKinds } from './principal';

interface MemberRow {
  person_id: number;
  org_id: string;
  org_kind: OrgKind;
  council_id: string | null;
  role: Principal['role'];
  email: string | null;
}

/**
 * Turns a verified token into the person and organisation the request acts for.
 * Development tokens name their organisation and role, and the person is registered on
 * first use. Entra tokens must belong to a person an administrator registered in an
 * organisation of the token's tenant; `preferredOrg` picks one when there are several.
 */
export async function resolvePrincipal(db: Queryable, identity: TokenIdentity, preferredOrg?: string): Promise<Principal> {
  if (identity.mode === 'dev') return resolveDev(db, identity);
  const members = await db.query<MemberRow>(
    `select p.id::int as person_id, o.id as org_id, o.kind as org_kind, o.council_id, p.role, p.email
       from people p join organisations o on o.id = p.org_id
      where p.entra_object_id = $1 and o.entra_tenant_id = $2 order by o.id`,
    [identity.userId, identity.tenantId],
  );
  const chosen = preferredOrg ? members.filter((m) => m.org_id === preferredOrg) : members;
  if (chosen.length === 0) {
    throw new ForbiddenError(
      preferredOrg
        ? `You are not a member of ${preferredOrg}; choose one of: ${members.map((m) => m.org_id).join(', ') || 'none'}.`
        : `Your account (object id ${identity.userId} in tenant ${identity.tenantId}) is not registered with EHCP Review Assistant; ask your organisation's administrator to add you.`,
    );
  }
  if (chosen.length > 1) {
    throw new ForbiddenError(`You belong to several organisations (${chosen.map((m) => m.org_id).join(', ')}); send the X-EHCP-Org header to choose one.`);
  }
  return principalOf(chosen[0] as MemberRow, identity);
}

async function resolveDev(db: Queryable, identity: TokenIdentity): Promise<Principal> {
  const orgId = identity.orgId ?? '';
  const role = identity.role ?? 'senco';
  const orgs = await db.query<{ kind: OrgKind; council_id: string | null }>('select kind, council_id from organisations where id = $1', [orgId]);
  const org = orgs[0];
  if (!org) throw new ForbiddenError(`Organisation ${orgId} is not registered; the demo organisations are demo-council, demo-school-1, demo-school-2 and demo-nhs.`);
  if (!roleOrgKinds[role].includes(org.kind)) {
    throw new ForbiddenError(`The ${role} role belongs to a ${roleOrgKinds[role].join(' or ')}, and ${orgId} is a ${org.kind}; get a token for the right organisation.`);
  }
  const existing = await db.query<MemberRow>(
    'select id::int as person_id, org_id, role, email from people where org_id = $1 and entra_object_id = $2',
    [orgId, identity.userId],
  );
  let person = existing[0];
  if (!person || person.role !== role) {
    const rows = await db.query<MemberRow>(
      `insert into people (org_id, entra_object_id, email, display_name, role) values ($1, $2, $3, $4, $5)
       on conflict (org_id, entra_object_id) do update set role = excluded.role, email = coalesce(excluded.email, people.email)
       returning id::int as person_id, org_id, role, email`,
      [orgId, identity.userId, identity.email ?? null, identity.name ?? identity.userId, role],
    );
    person = rows[0] as MemberRow;
  }
  return principalOf({ ...person, org_kind: org.kind, council_id: org.council_id }, identity);
}

function principalOf(m: MemberRow, identity: TokenIdentity): Principal {
  if (!roleOrgKinds[m.role].includes(m.org_kind)) {
    throw new ForbiddenError(`Your ${m.role} role is registered in ${m.org_id}, a ${m.org_kind}; ask an administrator to correct your registration.`);
  }
  return {
    orgId: m.org_id,
    orgKind: m.org_kind,
    role: m.role,
    userId: identity.userId,
    personId: m.person_id,
    email: m.email ?? identity.email ?? null,
    councilId: m.org_kind === 'council' ? m.org_id : m.council_id,
  };
}
