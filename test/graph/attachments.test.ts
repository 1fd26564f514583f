import { type AttachProgress, attachFile, attachFiles, SMALL_ATTACHMENT_LIMIT } from '../../bot/graph/attachments';
import { createEvent } from '../../bot/graph/calendar';
import type { GraphClient } from '../../bot/graph/client';
import { MAX_CHUNK_BYTES } from '../../bot/graph/uploadSession';
import { bytes, CASEWORKER, type Harness, recordingSleep, startHarness } from '../../testkit/graph-server/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const MB = 1024 * 1024;

async function newEvent(gc: GraphClient): Promise<string> {
  const event = await createEvent(gc, 'me', { subject: 'Annual review', start: '2027-03-10T10:00', end: '2027-03-10T11:00', requiredAttendees: [{ email: 'parent@example.org' }] });
  h.graph.requests.length = 0;
  h.graph.faults.clear();
  return event.id;
}

const stored = (eventId: string) => h.graph.state.eventAttachments(CASEWORKER.id, eventId);

test('a small file is one POST of a fileAttachment with base64 contentBytes', async () => {
  const gc = h.userClient();
  const id = await newEvent(gc);
  const file = { name: 'Advice - EP.pdf', contentType: 'application/pdf', content: bytes(150_000) };
  const attached = await attachFile(gc, { mailbox: 'me', kind: 'events', id }, file);
  const [request] = h.graph.requests;
  expect(request?.method).toBe('POST');
  expect(request?.path).toBe(`/v1.0/me/events/${encodeURIComponent(id)}/attachments`);
  expect(request?.json).toEqual({
    '@odata.type': '#microsoft.graph.fileAttachment',
    name: 'Advice - EP.pdf',
    contentType: 'application/pdf',
    contentBytes: file.content.toString('base64'),
  });
  expect(attached).toMatchObject({ name: 'Advice - EP.pdf', size: 150_000, via: 'post' });
  expect(stored(id)[0]?.content.equals(file.content)).toBe(true);
});

test('a 20 MB file goes through an upload session in chunks of at most 4 MiB, survives a dropped connection and resumes where Graph says', async () => {
  const gc = h.userClient();
  const id = await newEvent(gc);
  const file = { name: 'Annual review pack.pdf', contentType: 'application/pdf', content: bytes(20 * MB, 11) };
  // The third chunk's connection is cut after 1 MB of it has been sent.
  h.graph.faults.add({ target: 'upload', method: 'PUT', skip: 2, action: { type: 'drop', afterBodyBytes: 1 * MB } });
  const progress: AttachProgress[] = [];
  const attached = await attachFile(gc, { mailbox: 'me', kind: 'events', id }, file, { onProgress: (p) => progress.push(p) });

  const session = h.graph.requests.find((r) => r.path.endsWith('/attachments/createUploadSession'));
  expect(session?.json).toEqual({ AttachmentItem: { attachmentType: 'file', name: 'Annual review pack.pdf', size: 20 * MB, contentType: 'application/pdf' } });
  const uploads = h.graph.requests.filter((r) => r.target === 'upload');
  // Pre-authenticated URL: never a bearer token.
  for (const u of uploads) expect(u.headers.authorization).toBeUndefined();
  expect(uploads.map((u) => `${u.method} ${u.headers['content-range'] ?? ''} ${u.status}`)).toEqual([
    `PUT bytes 0-${4 * MB - 1}/${20 * MB} 200`,
    `PUT bytes ${4 * MB}-${8 * MB - 1}/${20 * MB} 200`,
    `PUT bytes ${8 * MB}-${12 * MB - 1}/${20 * MB} dropped`,
    'GET  200',
    `PUT bytes ${8 * MB}-${12 * MB - 1}/${20 * MB} 200`,
    `PUT bytes ${12 * MB}-${16 * MB - 1}/${20 * MB} 200`,
    `PUT bytes ${16 * MB}-${20 * MB - 1}/${20 * MB} 201`,
  ]);
  for (const u of uploads.filter((x) => x.method === 'PUT' && x.status !== 'dropped')) {
    expect(u.body.length).toBeLessThanOrEqual(MAX_CHUNK_BYTES);
    expect(u.headers['content-type']).toBe('application/octet-stream');
  }
  expect(attached.via).toBe('upload-session');
  const [saved] = stored(id);
  expect(saved?.id).toBe(attached.attachmentId);
  expect(saved?.content.equals(file.content)).toBe(true);
  const sent = progress.map((p) => p.totalBytesSent);
  expect(sent).toEqual([...sent].sort((a, b) => a - b));
  expect(sent.at(-1)).toBe(20 * MB);
  expect(progress.at(-1)).toMatchObject({ filesDone: 1, filesTotal: 1 });
});

