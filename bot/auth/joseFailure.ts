import { type AuthErrorCode, AuthenticationError } from './errors';

/** The ways jose refuses a token that the verifiers word differently for their callers. */
export type JoseFailureKind = 'expired' | 'not-yet-valid' | 'bad-signature' | 'unknown-key' | 'algorithm' | 'issuer' | 'audience' | 'malformed' | 'missing-claim';

const codeFor: Record<JoseFailureKind, AuthErrorCode> = {
  expired: 'token-expired',
  'not-yet-valid': 'token-not-yet-valid',
  'bad-signature': 'bad-signature',
  'unknown-key': 'unknown-signing-key',
  algorithm: 'unsupported-algorithm',
  issuer: 'wrong-issuer',
  audience: 'wrong-audience',
  malformed: 'malformed-token',
  'missing-claim': 'missing-claim',
};

/**
 * What kind of refusal a jose error is, or undefined when it is not a refusal of the token
 * (a bug or an outage, which the caller must not turn into a 401).
 *
 * Matches on jose's stable `code` strings rather than `instanceof`, so it holds even when
 * jose is loaded twice (ESM and a transpiled CommonJS copy under jest).
 */
export function joseFailureKind(error: unknown): JoseFailureKind | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, claim, reason } = error as { code?: unknown; claim?: unknown; reason?: unknown };
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (reason === 'missing') return 'missing-claim';
      if (reason === 'invalid') return 'malformed';
      if (claim === 'nbf' || claim === 'iat') return 'not-yet-valid';
      if (claim === 'iss') return 'issuer';
      if (claim === 'aud') return 'audience';
      return 'malformed';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'bad-signature';
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return 'unknown-key';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'algorithm';
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return 'malformed';
    default:
      return undefined;
  }
}

/**
 * Turns a jose refusal into an {@link AuthenticationError} worded by `messages`; anything
 * else is returned unchanged for the caller to rethrow.
 */
export function authFailureFromJose(error: unknown, messages: Record<JoseFailureKind, string>): unknown {
  const kind = joseFailureKind(error);
  return kind === undefined ? error : new AuthenticationError(codeFor[kind], messages[kind]);
}
