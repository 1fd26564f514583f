import { TokenCache } from './tokenCache';

test('keys ignore scope order and case, and separate tenants and subjects', () => {
  const a = TokenCache.key({ tenantId: 'T1', subject: 'app', scopes: ['B', 'a'] });
  expect(a).toBe(TokenCache.key({ tenantId: 't1', subject: 'app', scopes: ['a', 'b'] }));
  expect(a).not.toBe(TokenCache.key({ tenantId: 't2', subject: 'app', scopes: ['a', 'b'] }));
  expect(a).not.toBe(TokenCache.key({ tenantId: 't1', subject: 'user:1', scopes: ['a', 'b'] }));
});

test('a token is not served within the skew window before it expires', () => {
  let now = 1_000_000;
  const cache = new TokenCache({ now: () => now, skewMs: 300_000 });
  cache.set('k', { token: 't', expiresAt: now + 3_600_000 });
  expect(cache.get('k')?.token).toBe('t');
  now += 3_600_000 - 300_000;
  expect(cache.get('k')).toBeUndefined();
});

test('concurrent misses share one fetch; a failed fetch is not cached', async () => {
  const cache = new TokenCache();
  let calls = 0;
  const fetch = async () => {
    calls++;
    return { token: `t${calls}`, expiresAt: Date.now() + 3_600_000 };
  };
  const [x, y] = await Promise.all([cache.getOrFetch('k', fetch), cache.getOrFetch('k', fetch)]);
  expect([x.token, y.token, calls]).toEqual(['t1', 't1', 1]);
  await expect(cache.getOrFetch('bad', async () => Promise.reject(new Error('no')))).rejects.toThrow('no');
  await expect(cache.getOrFetch('bad', fetch)).resolves.toMatchObject({ token: 't2' });
});

test('the least recently used entry goes first when full; forgetTenant drops one tenant', () => {
  const cache = new TokenCache({ maxEntries: 2 });
  const later = Date.now() + 3_600_000;
  cache.set('t1|a|x', { token: '1', expiresAt: later });
  cache.set('t1|b|x', { token: '2', expiresAt: later });
  cache.get('t1|a|x');
  cache.set('t2|c|x', { token: '3', expiresAt: later });
  expect(cache.get('t1|b|x')).toBeUndefined();
  expect(cache.size).toBe(2);
  cache.forgetTenant('T1');
  expect(cache.get('t1|a|x')).toBeUndefined();
  expect(cache.get('t2|c|x')?.token).toBe('3');
});
