import { noteReviewRead } from '../../app/accessRecords';
import { faceOf } from '../face';
import { type Request, type Response, Router } from 'express';
import { decideNotToAmend, issueFinalPlan } from '../../app/afterDecision/amendmentOutcome';
import { recordRepresentations } from '../../app/afterDecision/recordRepresentations';
import type { AfterDecisionDeps, ReviewCall } from '../../app/afterDecision/reviewWrite';
import { recordLetterPosted, sendLetterDraft } from '../../app/afterDecision/sendLetterDraft';
import type { LetterFiles } from '../../letters/deliverMailing';
import { loadLetterCase } from '../../letters/letterCase';
import { sendLetter } from '../../app/sendLetter';
import { previewLetter } from '../../app/previewLetter';
import { renderLetter } from '../../letters/render';
import { InvalidInputError } from '../../store/errors';
import type { WriteResult } from '../../store/idempotency';
import { lettersOfReview } from '../../store/letters/lettersSent';
import { representationsOf } from '../../store/reviews/amendmentOutcome';
import { etagOf, loadReview } from '../../store/reviews/loadReview';
import { type ApiContext, authorise, idempotencyKey } from '../context';
import type { Endpoint } from '../../app/permissions';
import { letterQuery, parseWith } from '../../app/schemas';
import { reviewIdOf, send } from './reviews';

const TYPES = { docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', pdf: 'application/pdf' } as const;

/**
 * The letters: download the decision letter (or the amendment notice) as Word or PDF, send
 * it as the council's settings say, send a waiting draft, record one posted, list every
 * letter sent; the amendment's steps (representations, the final plan, not amending).
 */
export function letterRoutes(ctx: ApiContext & { letterFiles?: LetterFiles | undefined }): Router {
  const router = Router();
  const deps: AfterDecisionDeps = { db: ctx.db, mailer: ctx.mailer, files: ctx.letterFiles, today: ctx.today, logger: ctx.logger };

  router.get('/api/reviews/:id/letter', async (req, res) => {
    const principal = await authorise(ctx, req, 'GET /api/reviews/{id}/letter');
    const query = parseWith(letterQuery, req.query);
    if (!query.ok) throw new InvalidInputError(query.problems);
    const found = await loadLetterCase(ctx.db, principal, reviewIdOf(req), ctx.today());
    const { format, kind } = query.value;
    const document = found.documents.find((d) => d.kind === kind);
    if (!document) throw new InvalidInputError([{ field: 'kind', message: `this review's decision has no ${kind}; the decision letter is "decision"${found.outcome === 'amend' ? ' and its notice "amendment-notice"' : ''}` }]);
    const body = await renderLetter(document.letter, format);
    await noteReviewRead(ctx.db, principal, faceOf(req), 'letter.downloaded', found.review.id, { kind, format });
    res
      .set('Content-Type', TYPES[format])
      .set('Content-Disposition', `attachment; filename="${document.fileName}.${format}"`)
      .set('Content-Language', 'en-GB')
      .set('Cache-Control', 'private, no-store')
      .set('ETag', etagOf(found.review))
      .send(body);
  });

  router.post('/api/reviews/:id/letter/preview', async (req: Request, res) => {
    const principal = await authorise(ctx, req, 'POST /api/reviews/{id}/letter/preview');
    const preview = await previewLetter(ctx, principal, reviewIdOf(req), req.body, req.get('if-match'));
    res.set('Cache-Control', 'private, no-store').json(preview);
  });

  router.get('/api/reviews/:id/letters', async (req, res) => {
    const principal = await authorise(ctx, req, 'GET /api/reviews/{id}/letters');
    const id = reviewIdOf(req);
    const review = await loadReview(ctx.db, principal, id, ctx.today());
    res.set('Cache-Control', 'private, no-store').json({ reviewId: review.id, letters: await lettersOfReview(ctx.db, review.id), representations: await representationsOf(ctx.db, review.id) });
  });

  router.post('/api/reviews/:id/letter/send', async (req: Request, res) => {
    const principal = await authorise(ctx, req, 'POST /api/reviews/{id}/letter/send');
    const key = idempotencyKey(req);
    send(res, await sendLetter({ ...ctx, letterFiles: ctx.letterFiles }, { principal, reviewId: reviewIdOf(req), input: req.body ?? {}, idempotencyKey: key, ifMatch: req.get('if-match') }), key);
  });

  const task = (endpoint: Endpoint, path: string, run: (deps: AfterDecisionDeps, call: ReviewCall) => Promise<WriteResult>) => {
    router.post(path, async (req: Request, res: Response) => {
      const principal = await authorise(ctx, req, endpoint);
      send(res, await run(deps, { principal, reviewId: reviewIdOf(req), body: req.body ?? {}, idempotencyKey: idempotencyKey(req), ifMatch: req.get('if-match'), path: req.path }));
    });
  };
  task('POST /api/reviews/{id}/letter/send-draft', '/api/reviews/:id/letter/send-draft', sendLetterDraft);
  task('POST /api/reviews/{id}/letter/posted', '/api/reviews/:id/letter/posted', recordLetterPosted);
  task('POST /api/reviews/{id}/representations', '/api/reviews/:id/representations', recordRepresentations);
  task('POST /api/reviews/{id}/final-plan', '/api/reviews/:id/final-plan', issueFinalPlan);
  task('POST /api/reviews/{id}/not-amending', '/api/reviews/:id/not-amending', decideNotToAmend);
  return router;
}
