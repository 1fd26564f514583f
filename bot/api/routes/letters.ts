import { type Request, Router } from 'express';
import { sendLetter } from '../../app/sendLetter';
import { loadLetterCase } from '../../letters/letterCase';
import { renderLetter } from '../../letters/render';
import { InvalidInputError } from '../../store/errors';
import { etagOf } from '../../store/reviews/loadReview';
import { type ApiContext, authorise, idempotencyKey } from '../context';
import { letterQuery, parseWith } from '../../app/schemas';
import { reviewIdOf, send } from './reviews';


const TYPES = { docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', pdf: 'application/pdf' } as const;

/** The decision letter: download it as Word or PDF, and send it as the council's settings say. */
export function letterRoutes(ctx: ApiContext): Router {
  const router = Router();

  router.get('/api/reviews/:id/letter', async (req, res) => {
    const principal = await authorise(ctx, req, 'GET /api/reviews/{id}/letter');
    const query = parseWith(letterQuery, req.query);
    if (!query.ok) throw new InvalidInputError(query.problems);
    const found = await loadLetterCase(ctx.db, principal, reviewIdOf(req), ctx.today());
    const format = query.value.format;
    const body = await renderLetter(found.letter, format);
    res
      .set('Content-Type', TYPES[format])
      .set('Content-Disposition', `attachment; filename="${found.fileName}.${format}"`)
      .set('Content-Language', 'en-GB')
      .set('Cache-Control', 'private, no-store')
      .set('ETag', etagOf(found.review))
      .send(body);
  });

  router.post('/api/reviews/:id/letter/send', async (req: Request, res) => {
    const principal = await authorise(ctx, req, 'POST /api/reviews/{id}/letter/send');
    const key = idempotencyKey(req);
    send(res, await sendLetter(ctx, { principal, reviewId: reviewIdOf(req), input: req.body ?? {}, idempotencyKey: key, ifMatch: req.get('if-match') }), key);
  });
  return router;
}
