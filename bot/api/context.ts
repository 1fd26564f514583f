import type { Request } from 'express';
import type { TokenVerifier } from '../auth';
import type { LetterMailer } from '../letters/mailer';
import type { Logger } from '../log/logger';
import type { Db } from '../store/db';
import { ForbiddenError, InvalidInputError } from '../store/errors';
import type { Principal } from '../store/principal';
import { resolvePrincipal } from '../store/resolvePrincipal';
import type { CallerCache } from './callerCache';
import { type Endpoint, forbiddenMessage, permissions } from './permissions';

/** What every route needs: the store, how to check tokens, and what day it is in London. */
export interface ApiContext {
  db: Db;
  callers: CallerCache;
  verifier: TokenVerifier;
  today: () => string;
  logger: Logger;
  /** Graph mail for decision letters; absent when the service has no Graph settings. */
  mailer?: LetterMailer | undefined;
}

/** Authenticates the request and checks the role may call `endpoint`; 401 or 403 otherwise. */
export async function authorise(ctx: ApiContext, req: Request, endpoint: Endpoint): Promise<Principal> {
  const authorization = req.get('authorization');
  const preferredOrg = req.get('x-ehcp-org') || undefined;
  const key = `${preferredOrg ?? ''} ${authorization}`;
  let principal = authorization ? ctx.callers.get(key) : undefined;
  if (!principal) {
    const identity = await ctx.verifier.verify(authorization);
    principal = await resolvePrincipal(ctx.db, identity, preferredOrg);
    ctx.callers.set(key, principal, authorization as string);
  }
  if (!(permissions[endpoint] as readonly string[]).includes(principal.role)) throw new ForbiddenError(forbiddenMessage(endpoint, principal.role));
  return principal;
}

const KEY = /^[\x21-\x7e]{1,200}$/;

/** The Idempotency-Key header, checked: printable ASCII, at most 200 characters. */
export function idempotencyKey(req: Request): string | undefined {
  const key = req.get('idempotency-key');
  if (key === undefined) return undefined;
  if (!KEY.test(key)) throw new InvalidInputError([{ field: 'Idempotency-Key', message: 'must be 1-200 printable characters without spaces (a UUID is ideal)' }]);
  return key;
}
