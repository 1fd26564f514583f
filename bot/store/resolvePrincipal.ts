import type { TokenIdentity } from '../auth';
import type { Db, Queryable } from './db';
import { appendAudit } from './audit';
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
 * first use. Entra tokens act through either
 * - a membership an administrator registered (`ehcp-review person add`) in an organisation
 *   of the token's tenant, or
 * - an app role the tenant's administrator assigned (the token's `roles` claim), honoured
 *   in the one organisation of that tenant whose kind the role fits: a school's tenant can
 *   never grant a council role. A tenant holding several such organisations (a multi-academy
 *   trust's schools) cannot say which one a role is for, so its people are registered.
 * `preferredOrg` (the X-EHCP-Org header) picks one when there are several.
 */
export async function resolvePrincipal(db: Queryable, identity: TokenIdentity, preferredOrg?: string): Promise<Principal> {
  if (identity.mode === 'dev') return resolveDev(db, identity);
  const registered = await db.query<MemberRow & { source: string; removed: boolean }>(
    `select p.id::int as person_id, o.id as org_id, o.kind as org_kind, o.council_id, p.role, p.email, p.source, p.removed_at is not null as removed
       from people p join organisations o on o.id = p.org_id
      where p.entra_object_id = $1 and o.entra_tenant_id = $2 order by o.id`,
    [identity.userId, identity.tenantId],
  );
  const members: Candidate[] = registered.filter((m) => m.source === 'admin' && !m.removed).map((m) => ({ ...m, fromClaim: false }));
  const claimProblems: string[] = [];
  if (identity.appRoles?.length) {
    const orgs = await db.query<{ id: string; kind: OrgKind; council_id: string | null }>('select id, kind, council_id from organisations where entra_tenant_id = $1 order by id', [identity.tenantId]);
    // Organisations where this person already has a say: registered there, or removed from there.
    const settled = new Set(registered.filter((m) => m.source === 'admin' || m.removed).map((m) => m.org_id));
    for (const role of identity.appRoles) {
      const chosen = orgForClaim(role, orgs);
      if ('problem' in chosen) {
        claimProblems.push(chosen.problem);
        continue;
      }
      if (settled.has(chosen.org.id) || members.some((m) => m.org_id === chosen.org.id)) continue;
      members.push({ person_id: 0, org_id: chosen.org.id, org_kind: chosen.org.kind, council_id: chosen.org.council_id, role, email: identity.email ?? null, fromClaim: true });
    }
  }
  const chosen = preferredOrg ? members.filter((m) => m.org_id === preferredOrg) : members;
  if (chosen.length === 0) {
    if (preferredOrg) throw new ForbiddenError(`You are not a member of ${preferredOrg}; choose one of: ${members.map((m) => m.org_id).join(', ') || 'none'}.`);
    if (claimProblems.length) throw new ForbiddenError(claimProblems.join(' '));
    throw new ForbiddenError(
      `Your account (object id ${identity.userId} in tenant ${identity.tenantId}) is not registered with EHCP Review Assistant; ask your organisation's administrator to assign you an EHCP Review Assistant role or to add you.`,
    );
  }
  if (chosen.length > 1) {
    throw new ForbiddenError(`You belong to several organisations (${chosen.map((m) => m.org_id).join(', ')}); send the X-EHCP-Org header to choose one.`);
  }
  const member = chosen[0] as Candidate;
  if (member.fromClaim) member.person_id = await inTransaction(db, (tx) => rememberClaimedMember(tx, member, identity));
  return principalOf(member, identity);
}

/** Runs `fn` in a transaction when `db` can open one (the row and its audit entry go together). */
function inTransaction<T>(db: Queryable, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  const maybe = db as Partial<Db>;
  return typeof maybe.transaction === 'function' ? maybe.transaction(fn) : fn(db);
}

interface Candidate extends MemberRow {
  fromClaim: boolean;
}

/** Which kinds a role claim is looked for in, most specific first (a council's EP is a professional of the council). */
const claimKinds: Record<Principal['role'], OrgKind[][]> = {
  senco: [['school']],
  'la-officer': [['council']],
  'la-manager': [['council']],
  professional: [['provider'], ['council'], ['school']],
};

/** The one organisation of the tenant a claimed role acts in, or why there is none. */
type TenantOrg = { id: string; kind: OrgKind; council_id: string | null };

function orgForClaim(role: Principal['role'], orgs: TenantOrg[]): { org: TenantOrg } | { problem: string } {
  for (const kinds of claimKinds[role]) {
    const fitting = orgs.filter((o) => kinds.includes(o.kind));
    if (fitting.length === 1) return { org: fitting[0] as TenantOrg };
    if (fitting.length > 1) {
      return {
        problem: `Your tenant holds several organisations a ${role} could belong to (${fitting.map((o) => o.id).join(', ')}), so your ${role} app role cannot say which one; ask your administrator to register you at yours (ehcp-review person add).`,
      };
    }
  }
  const registeredKinds = [...new Set(orgs.map((o) => o.kind))];
  return {
    problem: orgs.length
      ? `Your ${role} app role cannot be used in your tenant: it is registered to ${registeredKinds.join(' and ')} organisations only, and a ${role} belongs to a ${roleOrgKinds[role].join(' or ')}.`
      : 'Your tenant is not registered to any organisation in EHCP Review Assistant; ask the council to register it (ehcp-review org add).',
  };
}

/**
 * Gives a person admitted by a role claim a row in `people` (decisions and audit entries
 * name it), created or updated only when something changed, with an audit entry then.
 */
async function rememberClaimedMember(db: Queryable, m: Candidate, identity: TokenIdentity): Promise<number> {
  const existing = await db.query<{ id: number; role: string }>("select id::int, role from people where org_id = $1 and entra_object_id = $2 and source = 'token'", [m.org_id, identity.userId]);
  const row = existing[0];
  if (row && row.role === m.role) return row.id;
  const rows = await db.query<{ id: number }>(
    `insert into people (org_id, entra_object_id, email, display_name, role, source) values ($1, $2, $3, $4, $5, 'token')
     on conflict (org_id, entra_object_id) do update set role = excluded.role, email = coalesce(excluded.email, people.email), display_name = coalesce(excluded.display_name, people.display_name)
       where people.source = 'token' and people.removed_at is null
     returning id::int`,
    [m.org_id, identity.userId, identity.email ?? null, identity.name ?? null, m.role],
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new ForbiddenError(`Your membership of ${m.org_id} was changed by an administrator just now; sign in again.`);
  await appendAudit(
    db,
    { orgId: m.org_id, userId: identity.userId, role: m.role },
    row ? 'person.role-from-token-changed' : 'person.admitted-by-app-role',
    'person',
    `${m.org_id}/${identity.userId}`,
    row ? { role: row.role } : null,
    { role: m.role, source: 'token' },
  );
  return id;
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
