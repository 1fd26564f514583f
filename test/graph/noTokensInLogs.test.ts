import { attachFiles } from '../../bot/graph/attachments';
import { createEvent } from '../../bot/graph/calendar';
import { listFolder, openFileContent } from '../../bot/graph/files';
import { sendMail } from '../../bot/graph/mail';
import { TokenBroker } from '../../bot/identity/tokenBroker';
import { routeFetch } from '../../testkit/graph-server/routeFetch';
import { bytes, CLIENT_ID, type Harness, SECRET, SHARED_MAILBOX, startHarness, TENANT, UNCONSENTED_TENANT } from '../../testkit/graph-server/harness';

/**
 * Runs every path that logs (MSAL at verbose level, token failures, throttling retries,
 * interrupted uploads, reconciliation, errors logged by a caller) and then greps every
 * captured log line for every secret that existed during the run.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    graph: {
      drives: [{ id: 'b!lib', siteId: 'site-1', items: [{ name: 'Advice.pdf', content: bytes(200_000) }] }],
      siteGrants: { [CLIENT_ID]: ['site-1'] },
    },
  });
});
afterAll(() => h.close());

test('no token, secret, assertion or pre-authenticated URL credential appears in any log line', async () => {
  const fast = { retry: { sleep: async () => {} } };
  const user = h.userClient(undefined, fast);
  const app = h.appClient(fast);

  // Throttling and retries on ordinary calls.
  h.graph.faults.add({ target: 'graph', method: 'POST', path: '/events', action: { type: 'status', status: 429, retryAfterSeconds: 1 } });
  const event = await createEvent(user, 'me', { subject: 'Review', start: '2027-03-10T10:00', end: '2027-03-10T11:00', teamsMeeting: true });
  // Upload session with a dropped connection and a throttled chunk; batch with a throttled part.
  h.graph.faults.add({ target: 'upload', method: 'PUT', skip: 1, action: { type: 'drop', afterBodyBytes: 1000 } });
  h.graph.faults.add({ target: 'upload', method: 'PUT', skip: 2, action: { type: 'status', status: 503, retryAfterSeconds: 1 } });
  h.graph.faults.add({ target: 'batch-part', action: { type: 'status', status: 429, retryAfterSeconds: 1 } });
  const outcome = await attachFiles(user, { mailbox: 'me', kind: 'events', id: event.id }, [
    { name: 'a.pdf', content: bytes(50_000) },
    { name: 'b.pdf', content: bytes(60_000) },
    { name: 'big.pdf', content: bytes(10 * 1024 * 1024) },
  ]);
  expect(outcome.failed).toEqual([]);
  // A cut-off batch that has to be reconciled.
  h.graph.faults.add({ method: 'POST', path: '/$batch', action: { type: 'drop', afterCommit: true } });
  await attachFiles(user, { mailbox: 'me', kind: 'events', id: event.id }, [
    { name: 'c.pdf', content: bytes(1000) },
    { name: 'd.pdf', content: bytes(2000) },
  ]);
  // Files with a download URL carrying tempauth; mail from the shared mailbox.
  for await (const page of listFolder(app, { driveId: 'b!lib' })) {
    for (const item of page) for await (const _ of (await openFileContent(app, { driveId: 'b!lib', itemId: item.id })).stream);
  }
  await sendMail(app, SHARED_MAILBOX.userPrincipalName, { to: [{ email: 'parent@example.org' }], subject: 'Letter', body: { text: 'Hello' } });

  // Failures, which a caller then logs with the error object.
  const failures = await Promise.allSettled([
    h.broker.onBehalfOf({ userToken: h.idp.issueUserToken({ tenantId: UNCONSENTED_TENANT, objectId: 'u-1', clientId: CLIENT_ID }) }),
    new TokenBroker({ clientId: CLIENT_ID, clientSecret: 'a-wrong-secret-value', fetch: routeFetch({ [h.idp.publicOrigin]: h.idp.url }), logger: h.logger, msalLogLevel: 'verbose' }).appToken(TENANT),
    h.broker.appToken('12121212-aaaa-4bbb-8ccc-121212121212'),
    createEvent(h.appClient({ ...fast, timeoutMs: 50 }), 'nobody@council.test', { subject: 'x', start: '2027-03-10T10:00', end: '2027-03-10T11:00' }),
  ]);
  for (const f of failures) if (f.status === 'rejected') h.logger.error('operation failed', { error: f.reason, request: { headers: { Authorization: `Bearer ${h.idp.issuedTokens[0]}` } } });
  h.logger.warn(`upload url was ${h.graph.requests.find((r) => r.target === 'upload')?.query.toString()}`);

  // What must never be written.
  const secrets = new Set<string>([SECRET, 'a-wrong-secret-value', ...h.idp.issuedTokens]);
  for (const r of h.graph.requests) {
    const auth = r.headers.authorization?.replace(/^Bearer /, '');
    if (auth) secrets.add(auth);
    for (const key of ['authtoken', 'tempauth']) {
      const value = r.query.get(key);
      if (value) secrets.add(value);
    }
  }
  for (const r of h.idp.requests) {
    if (r.form.assertion) secrets.add(r.form.assertion);
    if (r.form.client_secret) secrets.add(r.form.client_secret);
  }
  expect(h.logs.length).toBeGreaterThan(50);
  const text = h.logs.join('\n');
  expect(text).toContain('"component":"msal"');
  expect(text).toContain('graph request retried');
  expect(text).toContain('graph upload interrupted, resuming');
  expect(text).toContain('graph batch outcome unknown, reconciling');
  expect(text).toContain('token acquisition failed');

  const leaks: string[] = [];
  for (const line of h.logs) {
    for (const secret of secrets) if (line.includes(secret)) leaks.push(`${secret.slice(0, 12)}... in ${line.slice(0, 160)}`);
    if (/eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}/.test(line)) leaks.push(`JWT-shaped text in ${line.slice(0, 160)}`);
    if (/Bearer (?!\[redacted\])/.test(line)) leaks.push(`bearer value in ${line.slice(0, 160)}`);
  }
  expect(leaks).toEqual([]);
  // Every line is one JSON object.
  for (const line of h.logs) expect(() => JSON.parse(line)).not.toThrow();
});
