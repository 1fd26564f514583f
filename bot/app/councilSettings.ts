import { councilSettingsSchema, deliverySettings, missingSettings, requiredLetterSettings } from '../../shared';
import { councilSettingsFor, readCouncilSettings as readStoredSettings, replaceCouncilSettings as storeSettings, type StoredCouncilSettings, settingsEtag } from '../store/councilSettings';
import { requestHash, runWrite } from '../store/idempotency';
import type { Principal } from '../store/principal';
import { type AppDeps, parsed, permit, type TaskResult } from './task';

/** The council's settings with what is still missing, so a manager sees what letters would refuse. */
export function describeSettings(stored: StoredCouncilSettings) {
  return {
    councilId: stored.councilId,
    version: stored.version,
    updatedAt: stored.updatedAt,
    settings: stored.settings,
    missing: {
      maintainOrCeaseLetters: missingSettings(stored.settings, requiredLetterSettings('maintain')),
      amendLetters: missingSettings(stored.settings, requiredLetterSettings('amend')),
      finalPlanLetters: missingSettings(stored.settings, requiredLetterSettings('final-plan')),
      notAmendingLetters: missingSettings(stored.settings, requiredLetterSettings('not-amending')),
      sending: missingSettings(stored.settings, deliverySettings),
    },
  };
}

/** The caller's council's settings (its LA staff read them), with their ETag. */
export async function readCouncilSettings(deps: AppDeps, principal: Principal): Promise<{ body: ReturnType<typeof describeSettings>; etag: string }> {
  permit(principal, 'GET /api/council/settings');
  const stored = await councilSettingsFor(deps.db, principal);
  return { body: describeSettings(stored), etag: settingsEtag(stored) };
}

/** One replacement of the council's settings, by its LA manager. */
export interface SettingsCall {
  principal: Principal;
  input: unknown;
  idempotencyKey?: string | undefined;
  ifMatch?: string | undefined;
}

/**
 * Replace the council's letter settings (validated, audited, If-Match against the version
 * the manager saw, idempotent).
 *
 * @example await replaceCouncilSettings(deps, { principal: manager, input: settings, ifMatch: '"settings.north-council.0"' }) //=> { status: 200, body: { version: 1, missing: {...} }, etag: '"settings.north-council.1"' }
 */
export async function replaceCouncilSettings(deps: AppDeps, call: SettingsCall): Promise<TaskResult> {
  permit(call.principal, 'PUT /api/council/settings');
  const input = parsed(councilSettingsSchema, call.input);
  return runWrite(deps.db, call.principal, call.idempotencyKey, requestHash('PUT', '/api/council/settings', call.input ?? null), async (tx) => {
    const stored = await storeSettings(tx, call.principal, input, call.ifMatch);
    return { status: 200, body: describeSettings(stored), etag: settingsEtag(stored) };
  });
}

/**
 * The council's logo as PNG bytes, for its link pages (public: the pages show it to anyone
 * holding a link, and a logo is not personal data), or undefined when it has none.
 */
export async function councilLogoPng(deps: Pick<AppDeps, 'db'>, councilId: string): Promise<Buffer | undefined> {
  const { settings } = await readStoredSettings(deps.db, councilId);
  const logo = settings.councilLogo;
  return logo ? Buffer.from(logo.slice(logo.indexOf(',') + 1), 'base64') : undefined;
}
