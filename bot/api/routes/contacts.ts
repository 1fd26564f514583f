import { Router } from 'express';
import { readContacts, replaceContacts } from '../../app/contacts';
import { type ApiContext, authorise, idempotencyKey } from '../context';
import { reviewIdOf, send } from './reviews';

/** A child's contacts (who the review invites, by role), read and replaced through their review. */
export function contactRoutes(ctx: ApiContext): Router {
  const router = Router();
  router.get('/api/reviews/:id/contacts', async (req, res) => {
    const principal = await authorise(ctx, req, 'GET /api/reviews/{id}/contacts');
    res.json(await readContacts(ctx, principal, reviewIdOf(req)));
  });
  router.put('/api/reviews/:id/contacts', async (req, res) => {
    const principal = await authorise(ctx, req, 'PUT /api/reviews/{id}/contacts');
    send(res, await replaceContacts(ctx, { principal, reviewId: reviewIdOf(req), input: req.body, idempotencyKey: idempotencyKey(req), ifMatch: req.get('if-match') }));
  });
  return router;
}