test('a chunk applied by Graph whose answer was lost is not sent twice: the session says where to go on', async () => {
  const gc = h.userClient();
  const id = await newEvent(gc);
  const file = { name: 'Big report.pdf', content: bytes(9 * MB, 5) };
  h.graph.faults.add({ target: 'upload', method: 'PUT', skip: 1, action: { type: 'drop', afterCommit: true } });
  await attachFile(gc, { mailbox: 'me', kind: 'events', id }, file);
  const puts = h.graph.requests.filter((r) => r.target === 'upload').map((u) => `${u.method} ${u.headers['content-range'] ?? ''}`);
  expect(puts).toEqual([`PUT bytes 0-${4 * MB - 1}/${9 * MB}`, `PUT bytes ${4 * MB}-${8 * MB - 1}/${9 * MB}`, 'GET ', `PUT bytes ${8 * MB}-${9 * MB - 1}/${9 * MB}`]);
  expect(stored(id)[0]?.content.equals(file.content)).toBe(true);
});

test('when the final chunk’s answer is lost, the finished attachment is found instead of uploading again', async () => {
  const gc = h.userClient();
  const id = await newEvent(gc);
  const file = { name: 'Final.pdf', content: bytes(5 * MB, 9) };
  h.graph.faults.add({ target: 'upload', method: 'PUT', skip: 1, action: { type: 'drop', afterCommit: true } });
  const attached = await attachFile(gc, { mailbox: 'me', kind: 'events', id }, file);
  expect(stored(id)).toHaveLength(1);
  expect(attached.attachmentId).toBe(stored(id)[0]?.id);
});

test('429 on an upload chunk is waited out per Retry-After, then the same range is sent again', async () => {
  const sleeps = recordingSleep();
  const gc = h.userClient(CASEWORKER, { retry: { sleep: sleeps.sleep } });
  const id = await newEvent(gc);
  h.graph.faults.add({ target: 'upload', method: 'PUT', skip: 1, action: { type: 'status', status: 429, retryAfterSeconds: 3 } });
  await attachFile(gc, { mailbox: 'me', kind: 'events', id }, { name: 'Throttled.pdf', content: bytes(6 * MB) });
  const puts = h.graph.requests.filter((r) => r.target === 'upload').map((u) => `${u.headers['content-range']} ${u.status}`);
  expect(puts).toEqual([`bytes 0-${4 * MB - 1}/${6 * MB} 200`, `bytes ${4 * MB}-${6 * MB - 1}/${6 * MB} 429`, `bytes ${4 * MB}-${6 * MB - 1}/${6 * MB} 201`]);
  expect(sleeps.delays[0]).toBeGreaterThanOrEqual(3000);
  expect(sleeps.delays[0]).toBeLessThan(3400);
});

