import type { NextFunction, Request, Response } from 'express';
import type { TokenVerifier } from '../auth';
import type { LetterMailer } from '../letters/mailer';
import type { Logger } from '../log/logger';
import type { Db } from '../store/db';
import { ForbiddenError, InvalidInputError } from '../store/errors';
import type { Principal } from '../store/principal';
import { resolvePrincipal } from '../store/resolvePrincipal';
import { type CallerCache, callerKey } from './callerCache';
import { type Endpoint, forbiddenMessage, permissions } from '../app/permissions';

/** What every route needs: the store, how to check tokens, and what day it is in London. */
export interface ApiContext {
  db: Db;
  callers: CallerCache;
  verifier: TokenVerifier;
  today: () => string;
  logger: Logger;
  /** Most rows one caseload import may hold (IMPORT_MAX_ROWS). */
  importMaxRows?: number;
  /** Graph mail for decision letters; absent when the service has no Graph settings. */
  mailer?: LetterMailer | undefined;
}

const signedIn = new WeakMap<Request, Principal>();

/** Who sent the request: the bearer token checked (or remembered) and matched to a registered person; 401 or 403 otherwise. */
export async function authenticate(ctx: ApiContext, req: Request): Promise<Principal> {
  const known = signedIn.get(req);
  if (known) return known;
  const authorization = req.get('authorization');
  const preferredOrg = req.get('x-ehcp-org') || undefined;
  const key = authorization ? callerKey(authorization, preferredOrg) : undefined;
  let principal = key ? ctx.callers.get(key) : undefined;
  if (!principal) {
    const identity = await ctx.verifier.verify(authorization);
    principal = await resolvePrincipal(ctx.db, identity, preferredOrg);
    if (key) ctx.callers.set(key, principal, authorization as string);
  }
  signedIn.set(req, principal);
  return principal;
}

/** Authenticates the request and checks the role may call `endpoint`; 401 or 403 otherwise. */
export async function authorise(ctx: ApiContext, req: Request, endpoint: Endpoint): Promise<Principal> {
  const principal = await authenticate(ctx, req);
  if (!(permissions[endpoint] as readonly string[]).includes(principal.role)) throw new ForbiddenError(forbiddenMessage(endpoint, principal.role));
  return principal;
}

/**
 * Paths under /api that carry their own kind of token and check it themselves (the Teams
 * bot's Bot Framework tokens at /api/messages), so the sign-in below leaves them alone.
 */
export const ownSignInPaths: readonly string[] = ['/api/messages'];

/**
 * Middleware mounted on /api before any body parser: the caller is signed in before a
 * byte of the body is read, so an unauthenticated client cannot make the service hold
 * an upload. A refused request with a body closes its connection instead of reading
 * (and discarding) the rest.
 */
export function signInFirst(ctx: ApiContext) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (ownSignInPaths.includes(req.originalUrl.split('?')[0] ?? '')) return next();
    try {
      await authenticate(ctx, req);
      next();
    } catch (error) {
      if (req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined) res.set('Connection', 'close');
      next(error);
    }
  };
}

const KEY = /^[\x21-\x7e]{1,200}$/;

/** The Idempotency-Key header, checked: printable ASCII, at most 200 characters. */
export function idempotencyKey(req: Request): string | undefined {
  const key = req.get('idempotency-key');
  if (key === undefined) return undefined;
  if (!KEY.test(key)) throw new InvalidInputError([{ field: 'Idempotency-Key', message: 'must be 1-200 printable characters without spaces (a UUID is ideal)' }]);
  return key;
}
