/**
 * PostgreSQL error classes and Node socket errors that mean the store could not be
 * reached (or went away mid-request): the request may work in a moment, so the API answers
 * 503 with Retry-After instead of a bare 500. Class 08 is "connection exception"; 57P01-03
 * the server shutting down or starting; 53300 too many connections.
 */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P02', '57P03', '53300']);
const LOST = /connection terminated|connection (?:is )?(?:closed|ended)|client has encountered a connection error|cannot use a pool after calling end|pglite is closed|database is closed|timeout exceeded when trying to connect/i;

/** True when `error` says the store is out of reach rather than that the request was wrong. */
export function isStoreUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' && LOST.test(message);
}
