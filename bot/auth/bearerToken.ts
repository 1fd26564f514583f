import { AuthenticationError } from './errors';

// RFC 6750 section 2.1 b64token: what may follow "Bearer ". JWTs use a subset of it.
const b64token = /^[A-Za-z0-9\-._~+/]+=*$/;
// A scheme name is an RFC 7235 token; only echo it back when it is a plain word, so a
// hostile header cannot put arbitrary text into our logs and responses.
const plainScheme = /^[A-Za-z][A-Za-z0-9-]{0,30}$/;

/**
 * The token from an `Authorization: Bearer <token>` header.
 *
 * `howToGetOne` finishes the "missing header" message with what this mode's caller should
 * do, e.g. the dev-token command line.
 *
 * @example bearerTokenFrom('Bearer eyJ...', hint) // 'eyJ...'
 */
export function bearerTokenFrom(header: string | undefined, howToGetOne: string): string {
  const trimmed = header?.trim() ?? '';
  if (trimmed === '') {
    throw new AuthenticationError('missing-token', `Send an Authorization: Bearer <token> header; ${howToGetOne}`);
  }
  const [scheme = '', ...rest] = trimmed.split(/\s+/);
  // The scheme is case-insensitive (RFC 7235 section 2.1); some clients send "bearer".
  if (scheme.toLowerCase() !== 'bearer') {
    const named = plainScheme.test(scheme) ? `the "${scheme}" scheme` : 'an unrecognised scheme';
    throw new AuthenticationError('not-bearer', `The Authorization header uses ${named}; send "Authorization: Bearer <token>" instead.`);
  }
  if (rest.length === 0) {
    throw new AuthenticationError('missing-token', `The Authorization header says Bearer but has no token after it; ${howToGetOne}`);
  }
  if (rest.length > 1) {
    throw new AuthenticationError('malformed-token', 'The Authorization header has extra text after the token; send exactly "Bearer <token>".');
  }
  const token = rest[0]!;
  if (!b64token.test(token)) {
    throw new AuthenticationError('malformed-token', 'The bearer token contains characters a token cannot have; send the token exactly as it was issued, without quotes.');
  }
  return token;
}
