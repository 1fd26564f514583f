import { z } from 'zod';
import { type Role, roles } from '../auth/roles';
import { type AuditActor, appendAudit } from './audit';
import type { Queryable } from './db';
import { ConflictError, type FieldProblem, InvalidInputError, NotFoundError } from './errors';
import { type OrgKind, roleOrgKinds } from './principal';

/**
 * Registering organisations and people without SQL: what `ehcp-review org` and
 * `ehcp-review person` call. Every change is one audited write; a person is never deleted
 * (decisions, invitations and the audit log name them), only marked removed.
 */

const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID such as 0f5b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d');
const orgId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be 2-63 lower-case letters, digits or hyphens, starting with a letter or digit (e.g. north-council)');

export const organisationSchema = z.object({
  id: orgId,
  kind: z.enum(['council', 'school', 'provider'], { message: 'must be one of council, school, provider' }),
  name: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  tenant: guid.optional(),
  council: orgId.optional(),
  /** A school's kind of setting (#26): a school, a college or an early years provider. */
  settingType: z.enum(['school', 'college', 'early-years'], { message: 'must be one of school, college, early-years' }).optional(),
  /** The setting's DfE URN (or a college's UKPRN), so councils can find it by number. */
  urn: z.string().regex(/^[0-9]{6,8}$/, 'must be the DfE URN (6 digits) or UKPRN (8 digits)').optional(),
});
export type OrganisationFields = z.input<typeof organisationSchema>;

export const personSchema = z.object({
  org: orgId,
  objectId: guid,
  role: z.enum(roles, { message: `must be one of ${roles.join(', ')}` }),
  email: z.string().trim().email('must be an email address').optional(),
  name: z.string().trim().min(1).max(200, 'must be at most 200 characters').optional(),
});
export type PersonFields = z.input<typeof personSchema>;

/** Zod's problems as {field, message}, the field named as the user typed it. */
function problemsOf(error: z.ZodError, fieldNames: Record<string, string>): FieldProblem[] {
  return error.issues.map((i) => {
    const key = String(i.path[0] ?? '');
    const given = i.code === 'invalid_type' && i.input === undefined;
    return { field: fieldNames[key] ?? key, message: given ? 'is required' : i.message };
  });
}

export const organisationFieldNames = { id: '--id', kind: '--kind', name: '--name', tenant: '--tenant', council: '--council', settingType: '--type', urn: '--urn' };
export const personFieldNames = { org: '--org', objectId: '--object-id', role: '--role', email: '--email', name: '--name' };

/** Checks an organisation's fields; the problems name each field as `names` spells it. */
export function parseOrganisation(fields: Record<string, unknown>, names: Record<string, string> = organisationFieldNames) {
  const parsed = organisationSchema.safeParse(fields);
  if (!parsed.success) throw new InvalidInputError(problemsOf(parsed.error, names));
  return parsed.data;
}

/** Checks a person's fields; the problems name each field as `names` spells it. */
export function parsePerson(fields: Record<string, unknown>, names: Record<string, string> = personFieldNames) {
  const parsed = personSchema.safeParse(fields);
  if (!parsed.success) throw new InvalidInputError(problemsOf(parsed.error, names));
  return parsed.data;
}

export interface OrganisationRow {
  id: string;
  kind: OrgKind;
  name: string;
  tenant: string | null;
  council: string | null;
  people: number;
}

/**
 * Registers an organisation, or updates its name, tenant or council. A school (or college,
 * or early years setting: `settingType`) names its local council, which stays recorded as
 * such; any council on the service may place a child there (#26). A school names its
 * maintaining council (an academy of a multi-academy trust names the council it is in; a
 * trust's schools may share one tenant). Councils and providers have no council.
 */
export async function addOrganisation(tx: Queryable, fields: z.output<typeof organisationSchema>, actor: AuditActor): Promise<'added' | 'updated'> {
  const field = organisationFieldNames;
  if (fields.kind === 'school' && !fields.council) throw new InvalidInputError([{ field: field.council, message: 'is required for a school: the id of its maintaining council' }]);
  if (fields.kind !== 'school' && fields.council) throw new InvalidInputError([{ field: field.council, message: `applies to schools only; a ${fields.kind} has no maintaining council` }]);
  if (fields.kind !== 'school' && (fields.settingType || fields.urn)) {
    throw new InvalidInputError([{ field: fields.settingType ? field.settingType : field.urn, message: `applies to schools, colleges and early years settings only, not a ${fields.kind}` }]);
  }
  if (fields.council) {
    const [council] = await tx.query<{ kind: string }>('select kind from organisations where id = $1', [fields.council]);
    if (!council) throw new InvalidInputError([{ field: field.council, message: `${fields.council} is not registered; add the council first (ehcp-review org add --kind council)` }]);
    if (council.kind !== 'council') throw new InvalidInputError([{ field: field.council, message: `${fields.council} is a ${council.kind}, not a council` }]);
  }
  const [before] = await tx.query<{ kind: OrgKind; name: string; tenant: string | null; council: string | null }>(
    'select kind, name, entra_tenant_id as tenant, council_id as council from organisations where id = $1 for update',
    [fields.id],
  );
  if (before && before.kind !== fields.kind) {
    throw new ConflictError('organisation-kind', `${fields.id} is registered as a ${before.kind}; an organisation's kind cannot change (its people's roles depend on it). Register the ${fields.kind} under another id.`);
  }
  const after = {
    kind: fields.kind,
    name: fields.name,
    tenant: fields.tenant?.toLowerCase() ?? null,
    council: fields.council ?? null,
    ...(fields.kind === 'school' ? { settingType: fields.settingType ?? 'school', urn: fields.urn ?? null } : {}),
  };
  if (fields.urn) {
    const [clash] = await tx.query<{ id: string }>('select id from organisations where urn = $1 and id <> $2', [fields.urn, fields.id]);
    if (clash) throw new InvalidInputError([{ field: field.urn, message: `URN ${fields.urn} is already registered as ${clash.id}; register the setting once` }]);
  }
  await tx.query(
    `insert into organisations (id, kind, name, entra_tenant_id, council_id, setting_type, urn) values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (id) do update set name = excluded.name, entra_tenant_id = excluded.entra_tenant_id, council_id = excluded.council_id,
       setting_type = coalesce(excluded.setting_type, organisations.setting_type), urn = coalesce(excluded.urn, organisations.urn)`,
    [fields.id, after.kind, after.name, after.tenant, after.council, after.settingType ?? null, after.urn ?? null],
  );
  await appendAudit(tx, actor, before ? 'organisation.updated' : 'organisation.registered', 'organisation', fields.id, before ?? null, after);
  return before ? 'updated' : 'added';
}

