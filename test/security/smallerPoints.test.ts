import { adviceFileName } from '../../shared/advice';
import type { Logger } from '../../bot/log/logger';
import { createBot } from '../../bot/teams/bot';
import { sdkLogger } from '../../bot/teams/sdk/sdkLogger';
import { importRows, registerPeople } from '../support/fixtures';
import { startTestService, type TestService } from '../../testkit/service';

/** Issue #19, finding 10: the smaller points, each as it was found. */
const TODAY = '2026-11-24';

describe('through the API', () => {
  let svc: TestService;
  let senco: string;
  let ids: Record<string, string>;
  beforeAll(async () => {
    svc = await startTestService('pglite', async (db) => {
      const people = await registerPeople(db);
      ids = await importRows(db, people.officer, ['S-1,Sam Example,north-school,2026-02-10,,,4,,,2026-11-20']);
    }, {}, { now: () => new Date(`${TODAY}T10:00:00Z`) });
    senco = await svc.token('senco', 'north-school', 'senco');
  }, 60_000);
  afterAll(() => svc.stop());

  it('takes the same JSON with its keys in another order as the same request (a replay, not 422)', async () => {
    const path = `/api/reviews/${ids['S-1']}/report`;
    const headers = { 'idempotency-key': 'order-1', 'content-type': 'application/json' };
    const first = await svc.call('POST', path, { token: senco, headers, body: '{"sentOn":"2026-11-24","recommendation":"maintain"}' });
    expect(first.status).toBe(201);
    const again = await svc.call('POST', path, { token: senco, headers, body: '{"recommendation":"maintain","sentOn":"2026-11-24"}' });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('says what is too large on a JSON body, not "split the caseload"', async () => {
    const res = await svc.call('POST', `/api/reviews/${ids['S-1']}/advice`, { token: senco, body: { fromRole: 'health', receivedOn: TODAY, author: 'x'.repeat(1_100_000) } });
    expect(res.status).toBe(413);
    expect(res.body.message).not.toContain('caseload');
    expect(res.body.message).toContain('1 MB');
  });
});

describe('file names and the bot', () => {
  it('takes the child’s name out of a stored file name written without a space', () => {
    expect(adviceFileName({ original: 'IslaExample report.pdf', kind: 'pdf', childName: 'Isla Example', dateOfBirth: null, receivedOn: TODAY, fromRole: 'health' })).toBe('2026-11-24 health - I.E. report.pdf');
  });

  const capture = () => {
    const lines: { level: string; msg: string }[] = [];
    const logger: Logger = { info: (msg) => void lines.push({ level: 'info', msg }), warn: (msg) => void lines.push({ level: 'warn', msg }), error: (msg) => void lines.push({ level: 'error', msg }) };
    return { lines, logger };
  };

  it('logs a bot request refused for its token as a warning, not an error', () => {
    const { lines, logger } = capture();
    const sdk = sdkLogger(logger);
    sdk.error('unauthorized: jwt expired');
    sdk.error('connector send failed: ECONNRESET');
    expect(lines.map((l) => l.level)).toEqual(['warn', 'error']);
  });

  it('answers a message over 28,000 characters with what is wrong (too long), not "missing fields"', async () => {
    const { logger } = capture();
    const bot = createBot({ logger } as unknown as Parameters<typeof createBot>[0]);
    const answer = await bot({
      activity: { type: 'message', text: 'x'.repeat(28_001), serviceUrl: 'https://smba.example/', from: { id: 'u' }, recipient: { id: 'b' }, conversation: { id: 'c' } },
    } as unknown as Parameters<ReturnType<typeof createBot>>[0]);
    expect(answer).toMatchObject({ status: 400, body: { problems: [{ field: 'text', message: expect.stringContaining('too long') }] } });
  });
});