describe('batching', () => {
  const smallFiles = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `Advice ${i + 1}.pdf`, contentType: 'application/pdf', content: bytes(40_000 + i * 1000, i) }));

  test('25 small files cost 2 $batch round trips with batching, 25 without', async () => {
    const gc = h.userClient();
    const id = await newEvent(gc);
    const outcome = await attachFiles(gc, { mailbox: 'me', kind: 'events', id }, smallFiles(25));
    expect(outcome.failed).toEqual([]);
    expect(outcome.attached).toHaveLength(25);
    expect(h.graph.roundTrips()).toBe(2);
    const batches = h.graph.requests.filter((r) => r.path === '/v1.0/$batch');
    expect(batches.map((b) => (b.json as { requests: unknown[] }).requests.length)).toEqual([20, 5]);
    const part = (batches[0]?.json as { requests: Record<string, unknown>[] } | undefined)?.requests[0];
    expect(part).toEqual({
      id: 'p0',
      method: 'POST',
      url: `/me/events/${encodeURIComponent(id)}/attachments`,
      headers: { 'Content-Type': 'application/json' },
      body: expect.objectContaining({ '@odata.type': '#microsoft.graph.fileAttachment', name: 'Advice 1.pdf' }),
    });
    expect(stored(id).map((a) => a.name).sort()).toEqual(smallFiles(25).map((f) => f.name).sort());

    const id2 = await newEvent(gc);
    await attachFiles(gc, { mailbox: 'me', kind: 'events', id: id2 }, smallFiles(25), { batching: false });
    expect(h.graph.roundTrips()).toBe(25);
  });

  test('batches also respect Graph’s 4 MB request limit', async () => {
    const gc = h.userClient();
    const id = await newEvent(gc);
    const files = Array.from({ length: 4 }, (_, i) => ({ name: `Report ${i}.pdf`, content: bytes(SMALL_ATTACHMENT_LIMIT - 1000, i) }));
    const outcome = await attachFiles(gc, { mailbox: 'me', kind: 'events', id }, files);
    expect(outcome.failed).toEqual([]);
    const batches = h.graph.requests.filter((r) => r.path === '/v1.0/$batch');
    expect(batches).toHaveLength(4);
    for (const b of batches) expect(b.body.length).toBeLessThanOrEqual(4 * MB);
  });

  test('steps throttled inside a batch are resent after Retry-After, alone', async () => {
    const sleeps = recordingSleep();
    const gc = h.userClient(CASEWORKER, { retry: { sleep: sleeps.sleep } });
    const id = await newEvent(gc);
    h.graph.faults.add({ target: 'batch-part', skip: 3, times: 2, action: { type: 'status', status: 429, retryAfterSeconds: 2 } });
    const outcome = await attachFiles(gc, { mailbox: 'me', kind: 'events', id }, smallFiles(6));
    expect(outcome.failed).toEqual([]);
    expect(stored(id)).toHaveLength(6);
    const batches = h.graph.requests.filter((r) => r.path === '/v1.0/$batch');
    expect(batches.map((b) => (b.json as { requests: unknown[] }).requests.length)).toEqual([6, 2]);
    expect(sleeps.delays).toHaveLength(1);
    expect(sleeps.delays[0]).toBeGreaterThanOrEqual(2000);
  });

  test('mixed sizes: small files and upload-session creation share batches, then chunks follow', async () => {
    const gc = h.userClient();
    const id = await newEvent(gc);
    const files = [...smallFiles(3), { name: 'Large 1.pdf', content: bytes(5 * MB, 1) }, { name: 'Large 2.pdf', content: bytes(9 * MB, 2) }];
    const outcome = await attachFiles(gc, { mailbox: 'me', kind: 'events', id }, files);
    expect(outcome.failed).toEqual([]);
    const graphTrips = h.graph.requests.filter((r) => !r.viaBatch && r.target === 'graph');
    expect(graphTrips.map((r) => r.path)).toEqual(['/v1.0/$batch']);
    expect(h.graph.requests.filter((r) => r.target === 'upload')).toHaveLength(2 + 3);
    expect(stored(id).map((a) => [a.name, a.content.length])).toEqual(expect.arrayContaining(files.map((f) => [f.name, f.content.length])));
  });

  test('a batch cut off after Graph acted is reconciled: nothing is attached twice', async () => {
    const gc = h.userClient();
    const id = await newEvent(gc);
    h.graph.faults.add({ method: 'POST', path: '/$batch', action: { type: 'drop', afterCommit: true } });
    const outcome = await attachFiles(gc, { mailbox: 'me', kind: 'events', id }, smallFiles(4));
    expect(outcome.failed).toEqual([]);
    expect(stored(id)).toHaveLength(4);
    // One batch, then listing the attachments; no POST resent.
    expect(h.graph.requests.filter((r) => r.method === 'POST' && !r.viaBatch)).toHaveLength(1);
  });
});

test('files over 150 MB and bad names are refused before anything is sent', async () => {
  const gc = h.userClient();
  const id = await newEvent(gc);
  const huge = { name: 'huge.bin', content: Buffer.alloc(150 * MB + 1) };
  await expect(attachFiles(gc, { mailbox: 'me', kind: 'events', id }, [huge])).rejects.toMatchObject({ field: 'files.0.content' });
  await expect(attachFiles(gc, { mailbox: 'me', kind: 'events', id }, [{ name: 'a/b.pdf', content: bytes(10) }])).rejects.toMatchObject({ field: 'files.0.name' });
  expect(h.graph.requests).toHaveLength(0);
});
