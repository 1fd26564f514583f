import { appendAudit } from './audit';
import type { Queryable } from './db';
import type { OrgKind, Principal } from './principal';

export interface OrganisationInput {
  id: string;
  kind: OrgKind;
  name: string;
  entraTenantId?: string | undefined;
  councilId?: string | undefined;
}

/** Registers (or renames) an organisation; schools name their maintaining council. */
export async function registerOrganisation(tx: Queryable, org: OrganisationInput, actor: Principal | null = null): Promise<void> {
  await tx.query(
    `insert into organisations (id, kind, name, entra_tenant_id, council_id) values ($1, $2, $3, $4, $5)
     on conflict (id) do update set name = excluded.name, entra_tenant_id = excluded.entra_tenant_id, council_id = excluded.council_id`,
    [org.id, org.kind, org.name, org.entraTenantId ?? null, org.councilId ?? null],
  );
  await appendAudit(tx, actor, 'organisation.registered', 'organisation', org.id, null, org);
}

export interface PersonInput {
  orgId: string;
  entraObjectId: string;
  email?: string | undefined;
  displayName?: string | undefined;
  role: Principal['role'];
}

/** Registers a person's role in an organisation; returns their id. */
export async function registerPerson(tx: Queryable, person: PersonInput, actor: Principal | null = null): Promise<number> {
  const rows = await tx.query<{ id: number }>(
    `insert into people (org_id, entra_object_id, email, display_name, role) values ($1, $2, $3, $4, $5)
     on conflict (org_id, entra_object_id) do update set email = excluded.email, display_name = excluded.display_name, role = excluded.role
     returning id::int`,
    [person.orgId, person.entraObjectId, person.email ?? null, person.displayName ?? null, person.role],
  );
  await appendAudit(tx, actor, 'person.registered', 'person', `${person.orgId}/${person.entraObjectId}`, null, person);
  return rows[0]?.id as number;
}

/** The ids of a council's LA SEND officers (who a decision card goes to), oldest first. */
export async function councilOfficers(db: Queryable, councilId: string): Promise<number[]> {
  const rows = await db.query<{ id: number }>("select id::int as id from people where org_id = $1 and role = 'la-officer' order by id", [councilId]);
  return rows.map((r) => r.id);
}

/** A registered person's display name and their organisation's name (what the tab shows as signed in). */
export async function personAndOrganisation(db: Queryable, personId: number): Promise<{ displayName: string | null; orgName: string } | undefined> {
  const [person] = await db.query<{ display_name: string | null; org_name: string }>(
    'select pe.display_name, o.name as org_name from people pe join organisations o on o.id = pe.org_id where pe.id = $1',
    [personId],
  );
  return person ? { displayName: person.display_name, orgName: person.org_name } : undefined;
}

/** The names of a review's school (null without one) and council, for documents about it. */
export async function schoolAndCouncilNames(db: Queryable, schoolId: string | null, councilId: string): Promise<{ school: string | null; council: string } | undefined> {
  const [orgs] = await db.query<{ school: string | null; council: string }>(
    'select (select name from organisations where id = $1) as school, (select name from organisations where id = $2) as council',
    [schoolId, councilId],
  );
  return orgs;
}

/** A council's Microsoft 365 tenant id (null when none is registered), for acting in its shared mailbox or library. */
export async function councilTenantOf(db: Queryable, councilId: string): Promise<string | null> {
  const [council] = await db.query<{ tenant: string | null }>('select entra_tenant_id as tenant from organisations where id = $1', [councilId]);
  return council?.tenant ?? null;
}
