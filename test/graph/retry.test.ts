import { createGraphClient, type GraphClient } from '../../bot/graph/client';
import { GraphCallError } from '../../bot/graph/errors';
import { IdempotentRequest } from '../../bot/graph/middleware';
import { isRetryable, parseRetryAfter, RetryBudget, retryDelayMs, retryPolicy } from '../../bot/graph/retry';
import { type GraphTestServer, startGraphTestServer } from '../../testkit/graph-server/graphServer';
import { CASEWORKER, CLIENT_ID, recordingSleep, TENANT } from '../../testkit/graph-server/harness';

describe('retry policy (pure)', () => {
  test('Retry-After is read as seconds or as an HTTP date', () => {
    const now = Date.parse('2027-03-10T10:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Wed, 10 Mar 2027 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  test('waits at least Retry-After, plus at most 10% (capped at 1 s) of jitter', () => {
    const low = retryPolicy({ random: () => 0 });
    const high = retryPolicy({ random: () => 0.999 });
    expect(retryDelayMs({ kind: 'status', status: 429, retryAfter: '5' }, 1, low)).toBe(5000);
    expect(retryDelayMs({ kind: 'status', status: 429, retryAfter: '5' }, 1, high)).toBe(5499);
    expect(retryDelayMs({ kind: 'status', status: 429, retryAfter: '30' }, 1, high)).toBe(30_999);
  });

  test('without Retry-After: full jitter over an exponential step, capped', () => {
    const p = retryPolicy({ random: () => 0.999, baseDelayMs: 500, maxDelayMs: 4000 });
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs({ kind: 'network' }, n, p))).toEqual([499, 999, 1998, 3996, 3996]);
  });

  test('a Retry-After beyond the longest wait is not waited out', () => {
    expect(retryDelayMs({ kind: 'status', status: 429, retryAfter: '600' }, 1, retryPolicy({ maxRetryAfterSeconds: 60 }))).toBeUndefined();
  });

  test('429/503 may be retried for any method; 504 and lost connections only when idempotent; streams never', () => {
    const post = { idempotent: false, replayable: true };
    const get = { idempotent: true, replayable: true };
    expect(isRetryable({ kind: 'status', status: 429 }, post)).toBe(true);
    expect(isRetryable({ kind: 'status', status: 503 }, post)).toBe(true);
    expect(isRetryable({ kind: 'status', status: 504 }, post)).toBe(false);
    expect(isRetryable({ kind: 'network' }, post)).toBe(false);
    expect(isRetryable({ kind: 'timeout' }, post)).toBe(false);
    expect(isRetryable({ kind: 'status', status: 504 }, get)).toBe(true);
    expect(isRetryable({ kind: 'network' }, get)).toBe(true);
    expect(isRetryable({ kind: 'status', status: 500 }, get)).toBe(false);
    expect(isRetryable({ kind: 'status', status: 429 }, { idempotent: true, replayable: false })).toBe(false);
  });

  test('the budget grants its capacity, then one retry per 1/refill new requests', () => {
    const budget = new RetryBudget({ capacity: 3, refillPerRequest: 0.5 });
    expect([budget.tryRetry(), budget.tryRetry(), budget.tryRetry(), budget.tryRetry()]).toEqual([true, true, true, false]);
    budget.recordRequest();
    expect(budget.tryRetry()).toBe(false);
    budget.recordRequest();
    expect(budget.tryRetry()).toBe(true);
    expect(budget.spent).toBe(4);
    expect(budget.refused).toBe(2);
  });
});

