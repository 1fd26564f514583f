import type { z } from 'zod';
import type { LetterFiles } from '../../letters/deliverMailing';
import type { LetterMailer } from '../../letters/mailer';
import type { Logger } from '../../log/logger';
import type { Db, Queryable } from '../../store/db';
import { ForbiddenError, InvalidInputError } from '../../store/errors';
import { requestHash, runWrite, type WriteResult } from '../../store/idempotency';
import type { Principal } from '../../store/principal';
import { parseWith } from '../schemas';

/** What the after-the-decision tasks need: the store, Graph mail, the review's SharePoint folder, the day. */
export interface AfterDecisionDeps {
  db: Db;
  mailer: LetterMailer | undefined;
  files?: LetterFiles | undefined;
  /** Today in Europe/London. */
  today: () => string;
  logger?: Logger | undefined;
}

/** One call of a task, as any face (HTTP route, card, CLI) hands it over. */
export interface ReviewCall {
  principal: Principal;
  reviewId: string;
  body: unknown;
  /** The Idempotency-Key: the same key answers the first answer again and writes nothing. */
  idempotencyKey?: string | undefined;
  /** The review's ETag; a stale one is refused (412). */
  ifMatch?: string | undefined;
  /** The request's method and path, for the idempotency hash. */
  path: string;
}

/** The council roles that act on letters and amendments. */
export const OFFICERS = ['la-officer'] as const;

/**
 * The shape every after-the-decision task takes: the permission check, the input schema
 * (a 400 listing each field), then the write inside one transaction under the caller's
 * Idempotency-Key.
 */
export async function reviewWrite<S extends z.ZodType>(
  deps: AfterDecisionDeps,
  call: ReviewCall,
  schema: S,
  roles: readonly string[],
  write: (tx: Queryable, input: z.output<S>, today: string) => Promise<{ status: number; body: Record<string, unknown>; etag?: string }>,
): Promise<WriteResult> {
  if (!roles.includes(call.principal.role)) throw new ForbiddenError(`Only ${roles.join(' or ')} may do this; you are signed in as ${call.principal.role}.`);
  const parsed = parseWith(schema, call.body ?? {});
  if (!parsed.ok) throw new InvalidInputError(parsed.problems);
  const today = deps.today();
  return runWrite(deps.db, call.principal, call.idempotencyKey, requestHash('POST', call.path, call.body), async (tx) => {
    const { status, body, etag } = await write(tx, parsed.value, today);
    return { status, body: { reviewId: call.reviewId, ...body }, ...(etag ? { etag } : {}) };
  });
}
