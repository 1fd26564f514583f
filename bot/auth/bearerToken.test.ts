import { bearerTokenFrom } from './bearerToken';
import { AuthenticationError } from './errors';

const hint = 'get a token.';

function refusedWith(header: string | undefined): AuthenticationError {
  try {
    bearerTokenFrom(header, hint);
  } catch (e) {
    if (e instanceof AuthenticationError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('bearerTokenFrom', () => {
  it('takes the token after "Bearer "', () => {
    expect(bearerTokenFrom('Bearer aaa.bbb.ccc', hint)).toBe('aaa.bbb.ccc');
  });

  it('accepts the scheme in any letter case and extra spaces around it, as RFC 7235 allows', () => {
    expect(bearerTokenFrom('  BEARER   aaa.bbb.ccc ', hint)).toBe('aaa.bbb.ccc');
  });

  it('finishes the missing-header message with how to get a token', () => {
    expect(refusedWith(undefined).message).toBe('Send an Authorization: Bearer <token> header; get a token.');
  });

  it('names a plain other scheme, but does not echo a hostile one', () => {
    expect(refusedWith('Negotiate YIIG').message).toContain('the "Negotiate" scheme');
    const hostile = refusedWith('<script>alert(1)</script> x');
    expect(hostile.code).toBe('not-bearer');
    expect(hostile.message).not.toContain('script');
  });

  it('refuses text after the token', () => {
    expect(refusedWith('Bearer aaa.bbb.ccc extra').code).toBe('malformed-token');
  });
});