describe('against the test Graph', () => {
  let graph: GraphTestServer;
  let token: string;
  beforeAll(async () => {
    graph = await startGraphTestServer({ users: [CASEWORKER] });
    token = graph.issueToken({ tenantId: TENANT, appId: CLIENT_ID, roles: ['Calendars.ReadWrite'] });
  });
  afterAll(() => graph.close());
  beforeEach(() => {
    graph.requests.length = 0;
    graph.faults.clear();
  });

  const client = (retry: Parameters<typeof createGraphClient>[0]['retry'] = {}, timeoutMs?: number): GraphClient =>
    createGraphClient({ baseUrl: graph.baseUrl, tokens: async () => token, caller: { mode: 'app', tenantId: TENANT }, retry, ...(timeoutMs ? { timeoutMs } : {}) });
  const listEvents = (gc: GraphClient) => gc.call({ name: 'list events', permissions: {} }, (sdk) => sdk.api(`/users/${CASEWORKER.id}/events`).get());
  const postEvent = (gc: GraphClient, idempotent = false) =>
    gc.call({ name: 'create an event', permissions: {} }, (sdk) => {
      const r = sdk.api(`/users/${CASEWORKER.id}/events`);
      if (idempotent) r.middlewareOptions([new IdempotentRequest()]);
      return r.post({ subject: 'x', start: { dateTime: '2027-03-10T10:00', timeZone: 'Europe/London' }, end: { dateTime: '2027-03-10T11:00', timeZone: 'Europe/London' } });
    });

  test('a 429 storm: every Retry-After is honoured, no request exceeds maxRetries, and total retries stay within the budget', async () => {
    const sleeps = recordingSleep();
    const budget = new RetryBudget({ capacity: 10, refillPerRequest: 0.2 });
    const gc = client({ sleep: sleeps.sleep, budget, maxRetries: 3 });
    graph.faults.add({ target: 'graph', times: Number.POSITIVE_INFINITY, action: { type: 'status', status: 429, retryAfterSeconds: 2 } });
    const calls = 30;
    const results = await Promise.allSettled(Array.from({ length: calls }, () => listEvents(gc)));
    const errors = results.map((r) => (r.status === 'rejected' ? (r.reason as GraphCallError) : undefined));
    expect(errors.every((e) => e instanceof GraphCallError && e.code === 'graph-throttled' && e.details.retryAfterSeconds === 2)).toBe(true);
    // Budget: capacity 10 plus 0.2 per request.
    expect(budget.spent).toBeLessThanOrEqual(10 + calls * 0.2);
    expect(graph.requests.length).toBe(calls + budget.spent);
    for (const ms of sleeps.delays) {
      expect(ms).toBeGreaterThanOrEqual(2000);
      expect(ms).toBeLessThanOrEqual(2200);
    }
    // No single request was tried more than 1 + maxRetries times.
    const attempts = graph.requests.map((r) => Number(r.headers['retry-attempt'] ?? 0));
    expect(Math.max(...attempts)).toBeLessThanOrEqual(3);
  });

  test('a short 503 burst is ridden out and the call succeeds', async () => {
    const sleeps = recordingSleep();
    graph.faults.add({ target: 'graph', times: 2, action: { type: 'status', status: 503, retryAfterSeconds: 1 } });
    await expect(listEvents(client({ sleep: sleeps.sleep }))).resolves.toMatchObject({ value: expect.any(Array) });
    expect(graph.requests.map((r) => r.status)).toEqual([503, 503, 200]);
    expect(graph.requests.map((r) => r.headers['retry-attempt'])).toEqual([undefined, '1', '2']);
  });

  test('Retry-After is really waited: the retry arrives no sooner than it says', async () => {
    graph.faults.add({ target: 'graph', action: { type: 'status', status: 429, retryAfterSeconds: 1 } });
    await listEvents(client());
    const [first, second] = graph.requests;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(1000);
  });

  test('a POST refused with 429 is resent (Graph did not act on it)', async () => {
    const sleeps = recordingSleep();
    graph.faults.add({ target: 'graph', method: 'POST', action: { type: 'status', status: 429, retryAfterSeconds: 1 } });
    await postEvent(client({ sleep: sleeps.sleep }));
    expect(graph.requests.map((r) => r.status)).toEqual([429, 201]);
  });

  test('a POST whose connection drops is never resent: outcome unknown', async () => {
    const before = graph.state.eventsOf(CASEWORKER.id).size;
    graph.faults.add({ target: 'graph', method: 'POST', action: { type: 'drop', afterCommit: true } });
    const error = (await postEvent(client({ sleep: async () => {} })).catch((e: unknown) => e)) as GraphCallError;
    expect(error).toBeInstanceOf(GraphCallError);
    expect(error.code).toBe('graph-outcome-unknown');
    expect(error.message).toMatch(/may or may not have happened/);
    expect(graph.requests).toHaveLength(1);
    // Graph did act: exactly one event was created, and the client did not create another.
    expect(graph.state.eventsOf(CASEWORKER.id).size).toBe(before + 1);
  });

  test('a POST that times out is never resent either', async () => {
    graph.faults.add({ target: 'graph', method: 'POST', action: { type: 'delay', ms: 400 } });
    const error = (await postEvent(client({ sleep: async () => {} }, 100)).catch((e: unknown) => e)) as GraphCallError;
    expect(error.code).toBe('graph-outcome-unknown');
    expect(graph.requests).toHaveLength(1);
  });

  test('a POST the caller marks idempotent is resent after a dropped connection', async () => {
    graph.faults.add({ target: 'graph', method: 'POST', action: { type: 'drop' } });
    await postEvent(client({ sleep: async () => {} }), true);
    expect(graph.requests.map((r) => r.status)).toEqual(['dropped', 201]);
  });

  test('a GET whose connection drops, or that times out, is retried', async () => {
    graph.faults.add({ target: 'graph', action: { type: 'drop' } });
    graph.faults.add({ target: 'graph', action: { type: 'delay', ms: 400 } });
    await expect(listEvents(client({ sleep: async () => {} }, 150))).resolves.toMatchObject({ value: expect.any(Array) });
    expect(graph.requests.length).toBeGreaterThanOrEqual(3);
  });

  test('a GET that keeps failing surfaces as graph-unavailable after maxRetries', async () => {
    graph.faults.add({ target: 'graph', times: 10, action: { type: 'drop' } });
    const error = (await listEvents(client({ sleep: async () => {}, maxRetries: 2 })).catch((e: unknown) => e)) as GraphCallError;
    expect(error.code).toBe('graph-unavailable');
    expect(graph.requests).toHaveLength(3);
  });

  test('a Retry-After longer than we wait in-process is handed back to the caller to reschedule', async () => {
    graph.faults.add({ target: 'graph', action: { type: 'status', status: 429, retryAfterSeconds: 600 } });
    const error = (await listEvents(client({ maxRetryAfterSeconds: 60 })).catch((e: unknown) => e)) as GraphCallError;
    expect(error.code).toBe('graph-throttled');
    expect(error.details.retryAfterSeconds).toBe(600);
    expect(error.retryable).toBe(true);
    expect(graph.requests).toHaveLength(1);
  });
});
