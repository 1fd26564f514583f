import type { z } from 'zod';
import type { LetterFiles } from '../letters/deliverMailing';
import type { LetterMailer } from '../letters/mailer';
import type { Logger } from '../log/logger';
import type { Db, Queryable } from '../store/db';
import { ForbiddenError, InvalidInputError } from '../store/errors';
import { requestHash, runWrite, type WriteResult } from '../store/idempotency';
import type { Principal } from '../store/principal';
import { type Endpoint, forbiddenMessage, permissions } from './permissions';
import { parseWith } from './schemas';

/**
 * What every task needs from the service, given as one argument (like bot/graph/retry.ts):
 * the store, the day in London, the log, and what is set up of the outside (Graph mail,
 * the public address). The API's context and the bot's dependencies both satisfy it.
 */
export interface AppDeps {
  db: Db;
  /** Today in Europe/London (the service's clock; fixed in tests). */
  today: () => string;
  logger: Logger;
  /** Graph mail for decision letters; absent when the service has no Graph settings. */
  mailer?: LetterMailer | undefined;
  /** The service's public origin, for one-time links; absent: no links are issued. */
  publicUrl?: (() => string) | undefined;
  /** Most rows one caseload import may hold (IMPORT_MAX_ROWS). */
  importMaxRows?: number | undefined;
  /** Where copies of the letters sent are kept (the council's library); absent: none are kept. */
  letterFiles?: LetterFiles | undefined;
}

/** One request to a task about one review, from any face: who asks, what they sent, and the write's guards. */
export interface ReviewCall {
  /** The signed-in caller (the API's bearer token, the Teams activity's sender), never anyone the input names. */
  principal: Principal;
  reviewId: string;
  /** The input as the face received it; the task parses it with its schema. */
  input: unknown;
  /** Makes the write safe to repeat: a repeat answers the first result and writes nothing. */
  idempotencyKey?: string | undefined;
  /** The review's ETag the caller last saw; a stale one is refused (412). */
  ifMatch?: string | undefined;
}

/** A write's answer, plus what belongs to the first answer only (never kept for replay: one-time link URLs, the letter just sent). */
export interface TaskResult extends WriteResult {
  once?: Record<string, unknown> | undefined;
}

/** Whether `role` may do the task behind `endpoint` (the permission table; organisation scoping is in the store). */
export function mayDo(endpoint: Endpoint, role: Principal['role']): boolean {
  return (permissions[endpoint] as readonly string[]).includes(role);
}

/** Refuses (403, saying who may) a caller whose role may not do the task. */
export function permit(principal: Principal, endpoint: Endpoint): void {
  if (!mayDo(endpoint, principal.role)) throw new ForbiddenError(forbiddenMessage(endpoint, principal.role));
}

/** The input parsed with the task's schema, or a 400 listing every `{field, message}`. */
export function parsed<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = parseWith(schema, input);
  if (!result.ok) throw new InvalidInputError(result.problems);
  return result.value;
}

/** What a task's store call answers: the body (the review id is added), and optionally its ETag, status and first-answer-only part. */
export interface WriteAnswer {
  body: Record<string, unknown>;
  etag?: string | undefined;
  /** When the task answers more than one status (a nudge queued, 201, or not, 200). */
  status?: number | undefined;
  once?: Record<string, unknown> | undefined;
}

/**
 * The shape of every review write: permission, schema, then the store call inside one
 * idempotent transaction (`runWrite`) keyed on the endpoint's path and the input as sent,
 * so the same key with the same input from either face replays, and with other input is
 * refused (422).
 */
export async function reviewWrite<T extends z.ZodType>(
  deps: AppDeps,
  call: ReviewCall,
  task: { endpoint: Endpoint; schema: T; status: number },
  write: (tx: Queryable, input: z.output<T>, today: string) => Promise<WriteAnswer>,
): Promise<TaskResult> {
  permit(call.principal, task.endpoint);
  const input = parsed(task.schema, call.input);
  const path = task.endpoint.replace(/^POST /, '').replace('{id}', call.reviewId);
  let once: Record<string, unknown> | undefined;
  const result = await runWrite(deps.db, call.principal, call.idempotencyKey, requestHash('POST', path, call.input ?? null), async (tx) => {
    const answer = await write(tx, input, deps.today());
    once = answer.once;
    return { status: answer.status ?? task.status, body: { reviewId: call.reviewId, ...answer.body }, etag: answer.etag };
  });
  return result.replayed ? result : { ...result, once };
}
