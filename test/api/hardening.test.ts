import type { AddressInfo } from 'node:net';
import { CallerCache } from '../../bot/api/callerCache';
import type { Logger } from '../../bot/log/logger';
import type { Db } from '../../bot/store/db';
import { createApp } from '../../bot/server/createApp';
import { storeKinds } from '../../testkit/stores';
import { CSV_HEADER, registerPeople } from '../support/fixtures';
import { startTestService, type TestService } from '../../testkit/service';

describe.each(storeKinds)('the API’s limits on %s', (kind) => {
  let svc: TestService;
  let officer: string;
  let senco: string;
  beforeAll(async () => {
    svc = await startTestService(kind, async (db) => void (await registerPeople(db)), { IMPORT_MAX_ROWS: '3' });
    officer = await svc.token('la-officer', 'north-council', 'officer');
    senco = await svc.token('senco', 'north-school', 'senco');
  }, 60_000);
  afterAll(() => svc.stop());

  const rows = (n: number) => Array.from({ length: n }, (_, i) => `L-${i},Child ${i},north-school,2026-01-10,,,,,,`);
  const upload = (token: string | undefined, n: number) =>
    svc.call('POST', '/api/caseload/import', { ...(token ? { token } : {}), headers: { 'content-type': 'text/csv' }, body: `${CSV_HEADER}\n${rows(n).join('\n')}\n` });

  it('takes an import up to IMPORT_MAX_ROWS rows', async () => {
    expect(await upload(officer, 3)).toMatchObject({ status: 200, body: { created: 3 } });
  });

  it('answers 413 beyond IMPORT_MAX_ROWS, naming the limit, and stores nothing', async () => {
    const res = await upload(officer, 4);
    expect(res).toMatchObject({ status: 413, body: { error: 'too-many-rows' } });
    expect((res.body as { message: string }).message).toContain('more than 3 rows');
    const listed = (await svc.call('GET', '/api/reviews?limit=100', { token: officer })).body as { items: unknown[] };
    expect(listed.items).toHaveLength(3);
  });

  it('refuses an import from a role that may not import before reading its body (403), and a caller without a token (401)', async () => {
    expect(await upload(senco, 1)).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect(await upload(undefined, 1)).toMatchObject({ status: 401, body: { error: 'missing-token' } });
    const json = await svc.call('POST', '/api/reviews/R-1/meeting', { body: { meetingDate: '2026-12-01' } });
    expect(json).toMatchObject({ status: 401, body: { error: 'missing-token' } });
  });
});

describe('/readyz', () => {
  it('says only "not-ready" when the store fails, and logs why', async () => {
    const logged: { msg: string; fields?: Record<string, unknown> }[] = [];
    const logger: Logger = { info() {}, warn: (msg, fields) => void logged.push({ msg, ...(fields ? { fields } : {}) }), error() {} };
    // The store as seen from /readyz when its server has gone: every query fails.
    const failing: Db = {
      kind: 'postgres',
      query: async () => {
        throw new Error('connect ECONNREFUSED 10.0.0.5:5432 (user ehcp_admin)');
      },
      exec: async () => {},
      transaction: async () => {
        throw new Error('unreachable');
      },
      close: async () => {},
    };
    const app = createApp({ db: failing, callers: new CallerCache(), verifier: { verify: async () => { throw new Error('unused'); } }, today: () => '2026-11-24', logger, publicUrl: () => '', ready: () => true, logRequests: false });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.text()).toBe('{"status":"not-ready"}');
      expect(logged).toEqual([{ msg: 'not ready: the store does not answer', fields: { error: 'connect ECONNREFUSED 10.0.0.5:5432 (user ehcp_admin)' } }]);
    } finally {
      server.close();
    }
  });
});
