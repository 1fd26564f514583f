import type { NextFunction, Request, Response } from 'express';
import { AuthenticationError, AuthUnavailableError } from '../auth';
import { GraphCallError, GraphInputError } from '../graph/errors';
import { IdentityError } from '../identity/errors';
import type { Logger } from '../log/logger';
import { InvalidInputError, ProposalBlockedError, ServiceError, StoreUnavailableError } from '../store/errors';
import { isStoreUnavailable } from '../store/unavailable';
import { forLog } from './inputFaults';
import { authErrors, type CatalogueEntry, graphErrors, identityErrors, serviceErrors } from './errorCatalogue';

function answer(res: Response, entry: CatalogueEntry, body: Record<string, unknown>, retryAfter = entry.retryAfterSeconds): void {
  if (retryAfter !== undefined) res.set('Retry-After', String(Math.ceil(retryAfter)));
  res.status(entry.status).json(body);
}

/**
 * Turns any error into a JSON answer a person can act on: `{ error, message }` plus
 * `problems` (400) or `findings` (422), with the status from the error catalogue
 * (`errorCatalogue.ts`). Unexpected errors are logged and answered 500 without internals.
 */
export function errorHandler(logger: Logger) {
  return (caught: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return;
    const error = isStoreUnavailable(caught) ? new StoreUnavailableError() : caught;
    if (error !== caught) logger.warn('store unavailable', { method: req.method, path: forLog(req.path), error: forLog(String((caught as Error).message)) });
    if (error instanceof AuthenticationError) {
      res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: error.code, message: error.message });
      return;
    }
    if (error instanceof AuthUnavailableError) {
      answer(res, authErrors[error.code], { error: error.code, message: error.message });
      return;
    }
    if (error instanceof ServiceError) {
      const extra =
        error instanceof InvalidInputError
          ? { problems: error.problems }
          : error instanceof ProposalBlockedError
            ? { findings: error.findings }
            : ((error as { details?: Record<string, unknown> }).details ?? {});
      answer(res, serviceErrors[error.code] ?? { status: error.status }, { error: error.code, message: error.message, ...extra });
      return;
    }
    if (error instanceof IdentityError) {
      const { adminConsentUrl, claims, correlationId } = error.details;
      if (error.code === 'interaction-required' && claims) res.set('WWW-Authenticate', `Bearer error="insufficient_claims", claims="${Buffer.from(claims).toString('base64')}"`);
      if (error.needsAdministrator || error.code === 'token-failed') logger.warn('identity failure', { method: req.method, path: req.path, code: error.code, correlationId: correlationId ?? null });
      answer(res, identityErrors[error.code], { error: error.code, message: error.message, ...(adminConsentUrl ? { adminConsentUrl } : {}), ...(claims ? { claims } : {}) });
      return;
    }
    if (error instanceof GraphCallError) {
      if (graphErrors[error.code].status >= 500) logger.warn('graph failure', { method: req.method, path: req.path, code: error.code, requestId: error.details.requestId ?? null });
      answer(res, graphErrors[error.code], { error: error.code, message: error.message }, error.details.retryAfterSeconds ?? graphErrors[error.code].retryAfterSeconds);
      return;
    }
    if (error instanceof GraphInputError) {
      answer(res, graphErrors['invalid-input'], { error: error.code, message: error.message, problems: [{ field: error.field, message: error.message }] });
      return;
    }
    const status = (error as { status?: number; type?: string }).status;
    if (status === 400 && (error as { type?: string }).type === 'entity.parse.failed') {
      res.status(400).json({ error: 'invalid-json', message: 'The body is not valid JSON; send a JSON object with Content-Type: application/json.', problems: [{ field: 'body', message: 'is not valid JSON' }] });
      return;
    }
    if (status === 413) {
      const caseload = req.path === '/api/caseload/import';
      res.status(413).json({ error: 'too-large', message: caseload ? 'The file is too large (over 64 MB); split the caseload into smaller files.' : 'The body is too large (over 1 MB); send less in one request.' });
      return;
    }
    logger.error('request failed', { method: req.method, path: forLog(req.path), error: forLog(String((error as Error)?.message ?? error)) });
    res.status(500).json({ error: 'internal', message: 'Something went wrong on our side and nothing was saved; try again, and tell your administrator if it keeps happening.' });
  };
}
