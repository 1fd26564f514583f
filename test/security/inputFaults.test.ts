import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { forLog } from '../../bot/api/inputFaults';
import type { Logger } from '../../bot/log/logger';
import { CSV_HEADER, importRows, registerPeople } from '../support/fixtures';
import { startTestService, type TestService } from '../../testkit/service';
import { openTestStore, storeKinds } from '../../testkit/stores';

/** Findings 5-8 of issue #19, through the real endpoint: line ends, If-Match, input faults as 400s, a lost store. */
const TODAY = '2026-11-24';
const now = () => new Date(`${TODAY}T10:00:00Z`);
const csvHeaders = { 'content-type': 'text/csv' };

describe.each(storeKinds)('input faults on %s', (kind) => {
  let svc: TestService;
  let officer: string;
  let senco: string;
  let manager: string;
  let ids: Record<string, string>;
  beforeAll(async () => {
    svc = await startTestService(kind, async (db) => {
      const people = await registerPeople(db);
      ids = await importRows(db, people.officer, ['F-1,Fay Example,north-school,2026-02-10,,,4,,,']);
    }, {}, { now });
    officer = await svc.token('la-officer', 'north-council', 'officer');
    senco = await svc.token('senco', 'north-school', 'senco');
    manager = await svc.token('la-manager', 'north-council', 'manager');
  }, 60_000);
  afterAll(() => svc.stop());

  const row = (ref: string, name: string) => `${ref},${name},north-school,2026-02-10,,,4,,,`;
  const upload = (body: string) => svc.call('POST', '/api/caseload/import', { token: officer, headers: csvHeaders, body });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR-only', '\r'],
  ])('finding 5: reads a caseload with %s line ends', async (what, eol) => {
    const ref = `E-${what}`;
    const res = await upload([CSV_HEADER, row(`${ref}-1`, 'One Example'), row(`${ref}-2`, 'Two Example')].join(eol) + eol);
    expect(res).toMatchObject({ status: 200, body: { created: 2, rejected: 0 } });
  });

  it('finding 5: refuses a file whose header lacks required columns, naming each', async () => {
    const res = await upload('reference,name\nX-1,Someone\n');
    expect(res.status).toBe(400);
    expect(res.body.problems.map((p: { field: string }) => p.field).sort()).toEqual(['childName', 'laReference', 'planIssued', 'school']);
  });

  it('finding 6: a stale If-Match on the contacts and the nudge is 412, and nothing changes', async () => {
    const id = ids['F-1'] as string;
    const contacts = [{ role: 'parent', name: 'Pat Example', email: 'pat@home.example' }];
    const put = await svc.call('PUT', `/api/reviews/${id}/contacts`, { token: senco, body: { contacts }, headers: { 'if-match': '"stale"' } });
    expect(put).toMatchObject({ status: 412, body: { error: 'stale-write' } });
    expect((await svc.call('GET', `/api/reviews/${id}/contacts`, { token: senco })).body.contacts).toEqual([]);
    expect((await svc.call('POST', `/api/reviews/${id}/nudge`, { token: manager, headers: { 'if-match': '"stale"' } })).status).toBe(412);
    const etag = (await svc.call('GET', `/api/reviews/${id}`, { token: senco })).headers.get('etag') as string;
    const fresh = await svc.call('PUT', `/api/reviews/${id}/contacts`, { token: senco, body: { contacts }, headers: { 'if-match': etag } });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('etag')).not.toBe(etag);
  });

  it('finding 7: a NUL in the search, and a forged cursor, are 400s naming the parameter', async () => {
    expect(await svc.call('GET', '/api/reviews?q=%00', { token: officer })).toMatchObject({ status: 400, body: { problems: [{ field: 'q' }] } });
    const forged = Buffer.from(JSON.stringify(['x', '0000000000000000'])).toString('base64url');
    expect(await svc.call('GET', `/api/reviews?cursor=${forged}`, { token: officer })).toMatchObject({ status: 400, body: { problems: [{ field: 'cursor' }] } });
  });

  it('finding 7: a NUL in a CSV cell is an error on that line; the other lines are stored', async () => {
    const res = await upload(`${CSV_HEADER}\n${row('N-1', 'Nul\u0000Child')}\n${row('N-2', 'Good Child')}\n`);
    expect(res).toMatchObject({ status: 200, body: { created: 1, rejected: 1, errors: [{ line: 2, field: 'childName', message: expect.stringContaining('NUL') }] } });
  });
});

