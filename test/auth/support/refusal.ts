import { AuthenticationError } from '../../../bot/auth';

/** The AuthenticationError a verification was refused with; fails the test if it resolved or threw anything else. */
export async function refusal(verification: Promise<unknown>): Promise<AuthenticationError> {
  let outcome: unknown;
  try {
    outcome = await verification;
  } catch (e) {
    if (e instanceof AuthenticationError) return e;
    throw new Error(`expected an AuthenticationError, got ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  }
  throw new Error(`expected the token to be refused, but it was accepted as ${JSON.stringify(outcome)}`);
}

/** `Authorization` header value for `token`. */
export function bearer(token: string): string {
  return `Bearer ${token}`;
}
