import { type CouncilSettings, councilSettingsSchema } from '../../shared';
import { appendAudit } from './audit';
import type { Queryable } from './db';
import { ForbiddenError, ServiceError } from './errors';
import type { Principal } from './principal';
import { ifMatchAccepts } from './ifMatch';

/** A council's letter settings as stored, with the version its ETag carries. */
export interface StoredCouncilSettings {
  councilId: string;
  settings: CouncilSettings;
  version: number;
  updatedAt: string | null;
}

/** Quoted version for the ETag header of `GET/PUT /api/council/settings`. */
export const settingsEtag = (s: { councilId: string; version: number }) => `"settings.${s.councilId}.${s.version}"`;

/** The council a council person acts for; anyone else has no council settings to see. */
function councilOf(principal: Principal): string {
  if (principal.orgKind !== 'council') throw new ForbiddenError('Council settings belong to a council; sign in as someone at the council.');
  return principal.orgId;
}

/**
 * Reads the letter settings of `councilId`. A council that has set nothing yet has empty
 * settings at version 0. What is stored is parsed again with the shared schema, so a
 * letter never prints a value the schema would refuse.
 */
export async function readCouncilSettings(tx: Queryable, councilId: string): Promise<StoredCouncilSettings> {
  const [row] = await tx.query<{ settings: string | null; version: number; updated_at: Date | string | null }>(
    'select settings::text as settings, version, updated_at from council_settings where council_id = $1',
    [councilId],
    { prepare: true },
  );
  if (!row) return { councilId, settings: {}, version: 0, updatedAt: null };
  return {
    councilId,
    settings: settingsFromText(row.settings),
    version: row.version,
    updatedAt: row.updated_at === null ? null : new Date(row.updated_at).toISOString(),
  };
}

/**
 * The settings stored as `text` (the column cast to text; null where the council has set
 * none), parsed and checked: the one parse of stored settings, for {@link readCouncilSettings}
 * and the review read alike. The result is remembered
 * by the text itself, so it is a pure function's cache: it cannot go stale however many
 * processes write the settings (a change is a different text, parsed afresh), and it
 * spares the review read, the add-in's hot path, a JSON parse and a schema check per request.
 */
export function settingsFromText(text: string | null): CouncilSettings {
  if (text === null) return {};
  let settings = parsedSettings.get(text);
  if (!settings) {
    // Frozen, all the way down: every reader of this text gets this one object.
    settings = deepFreeze(validSettings(JSON.parse(text)));
    // A handful of councils each with one current text; a bound in case of many changes.
    if (parsedSettings.size >= 256) parsedSettings.clear();
    parsedSettings.set(text, settings);
  }
  return settings;
}

const parsedSettings = new Map<string, CouncilSettings>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * The stored settings that pass today's schema. A field a later release tightened is left
 * out (and so reported missing, naming it) rather than dropping the whole set.
 */
function validSettings(stored: unknown): CouncilSettings {
  const parsed = councilSettingsSchema.safeParse(stored);
  if (parsed.success) return parsed.data;
  const bad = new Set(parsed.error.issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys : [String(i.path[0] ?? '')])));
  const kept = Object.fromEntries(Object.entries((stored ?? {}) as Record<string, unknown>).filter(([k]) => !bad.has(k)));
  const again = councilSettingsSchema.safeParse(kept);
  return again.success ? again.data : {};
}

/** GET /api/council/settings: the caller's own council's settings. */
export function councilSettingsFor(tx: Queryable, principal: Principal): Promise<StoredCouncilSettings> {
  return readCouncilSettings(tx, councilOf(principal));
}

/**
 * PUT /api/council/settings: replaces the caller's council's settings (already validated)
 * with an audit entry of before and after, refusing a stale If-Match.
 */
export async function replaceCouncilSettings(tx: Queryable, principal: Principal, settings: CouncilSettings, ifMatch?: string): Promise<StoredCouncilSettings> {
  const councilId = councilOf(principal);
  // Serialise writers on one council: the row lock (or, for the first write, the insert) orders them.
  await tx.query('insert into council_settings (council_id, version) values ($1, 0) on conflict (council_id) do nothing', [councilId]);
  await tx.query('select 1 from council_settings where council_id = $1 for update', [councilId]);
  const before = await readCouncilSettings(tx, councilId);
  if (!ifMatchAccepts(ifMatch, settingsEtag(before))) {
    throw new ServiceError(412, 'stale-write', `The council's settings have changed since you read them (they are now at version ${before.version}); reload them and make your change again.`);
  }
  const [row] = await tx.query<{ version: number; updated_at: Date | string }>(
    'update council_settings set settings = $2, version = version + 1, updated_by = $3, updated_at = now() where council_id = $1 returning version, updated_at',
    [councilId, JSON.stringify(settings), principal.personId],
  );
  await appendAudit(tx, principal, 'council-settings.replaced', 'council', councilId, before.settings, settings);
  return { councilId, settings, version: row?.version ?? before.version + 1, updatedAt: row ? new Date(row.updated_at).toISOString() : null };
}
