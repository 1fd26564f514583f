import type { LetterFiles } from '../../letters/deliverMailing';
import { type Request, type Response, Router } from 'express';
import { isIsoDate } from '../../../shared';
import { bookMeeting } from '../../app/bookMeeting';
import { recordAddressee } from '../../app/recordAddressee';
import { recordAdvice } from '../../app/recordAdvice';
import { recordAmendment } from '../../app/recordAmendment';
import { confirmPlanEnd, recordCease } from '../../app/recordCease';
import { recordDecision } from '../../app/recordDecision';
import { startEarlyReview } from '../../app/startEarlyReview';
import { submitReport } from '../../app/submitReport';
import type { AppDeps, ReviewCall, TaskResult } from '../../app/task';
import { InvalidInputError } from '../../store/errors';
import { listReviews } from '../../store/reviews/listReviews';
import { reviewDetail } from '../../store/reviews/reviewDetail';
import { type ApiContext, authorise, idempotencyKey } from '../context';
import { faceOf } from '../face';
import type { Endpoint } from '../../app/permissions';
import { parseWith, reviewListQuery } from '../../app/schemas';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The review endpoints: list, detail, and the writes that move a review along. */
export function reviewRoutes(ctx: ApiContext & { publicUrl?: () => string; letterFiles?: LetterFiles | undefined }): Router {
  const router = Router();

  router.get('/api/reviews', async (req, res) => {
    const principal = await authorise(ctx, req, 'GET /api/reviews');
    const query = parseWith(reviewListQuery, req.query);
    if (!query.ok) throw new InvalidInputError(query.problems);
    const { cursor, ...filters } = query.value;
    const after = cursor ? decodeCursor(cursor) : undefined;
    const items = await listReviews(ctx.db, principal, { ...filters, after }, ctx.today());
    const last = items.length === filters.limit ? items.at(-1) : undefined;
    res.json({ items, nextCursor: last ? encodeCursor(last.due, last.id) : null });
  });

  router.get('/api/reviews/:id', async (req, res) => {
    const principal = await authorise(ctx, req, 'GET /api/reviews/{id}');
    const id = reviewIdOf(req);
    // The read and its access record are one statement: a refused read records nothing, an answered one once.
    const { body, etag } = await reviewDetail(ctx.db, principal, id, ctx.today(), { reader: principal, face: faceOf(req), action: 'review.read' });
    res.set('ETag', etag).json(body);
  });

  /** Each write is one task of bot/app: this only turns the request into its call and its result into the answer. */
  const write = (endpoint: Endpoint, path: string, task: (deps: AppDeps, call: ReviewCall) => Promise<TaskResult>) => {
    router.post(path, async (req: Request, res: Response) => {
      const principal = await authorise(ctx, req, endpoint);
      const key = idempotencyKey(req);
      const result = await task(ctx, { principal, reviewId: reviewIdOf(req), input: req.body, idempotencyKey: key, ifMatch: req.get('if-match') });
      send(res, result, key);
    });
  };

  write('POST /api/reviews/{id}/meeting', '/api/reviews/:id/meeting', bookMeeting);
  write('POST /api/reviews/{id}/advice', '/api/reviews/:id/advice', recordAdvice);
  write('POST /api/reviews/{id}/report', '/api/reviews/:id/report', submitReport);
  write('POST /api/reviews/{id}/decision', '/api/reviews/:id/decision', recordDecision);
  write('POST /api/reviews/{id}/amendment', '/api/reviews/:id/amendment', recordAmendment);
  write('POST /api/reviews/{id}/cease', '/api/reviews/:id/cease', recordCease);
  write('POST /api/reviews/{id}/plan-end', '/api/reviews/:id/plan-end', confirmPlanEnd);
  write('POST /api/reviews/{id}/early', '/api/reviews/:id/early', startEarlyReview);
  write('POST /api/reviews/{id}/addressee', '/api/reviews/:id/addressee', recordAddressee);
  return router;
}

/**
 * Sends a task's answer. A replay says so in a header, so clients can tell. What belongs
 * to the first answer only (`once`: one-time link URLs, the letter that followed a
 * decision) is added only without an Idempotency-Key: a kept answer must replay byte for
 * byte and must never hold a link's token. A decision's letter is also named in the
 * `Decision-Letter` header of the first answer, key or not.
 */
export function send(res: Response, result: TaskResult, key?: string): void {
  if (result.etag) res.set('ETag', result.etag);
  if (result.replayed) res.set('Idempotent-Replayed', 'true');
  const letter = result.once?.letter as { status?: string } | undefined;
  if (letter?.status) res.set('Decision-Letter', letter.status);
  const once = result.once && key === undefined ? result.once : undefined;
  res.status(result.status).json(once ? { ...(result.body as object), ...once } : result.body);
}

/** A malformed id cannot name any review: answer 404 like an unknown one. */
export function reviewIdOf(req: Request): string {
  return reviewId(req);
}

function reviewId(req: Request): string {
  const id = String(req.params.id ?? '');
  return ID.test(id) ? id : '00000000-0000-0000-0000-000000000000';
}

function encodeCursor(due: string | null, id: string): string {
  return Buffer.from(JSON.stringify([due, id])).toString('base64url');
}

/** A cursor holds exactly what `encodeCursor` put there: a calendar date (or null) and a review id; anything else is forged or damaged. */
function decodeCursor(cursor: string): { due: string | null; id: string } {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2) {
      const [due, id] = decoded as unknown[];
      const dueOk = due === null || (typeof due === 'string' && isIsoDate(due));
      if (dueOk && typeof id === 'string' && ID.test(id)) return { due: due as string | null, id };
    }
  } catch {}
  throw new InvalidInputError([{ field: 'cursor', message: 'is not a cursor this service gave out; start again without it' }]);
}
