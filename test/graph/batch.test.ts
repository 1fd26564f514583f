import { type BatchStep, MAX_BATCH_BYTES, packBatches, runBatch } from '../../bot/graph/batch';
import { createGraphClient } from '../../bot/graph/client';
import { GraphInputError } from '../../bot/graph/errors';
import { startGraphTestServer } from '../../testkit/graph-server/graphServer';
import { CASEWORKER, CLIENT_ID, recordingSleep, TENANT } from '../../testkit/graph-server/harness';

const get = (id: string, dependsOn?: string[]): BatchStep => ({ id, method: 'GET', url: `/users/x/events/${id}`, ...(dependsOn ? { dependsOn } : {}) });

describe('packBatches', () => {
  test('at most 20 requests per batch', () => {
    const steps = Array.from({ length: 45 }, (_, i) => get(`s${i}`));
    expect(packBatches(steps).map((b) => b.length)).toEqual([20, 20, 5]);
  });

  test('at most maxBytes of JSON per batch', () => {
    const big = (id: string): BatchStep => ({ id, method: 'POST', url: '/me/events/e/attachments', body: { contentBytes: 'A'.repeat(1_500_000) } });
    const batches = packBatches([big('a'), big('b'), big('c'), big('d')], 20, MAX_BATCH_BYTES);
    expect(batches.map((b) => b.map((s) => s.id))).toEqual([['a', 'b'], ['c', 'd']]);
  });

  test('steps joined by dependsOn travel together, in order', () => {
    const steps = [...Array.from({ length: 19 }, (_, i) => get(`s${i}`)), get('parent'), get('child', ['parent'])];
    const batches = packBatches(steps);
    expect(batches.map((b) => b.length)).toEqual([19, 2]);
    expect(batches[1]?.map((s) => s.id)).toEqual(['parent', 'child']);
  });

  test('refuses duplicate ids, dangling dependencies and steps too big for any batch', () => {
    expect(() => packBatches([get('a'), get('a')])).toThrow(GraphInputError);
    expect(() => packBatches([get('a', ['nope'])])).toThrow(/not an earlier step/);
    expect(() => packBatches([{ id: 'x', method: 'POST', url: '/me/x', body: 'A'.repeat(5_000_000) }])).toThrow(/too large/);
  });
});

describe('runBatch against the test Graph', () => {
  test('answers are matched by id (Graph may reorder them), failures are returned, throttled steps retried', async () => {
    const graph = await startGraphTestServer({ users: [CASEWORKER] });
    try {
      const token = graph.issueToken({ tenantId: TENANT, appId: CLIENT_ID, roles: ['Calendars.ReadWrite'] });
      const sleeps = recordingSleep();
      const gc = createGraphClient({ baseUrl: graph.baseUrl, tokens: async () => token, caller: { mode: 'app', tenantId: TENANT }, retry: { sleep: sleeps.sleep } });
      graph.faults.add({ target: 'batch-part', path: '/events', method: 'GET', action: { type: 'status', status: 503, retryAfterSeconds: 1 } });
      const results = await runBatch(gc, { name: 'test batch', permissions: {} }, [
        { id: 'list', method: 'GET', url: `/users/${CASEWORKER.id}/events` },
        { id: 'missing', method: 'GET', url: `/users/${CASEWORKER.id}/events/nope` },
        { id: 'nobody', method: 'GET', url: '/users/no-such-user/events' },
      ]);
      expect(results.get('list')?.status).toBe(200);
      expect(results.get('missing')?.status).toBe(404);
      expect(results.get('nobody')).toMatchObject({ status: 404, body: { error: { code: 'ErrorInvalidUser' } } });
      expect(graph.roundTrips()).toBe(2);
      expect(sleeps.delays).toHaveLength(1);
      expect(sleeps.delays[0]).toBeGreaterThanOrEqual(1000);
      // The outer $batch carried the bearer token; parts carry only their own headers.
      const [outer] = graph.requests;
      expect(outer?.headers.authorization).toMatch(/^Bearer /);
    } finally {
      await graph.close();
    }
  });
});
