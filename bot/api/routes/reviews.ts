import { type Request, type Response, Router } from 'express';
import { isIsoDate } from '../../../shared';
import type { Queryable } from '../../store/db';
import { InvalidInputError } from '../../store/errors';
import { requestHash, runWrite, type WriteResult } from '../../store/idempotency';
import type { Principal } from '../../store/principal';
import { listReviews } from '../../store/reviews/listReviews';
import { recordAdvice } from '../../store/reviews/recordAdvice';
import { recordAmendment } from '../../store/reviews/recordAmendment';
import { recordDecision } from '../../store/reviews/recordDecision';
import { recordMeeting } from '../../store/reviews/recordMeeting';
import { recordReport } from '../../store/reviews/recordReport';
import { reviewDetail } from '../../store/reviews/reviewDetail';
import { type ApiContext, authorise, idempotencyKey } from '../context';
import type { Endpoint } from '../permissions';
import { adviceBody, amendmentBody, decisionBody, meetingBody, parseWith, reportBody, reviewListQuery } from '../schemas';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The review endpoints: list, detail, and the writes that move a review along. */
export function reviewRoutes(ctx: ApiContext & { publicUrl?: () => string }): Router {
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
    const { body, etag } = await reviewDetail(ctx.db, principal, reviewIdOf(req), ctx.today());
    res.set('ETag', etag).json(body);
  });

  const write = <T>(
    endpoint: Endpoint,
    path: string,
    schema: Parameters<typeof parseWith>[0],
    status: number,
    // `once`: part of the first answer only, never stored for replay (one-time link URLs).
    handler: (tx: Queryable, principal: Principal, id: string, input: T, today: string, ifMatch?: string) => Promise<{ etag: string; once?: Record<string, unknown> } & Record<string, unknown>>,
  ) => {
    router.post(path, async (req: Request, res: Response) => {
      const principal = await authorise(ctx, req, endpoint);
      const id = reviewIdOf(req);
      const key = idempotencyKey(req);
      const input = parseWith(schema, req.body);
      if (!input.ok) throw new InvalidInputError(input.problems);
      const ifMatch = req.get('if-match');
      let once: Record<string, unknown> | undefined;
      const result = await runWrite(ctx.db, principal, key, requestHash('POST', req.path, req.body), async (tx): Promise<WriteResult> => {
        const { etag, once: firstOnly, ...body } = await handler(tx, principal, id, input.value as T, ctx.today(), ifMatch);
        once = firstOnly;
        return { status, body: { reviewId: id, ...body }, etag };
      });
      // Only without an Idempotency-Key: a kept answer must replay byte for byte and must never hold a link's token.
      send(res, once && key === undefined ? { ...result, body: { ...(result.body as object), ...once } } : result);
    });
  };

  write('POST /api/reviews/{id}/meeting', '/api/reviews/:id/meeting', meetingBody, 201, async (tx, p, id, input, today, ifMatch) => {
    const publicUrl = ctx.publicUrl?.();
    const { findings, etag, adviceLinks } = await recordMeeting(tx, p, id, input as Parameters<typeof recordMeeting>[3], today, ifMatch, { publicUrl });
    // Each new advice and views request's link, when the answer is not kept for replay (no Idempotency-Key).
    return { etag, warnings: findings, once: publicUrl ? { adviceLinks } : undefined };
  });
  write('POST /api/reviews/{id}/advice', '/api/reviews/:id/advice', adviceBody, 201, (tx, p, id, input, today, ifMatch) =>
    recordAdvice(tx, p, id, input as Parameters<typeof recordAdvice>[3], today, ifMatch),
  );
  write('POST /api/reviews/{id}/report', '/api/reviews/:id/report', reportBody, 201, (tx, p, id, input, today, ifMatch) =>
    recordReport(tx, p, id, input as Parameters<typeof recordReport>[3], today, ifMatch),
  );
  write('POST /api/reviews/{id}/decision', '/api/reviews/:id/decision', decisionBody, 201, (tx, p, id, input, today, ifMatch) =>
    recordDecision(tx, p, id, input as Parameters<typeof recordDecision>[3], today, ifMatch),
  );
  write('POST /api/reviews/{id}/amendment', '/api/reviews/:id/amendment', amendmentBody, 200, (tx, p, id, input, today, ifMatch) =>
    recordAmendment(tx, p, id, input as Parameters<typeof recordAmendment>[3], today, ifMatch),
  );
  return router;
}

/** Sends a write's answer (a replay says so in a header, so clients can tell). */
export function send(res: Response, result: WriteResult): void {
  if (result.etag) res.set('ETag', result.etag);
  if (result.replayed) res.set('Idempotent-Replayed', 'true');
  res.status(result.status).json(result.body);
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