describe('a log line carries a bounded, escaped form of the input', () => {
  it('escapes control characters and bounds the length', () => {
    expect(forLog('a\nb\u0000"c')).toBe('a\\nb\\u0000\\"c');
    const long = forLog('x'.repeat(10_000));
    expect(long.length).toBeLessThan(260);
    expect(long).toContain('(10000 characters)');
  });
});

/** A TCP relay to the PostgreSQL server that the test can cut, as a network or the server would. */
async function relay(port: number): Promise<{ url: (base: string) => string; cut(): Promise<void>; restore(): Promise<void>; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let server: Server;
  let listening = false;
  const open = (listenOn: number) =>
    new Promise<Server>((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = connect(port, '127.0.0.1');
        for (const sock of [client, upstream]) {
          sockets.add(sock);
          sock.on('close', () => sockets.delete(sock));
          sock.on('error', () => {});
        }
        client.pipe(upstream).pipe(client);
      });
      s.once('error', reject);
      s.listen(listenOn, '127.0.0.1', () => {
        listening = true;
        resolve(s);
      });
    });
  server = await open(0);
  const relayPort = (server.address() as AddressInfo).port;
  return {
    url: (base) => {
      const u = new URL(base);
      u.hostname = '127.0.0.1';
      u.port = String(relayPort);
      return u.toString();
    },
    cut: async () => {
      listening = false;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
    restore: async () => {
      if (!listening) server = await open(relayPort);
    },
    close: async () => {
      if (listening) await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
    },
  };
}

(storeKinds.includes('postgres') ? describe : describe.skip)('finding 8: PostgreSQL lost mid-run', () => {
  it('answers 503 with Retry-After while it is gone, logs a bounded line, and recovers', async () => {
    const logged: { msg: string; fields?: Record<string, unknown> }[] = [];
    const logger: Logger = { info() {}, warn: (msg, fields) => void logged.push({ msg, ...(fields ? { fields } : {}) }), error: (msg, fields) => void logged.push({ msg, ...(fields ? { fields } : {}) }) };
    const pg = await relay(5432);
    // The service is pointed at the relay; the store itself is a fresh schema on the real server.
    const store = await openTestStore('postgres');
    await registerPeople(store.db);
    const svc = await startTestService('postgres', async () => {}, { DATABASE_URL: pg.url(store.location.databaseUrl as string) }, { now, logger });
    try {
      const token = await svc.token('la-officer', 'north-council', 'officer');
      expect((await svc.call('GET', '/api/reviews', { token })).status).toBe(200);
      await pg.cut();
      const lost = await svc.call('GET', `/api/reviews?q=${encodeURIComponent('x'.repeat(90))}`, { token: await svc.token('la-officer', 'north-council', 'officer-2') });
      expect(lost).toMatchObject({ status: 503, body: { error: 'store-unavailable' } });
      expect(Number(lost.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(logged.some((l) => l.msg === 'store unavailable')).toBe(true);
      await pg.restore();
      let back = 0;
      for (let i = 0; i < 20 && back !== 200; i++) back = (await svc.call('GET', '/api/reviews', { token })).status;
      expect(back).toBe(200);
    } finally {
      await pg.restore();
      await svc.stop();
      await store.dispose();
      await pg.close();
    }
  }, 60_000);
});
