import type { NextFunction, Request, Response } from 'express';
import { AuthenticationError, AuthUnavailableError } from '../auth';
import type { Logger } from '../log/logger';
import { InvalidInputError, ProposalBlockedError, ServiceError } from '../store/errors';

/**
 * Turns any error into a JSON answer a person can act on: `{ error, message }` plus
 * `problems` (400) or `findings` (422). Unexpected errors are logged and answered 500
 * without internals.
 */
export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return;
    if (error instanceof AuthenticationError) {
      res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: error.code, message: error.message });
      return;
    }
    if (error instanceof AuthUnavailableError) {
      res.status(503).set('Retry-After', '5').json({ error: error.code, message: error.message });
      return;
    }
    if (error instanceof ServiceError) {
      const extra =
        error instanceof InvalidInputError
          ? { problems: error.problems }
          : error instanceof ProposalBlockedError
            ? { findings: error.findings }
            : ((error as { details?: Record<string, unknown> }).details ?? {});
      res.status(error.status).json({ error: error.code, message: error.message, ...extra });
      return;
    }
    const status = (error as { status?: number; type?: string }).status;
    if (status === 400 && (error as { type?: string }).type === 'entity.parse.failed') {
      res.status(400).json({ error: 'invalid-json', message: 'The body is not valid JSON; send a JSON object with Content-Type: application/json.', problems: [{ field: 'body', message: 'is not valid JSON' }] });
      return;
    }
    if (status === 413) {
      res.status(413).json({ error: 'too-large', message: 'The body is too large; split the caseload into smaller files.' });
      return;
    }
    logger.error('request failed', { method: req.method, path: req.path, error: (error as Error).message });
    res.status(500).json({ error: 'internal', message: 'Something went wrong on our side and nothing was saved; try again, and tell your administrator if it keeps happening.' });
  };
}
