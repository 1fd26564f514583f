import { decodeJwt, decodeProtectedHeader, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import { AuthenticationError } from './errors';

/** A JWT's header and claims, read before (and without) checking its signature. */
export interface UnverifiedJwt {
  header: ProtectedHeaderParameters;
  claims: JWTPayload;
}

/**
 * Decodes a JWT without verifying it, so a verifier can route it (which tenant, which key)
 * and explain a refusal precisely. Nothing read here is trusted until the signature is checked.
 *
 * @example readUnverifiedJwt(token).claims.tid // '72f988bf-…'
 */
export function readUnverifiedJwt(token: string, whatToSend: string): UnverifiedJwt {
  try {
    return { header: decodeProtectedHeader(token), claims: decodeJwt(token) };
  } catch {
    throw new AuthenticationError('malformed-token', `The bearer token is not a readable JWT (three base64url parts: header, claims, signature); ${whatToSend}`);
  }
}