export async function listOrganisations(db: Queryable): Promise<OrganisationRow[]> {
  return db.query<OrganisationRow>(
    `select o.id, o.kind, o.name, o.entra_tenant_id as tenant, o.council_id as council,
            (select count(*)::int from people p where p.org_id = o.id and p.removed_at is null and p.source = 'admin') as people
       from organisations o order by o.kind, o.id`,
  );
}

export interface PersonRow {
  org: string;
  objectId: string;
  role: Role;
  email: string | null;
  name: string | null;
  source: 'admin' | 'token';
  removed: boolean;
}

/** Registers a person's role in an organisation (again, if they were removed); the role must fit the organisation's kind. */
export async function addPerson(tx: Queryable, fields: z.output<typeof personSchema>, actor: AuditActor): Promise<'added' | 'updated'> {
  const [org] = await tx.query<{ kind: OrgKind }>('select kind from organisations where id = $1', [fields.org]);
  if (!org) throw new InvalidInputError([{ field: personFieldNames.org, message: `${fields.org} is not registered (ehcp-review org list shows those that are)` }]);
  if (!roleOrgKinds[fields.role].includes(org.kind)) {
    throw new InvalidInputError([{ field: personFieldNames.role, message: `${fields.role} belongs to a ${roleOrgKinds[fields.role].join(' or ')}, and ${fields.org} is a ${org.kind}` }]);
  }
  const objectId = fields.objectId.toLowerCase();
  const [before] = await tx.query<{ role: Role; email: string | null; name: string | null; source: string; removed: boolean }>(
    'select role, email, display_name as name, source, removed_at is not null as removed from people where org_id = $1 and entra_object_id = $2 for update',
    [fields.org, objectId],
  );
  await tx.query(
    `insert into people (org_id, entra_object_id, email, display_name, role, source) values ($1, $2, $3, $4, $5, 'admin')
     on conflict (org_id, entra_object_id) do update set email = coalesce(excluded.email, people.email), display_name = coalesce(excluded.display_name, people.display_name),
       role = excluded.role, source = 'admin', removed_at = null`,
    [fields.org, objectId, fields.email ?? null, fields.name ?? null, fields.role],
  );
  const after = { role: fields.role, email: fields.email ?? before?.email ?? null, name: fields.name ?? before?.name ?? null, source: 'admin' };
  await appendAudit(tx, actor, before ? 'person.updated' : 'person.registered', 'person', `${fields.org}/${objectId}`, before ?? null, after);
  return before && !before.removed ? 'updated' : 'added';
}

export async function listPeople(db: Queryable, org?: string): Promise<PersonRow[]> {
  return db.query<PersonRow>(
    `select org_id as org, entra_object_id as "objectId", role, email, display_name as name, source, removed_at is not null as removed
       from people where ($1::text is null or org_id = $1) order by org_id, removed_at is not null, lower(coalesce(display_name, email, entra_object_id))`,
    [org ?? null],
  );
}

/** Ends a person's membership of an organisation (the row stays for the records it is named in). */
export async function removePerson(tx: Queryable, org: string, objectId: string, actor: AuditActor): Promise<void> {
  const id = objectId.toLowerCase();
  const [before] = await tx.query<{ role: Role; removed: boolean }>(
    'select role, removed_at is not null as removed from people where org_id = $1 and entra_object_id = $2 for update',
    [org, id],
  );
  if (!before) throw new NotFoundError(`Person ${objectId} in ${org}`);
  if (before.removed) throw new ConflictError('already-removed', `${objectId} was already removed from ${org}; ehcp-review person add registers them again.`);
  await tx.query('update people set removed_at = now() where org_id = $1 and entra_object_id = $2', [org, id]);
  await appendAudit(tx, actor, 'person.removed', 'person', `${org}/${id}`, { role: before.role }, { removed: true });
}
