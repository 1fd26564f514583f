import type { Principal } from '../store/principal';
import { CALLER_TTL_MS, CallerCache, callerKey } from './callerCache';

const principal: Principal = { orgId: 'north-council', orgKind: 'council', role: 'la-officer', userId: 'u', personId: 1, email: null, councilId: 'north-council' };
const bearer = (exp: number) => `Bearer h.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.s`;

describe('remembering signed-in callers', () => {
  it('remembers a caller for 30 seconds, then checks the token again', () => {
    let now = 1_000_000;
    const cache = new CallerCache(() => now);
    cache.set('k', principal, bearer(now / 1000 + 3600));
    now += CALLER_TTL_MS - 1;
    expect(cache.get('k')).toBe(principal);
    now += 1;
    expect(cache.get('k')).toBeUndefined();
  });

  it('never remembers a caller past their token’s expiry', () => {
    let now = 1_000_000;
    const cache = new CallerCache(() => now);
    cache.set('k', principal, bearer(now / 1000 + 5));
    now += 5000;
    expect(cache.get('k')).toBeUndefined();
    cache.set('expired', principal, bearer(now / 1000 - 1));
    expect(cache.get('expired')).toBeUndefined();
    cache.set('no-exp', principal, 'Bearer not-a-jwt');
    expect(cache.get('no-exp')).toBeUndefined();
  });
});

describe('the caller cache key', () => {
  it('is a SHA-256 digest that holds nothing of the token, and differs by organisation asked for', () => {
    const token = bearer(2_000_000_000);
    const key = callerKey(token, 'north-council');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).not.toContain(token.split('.')[1]);
    expect(callerKey(token, 'south-council')).not.toBe(key);
    expect(callerKey(token, 'north-council')).toBe(key);
  });
});
