import { appendAudit } from '../audit';
import type { Queryable } from '../db';
import { ConflictError, InvalidInputError } from '../errors';
import type { Principal } from '../principal';

/** A school, college or early years provider as any council on the service finds it. */
export interface SettingRow {
  id: string;
  name: string;
  settingType: 'school' | 'college' | 'early-years';
  urn: string | null;
  /** The setting's own local council (where it is), not the council that places a child there. */
  localCouncilId: string;
  localCouncilName: string;
}

const columns = `o.id, o.name, coalesce(o.setting_type, 'school') as "settingType", o.urn, o.council_id as "localCouncilId", lc.name as "localCouncilName"`;

/**
 * Registered settings matching `q`: the start of a URN, or any part of the name (case
 * folded), names first by where the match starts. Every council sees every setting: a
 * setting's name and URN are public (Get Information about Schools), and naming it is
 * what a placement needs.
 */
export async function searchSettings(db: Queryable, q: string, limit: number): Promise<SettingRow[]> {
  const like = q.replace(/[\\%_]/g, (c) => `\\${c}`);
  return db.query<SettingRow>(
    `select ${columns}
       from organisations o join organisations lc on lc.id = o.council_id
      where o.kind = 'school' and (o.urn like $1 || '%' or o.name ilike '%' || $1 || '%' or o.id like lower($1) || '%')
      order by (o.urn = $1) desc nulls last, position(lower($1) in lower(o.name)), lower(o.name), o.id
      limit $2`,
    [like, limit],
  );
}

export interface NewSetting {
  id: string;
  name: string;
  settingType: 'school' | 'college' | 'early-years';
  urn?: string | undefined;
  localCouncil: string;
  /** Why the council registers it (a placement it must record): kept with the setting and in the audit log. */
  reason: string;
}

/**
 * Registers a setting missing from the service, as a council placing a child there. The
 * setting's local council must be registered (it is recorded as such, and is not the
 * placing council unless they are the same). A URN or id already registered is a 409
 * naming the registered setting, so the caller uses it instead of a duplicate.
 */
export async function registerSetting(tx: Queryable, principal: Principal, input: NewSetting): Promise<SettingRow> {
  const [council] = await tx.query<{ kind: string; name: string }>('select kind, name from organisations where id = $1', [input.localCouncil]);
  if (council?.kind !== 'council') {
    throw new InvalidInputError([
      {
        field: 'localCouncil',
        message: council
          ? `${input.localCouncil} is a ${council.kind}, not a council`
          : `${input.localCouncil} is not a council on this service; give the id of a registered council (the setting's local council is recorded, it does not need to use the service to be named)`,
      },
    ]);
  }
  const [clash] = await tx.query<{ id: string; name: string; urn: string | null }>(
    'select id, name, urn from organisations where id = $1 or ($2::text is not null and urn = $2) limit 1',
    [input.id, input.urn ?? null],
  );
  if (clash) {
    const same = clash.id === input.id ? `the id ${input.id}` : `URN ${input.urn}`;
    throw new ConflictError('setting-already-registered', `${clash.name} (${clash.id}${clash.urn ? `, URN ${clash.urn}` : ''}) is already registered with ${same}; place the child there (school column: ${clash.id}) rather than registering it again.`);
  }
  await tx.query(
    `insert into organisations (id, kind, name, council_id, setting_type, urn, registered_by, registration_reason) values ($1, 'school', $2, $3, $4, $5, $6, $7)`,
    [input.id, input.name, input.localCouncil, input.settingType, input.urn ?? null, principal.orgId, input.reason],
  );
  const row: SettingRow = { id: input.id, name: input.name, settingType: input.settingType, urn: input.urn ?? null, localCouncilId: input.localCouncil, localCouncilName: council.name };
  await appendAudit(tx, principal, 'setting.registered', 'organisation', input.id, null, { ...row, reason: input.reason, registeredBy: principal.orgId });
  return row;
}
