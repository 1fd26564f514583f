import { Router } from 'express';
import { replaceContacts, contactsForReview, type CaseContact } from '../../store/contacts/caseContacts';
import { InvalidInputError } from '../../store/errors';
import { requestHash, runWrite } from '../../store/idempotency';
import { type ApiContext, authorise, idempotencyKey } from '../context';
import { contactsBody, parseWith } from '../../app/schemas';
import { reviewIdOf, send } from './reviews';

/** A child's contacts (who the review invites, by role), read and replaced through their review. */
export function contactRoutes(ctx: ApiContext): Router {
  const router = Router();
  router.get('/api/reviews/:id/contacts', async (req, res) => {
    const principal = await authorise(ctx, req, 'GET /api/reviews/{id}/contacts');
    res.json({ contacts: await contactsForReview(ctx.db, principal, reviewIdOf(req), ctx.today()) });
  });
  router.put('/api/reviews/:id/contacts', async (req, res) => {
    const principal = await authorise(ctx, req, 'PUT /api/reviews/{id}/contacts');
    const id = reviewIdOf(req);
    const input = parseWith(contactsBody, req.body);
    if (!input.ok) throw new InvalidInputError(input.problems);
    const result = await runWrite(ctx.db, principal, idempotencyKey(req), requestHash('PUT', req.path, req.body), async (tx) => {
      const { contacts, changed } = await replaceContacts(tx, principal, id, input.value.contacts as CaseContact[], ctx.today());
      return { status: 200, body: { reviewId: id, contacts, changed } };
    });
    send(res, result);
  });
  return router;
}
