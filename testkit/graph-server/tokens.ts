import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Claims the test identity server puts in the tokens it issues. */
export interface TestTokenClaims {
  aud: string;
  iss: string;
  tid: string;
  oid: string;
  appid?: string;
  /** Delegated permissions, space-separated (user tokens). */
  scp?: string;
  /** Application permissions (app-only tokens). */
  roles?: string[];
  idtyp: 'app' | 'user';
  upn?: string;
  iat: number;
  nbf: number;
  exp: number;
  /** Unique per token so two tokens never compare equal by accident. */
  uti: string;
}

/**
 * Signs and verifies the test servers' JWTs (HS256 with a per-run key). Real Entra ID signs
 * with RS256; the tests only need tokens that look like JWTs (so redaction is exercised on
 * the real shape) and that the Graph test server can check were issued by the identity one.
 */
export class TestTokenSigner {
  private readonly key = randomBytes(32);

  /** Issues a signed JWT for `claims` (missing times filled in from `lifetimeSeconds`). */
  sign(claims: Omit<TestTokenClaims, 'iat' | 'nbf' | 'exp' | 'uti'> & Partial<TestTokenClaims>, lifetimeSeconds = 3600): string {
    const now = Math.floor(Date.now() / 1000);
    const full: TestTokenClaims = {
      iat: now,
      nbf: now,
      exp: now + lifetimeSeconds,
      uti: randomBytes(9).toString('base64url'),
      ...claims,
    };
    const header = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'HS256', kid: 'test' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify(full)).toString('base64url');
    return `${header}.${payload}.${this.mac(`${header}.${payload}`)}`;
  }

  /** The token's claims if this signer issued it, else undefined (expiry is the caller's check). */
  verify(token: string): TestTokenClaims | undefined {
    const [header, payload, signature] = token.split('.');
    if (!header || !payload || !signature) return undefined;
    const expected = Buffer.from(this.mac(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TestTokenClaims;
    } catch {
      return undefined;
    }
  }

  private mac(input: string): string {
    return createHmac('sha256', this.key).update(input).digest('base64url');
  }
}
