import { type GraphTestServer, startGraphTestServer } from '../../testkit/graph-server/graphServer';
import { CASEWORKER, CLIENT_ID, TENANT } from '../../testkit/graph-server/harness';

/** The local Graph must answer like Graph, or the client tests prove nothing. */
let graph: GraphTestServer;
let auth: Record<string, string>;
beforeAll(async () => {
  graph = await startGraphTestServer({ users: [CASEWORKER] });
  auth = { Authorization: `Bearer ${graph.issueToken({ tenantId: TENANT, appId: CLIENT_ID, roles: ['Calendars.ReadWrite'] })}`, 'Content-Type': 'application/json' };
});
afterAll(() => graph.close());

const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = auth) => {
  const response = await fetch(`${graph.baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
};
const events = `/v1.0/users/${CASEWORKER.id}/events`;
const event = { subject: 's', start: { dateTime: '2027-03-10T10:00', timeZone: 'Europe/London' }, end: { dateTime: '2027-03-10T11:00', timeZone: 'Europe/London' } };

test('errors use Graph’s body: {"error":{"code","message","innerError"}}', async () => {
  const r = await call('GET', `${events}/missing`);
  expect(r.status).toBe(404);
  expect(r.json).toEqual({ error: { code: 'ErrorItemNotFound', message: expect.any(String), innerError: { date: expect.any(String), 'request-id': expect.any(String), 'client-request-id': expect.any(String) } } });
});

test('no token, a forged token and an expired token are 401 InvalidAuthenticationToken', async () => {
  expect((await call('GET', events, undefined, {})).json.error.code).toBe('InvalidAuthenticationToken');
  expect((await call('GET', events, undefined, { Authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJ0aWQiOiJ4In0.x' })).status).toBe(401);
  const expired = graph.issueToken({ tenantId: TENANT, appId: CLIENT_ID, roles: ['Calendars.ReadWrite'], lifetimeSeconds: -5 });
  expect((await call('GET', events, undefined, { Authorization: `Bearer ${expired}` })).json.error.message).toMatch(/expired/);
});

test('unknown properties are refused as Graph does', async () => {
  const r = await call('POST', events, { ...event, subjcet: 'typo' });
  expect(r.status).toBe(400);
  expect(r.json.error.code).toBe('RequestBodyRead');
});

test('request bodies over 4 MB are 413', async () => {
  const r = await call('POST', events, { ...event, subject: 'x'.repeat(4 * 1024 * 1024) });
  expect(r.status).toBe(413);
});

test('$batch: more than 20 requests, or a body without Content-Type, is refused', async () => {
  const many = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/me' }));
  expect((await call('POST', '/v1.0/$batch', { requests: many })).json.error.message).toMatch(/cannot exceed 20/);
  const r = await call('POST', '/v1.0/$batch', { requests: [{ id: '1', method: 'POST', url: `/users/${CASEWORKER.id}/events`, body: event }] });
  expect(r.status).toBe(400);
  expect(r.json.error.message).toMatch(/Content-Type/);
});

test('$batch honours dependsOn: a failed dependency makes its dependants 424', async () => {
  const r = await call('POST', '/v1.0/$batch', {
    requests: [
      { id: '1', method: 'GET', url: `/users/${CASEWORKER.id}/events/missing` },
      { id: '2', method: 'GET', url: `/users/${CASEWORKER.id}/events`, dependsOn: ['1'] },
    ],
  });
  const byId = Object.fromEntries(r.json.responses.map((x: { id: string; status: number }) => [x.id, x.status]));
  expect(byId).toEqual({ '1': 404, '2': 424 });
});

test('upload sessions: under 3 MB refused; wrong ranges 416; a bearer token on the upload URL is refused', async () => {
  const created = await call('POST', events, event);
  const base = `${events}/${encodeURIComponent(created.json.id)}/attachments/createUploadSession`;
  const small = await call('POST', base, { AttachmentItem: { attachmentType: 'file', name: 'a.pdf', size: 1000 } });
  expect(small.json.error.code).toBe('ErrorAttachmentSizeShouldNotBeLessThanMinimumSize');
  const session = await call('POST', base, { AttachmentItem: { attachmentType: 'file', name: 'a.pdf', size: 3_500_000 } });
  expect(session.status).toBe(201);
  expect(session.json.nextExpectedRanges).toEqual(['0-']);
  const url: string = session.json.uploadUrl;
  const put = (start: number, length: number, headers: Record<string, string> = {}) =>
    fetch(url, { method: 'PUT', headers: { 'Content-Range': `bytes ${start}-${start + length - 1}/3500000`, ...headers }, body: new Uint8Array(length) });
  expect((await put(100, 10)).status).toBe(416);
  expect((await put(0, 10, { Authorization: auth.Authorization ?? '' })).status).toBe(401);
  const ok = await put(0, 1000);
  expect(ok.status).toBe(200);
  expect(await ok.json()).toMatchObject({ NextExpectedRanges: ['1000'] });
  expect(await (await fetch(url)).json()).toMatchObject({ NextExpectedRanges: ['1000'] });
});
