import { Router } from 'express';
import { z } from 'zod';
import { InvalidInputError } from '../../store/errors';
import { listDeadReminders } from '../../store/reminders/outbox';
import { type ApiContext, authorise } from '../context';
import { parseWith } from '../../app/schemas';

export const deadRemindersQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().min(1).optional(),
});

/** Reminders the sweeper gave up on, with the reason a person can act on: the LA manager's to fix. */
export function reminderRoutes(ctx: ApiContext): Router {
  const router = Router();
  router.get('/api/reminders/dead', async (req, res) => {
    const principal = await authorise(ctx, req, 'GET /api/reminders/dead');
    const parsed = parseWith(deadRemindersQuery, req.query);
    if (!parsed.ok) throw new InvalidInputError(parsed.problems);
    const items = await listDeadReminders(ctx.db, principal.orgId, { limit: parsed.value.limit, beforeId: parsed.value.before });
    const last = items.at(-1);
    res.json({
      items: items.map((i) => ({ ...i, deadAt: new Date(i.deadAt).toISOString() })),
      next: items.length === parsed.value.limit && last ? `/api/reminders/dead?limit=${parsed.value.limit}&before=${last.id}` : null,
    });
  });
  return router;
}
