import { Router } from 'express';
import { councilSettingsSchema, deliverySettings, missingSettings, requiredLetterSettings } from '../../../shared';
import { councilSettingsFor, replaceCouncilSettings, type StoredCouncilSettings, settingsEtag } from '../../store/councilSettings';
import { InvalidInputError } from '../../store/errors';
import { requestHash, runWrite } from '../../store/idempotency';
import { type ApiContext, authorise, idempotencyKey } from '../context';
import { parseWith } from '../../app/schemas';
import { send } from './reviews';

/** The council's own settings: read by its LA staff, replaced by its LA manager. */
export function councilRoutes(ctx: ApiContext): Router {
  const router = Router();

  router.get('/api/council/settings', async (req, res) => {
    const principal = await authorise(ctx, req, 'GET /api/council/settings');
    const stored = await councilSettingsFor(ctx.db, principal);
    res.set('ETag', settingsEtag(stored)).json(describe(stored));
  });

  router.put('/api/council/settings', async (req, res) => {
    const principal = await authorise(ctx, req, 'PUT /api/council/settings');
    const key = idempotencyKey(req);
    const input = parseWith(councilSettingsSchema, req.body);
    if (!input.ok) throw new InvalidInputError(input.problems);
    const ifMatch = req.get('if-match');
    const result = await runWrite(ctx.db, principal, key, requestHash('PUT', req.path, req.body), async (tx) => {
      const stored = await replaceCouncilSettings(tx, principal, input.value, ifMatch);
      return { status: 200, body: describe(stored), etag: settingsEtag(stored) };
    });
    send(res, result);
  });
  return router;
}

/** The settings with what is still missing, so a manager sees what letters would refuse. */
function describe(stored: StoredCouncilSettings) {
  return {
    councilId: stored.councilId,
    version: stored.version,
    updatedAt: stored.updatedAt,
    settings: stored.settings,
    missing: {
      maintainOrCeaseLetters: missingSettings(stored.settings, requiredLetterSettings('maintain')),
      amendLetters: missingSettings(stored.settings, requiredLetterSettings('amend')),
      sending: missingSettings(stored.settings, deliverySettings),
    },
  };
}
