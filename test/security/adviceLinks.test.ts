import http from 'node:http';
import { strToU8, zipSync } from 'fflate';
import { LinkThrottle } from '../../bot/advice/linkThrottle';
import { graphAdviceStorage } from '../../bot/advice/storage';
import type { SeedDrive } from '../../testkit/graph-server/state';
import { CLIENT_ID, type Harness, startHarness } from '../../testkit/graph-server/harness';
import { startTestService, type TestService } from '../../testkit/service';
import { bookedReview } from '../advice/support/adviceCase';

/**
 * Findings 3, 4 and 9 of issue #19 through the one-time link pages, as an attacker would
 * send them: zips dressed as Word files, guesses in parallel (and behind a proxy), and a
 * huge body to any /advice path.
 */
const SITE = 'north.sharepoint.com,aa11,bb22';
const drive: SeedDrive = { id: 'b!northSenLibrary', siteId: SITE, items: [] };
const NOW = new Date('2026-09-01T09:00:00Z');
const WORD_TYPES =
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const zip = (files: Record<string, string>) => Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([n, t]) => [n, strToU8(t)]))));
const goodDocx = () => zip({ '[Content_Types].xml': WORD_TYPES, 'word/document.xml': '<w:document/>' });

let h: Harness;
let svc: TestService;
let proxied: TestService;
/** Each service's own review and its requests' ids (the stores are apart). */
const reviews = new Map<TestService, { reviewId: string; requestIds: Record<string, number> }>();
const prepared: string[] = [];

beforeAll(async () => {
  h = await startHarness({ graph: { drives: [drive], siteGrants: { [CLIENT_ID]: [SITE] } } });
  const prepare = async (db: Parameters<Parameters<typeof startTestService>[1] & object>[0]) => {
    prepared.push((await bookedReview(db)).reviewId);
    await db.query("insert into advice_drives (council_id, drive_id) values ('north-council', $1)", [drive.id]);
  };
  const options = () => ({ now: () => NOW, adviceStorage: graphAdviceStorage(() => h.appClient()), adviceThrottle: new LinkThrottle({ freeFailures: 5, baseDelayMs: 10, maxDelayMs: 40, blockAfter: 30 }) });
  svc = await startTestService('pglite', prepare, { ADVICE_MAX_UPLOAD_MB: '1' }, options());
  proxied = await startTestService('pglite', prepare, { TRUST_PROXY: 'loopback' }, options());
  for (const [i, on] of [svc, proxied].entries()) {
    const reviewId = prepared[i] as string;
    const detail = await on.call('GET', `/api/reviews/${reviewId}`, { token: await on.token('senco', 'north-school', 'senco') });
    reviews.set(on, { reviewId, requestIds: Object.fromEntries(detail.body.advice.requests.map((r: { fromRole: string; id: number }) => [r.fromRole, r.id])) });
  }
}, 90_000);
afterAll(async () => {
  await svc?.stop();
  await proxied?.stop();
  await h?.close();
});

const issue = async (on: TestService, role: string): Promise<string> => {
  const token = await on.token('senco', 'north-school', 'senco');
  const { reviewId, requestIds } = reviews.get(on) as { reviewId: string; requestIds: Record<string, number> };
  const res = await on.call('POST', `/api/reviews/${reviewId}/advice-requests/${requestIds[role]}/link`, { token });
  expect(res.status).toBe(201);
  return res.body.url;
};
const upload = (url: string, name: string, bytes: Buffer) => {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  return fetch(url, { method: 'POST', body: form });
};
const stored = () => [...h.graph.state.driveItems.values()].filter((i) => i.driveId === drive.id && !i.isFolder);

describe('finding 3: a Word file is known by its zip structure', () => {
  it.each([
    ['a zip of password/a.txt and run.exe', zip({ 'password/a.txt': 'secret', 'run.exe': 'MZ' })],
    ['a zip of keyword/run.js', zip({ 'keyword/run.js': 'alert(1)' })],
    ['50 junk bytes after PK\\x03\\x04 naming word/', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(41, 0x41), Buffer.from('word/')])],
    ['a Word file carrying a macro project', zip({ '[Content_Types].xml': WORD_TYPES, 'word/document.xml': '<w:document/>', 'word/vbaProject.bin': 'VBA' })],
    ['a Word file with an executable inside', zip({ '[Content_Types].xml': WORD_TYPES, 'word/document.xml': '<w:document/>', 'word/media/run.exe': 'MZ' })],
    ['a zip whose entry climbs out of the archive', zip({ '[Content_Types].xml': WORD_TYPES, 'word/document.xml': '<w:document/>', '../evil.xml': 'x' })],
  ])('refuses %s named .docx, keeping nothing', async (_what, bytes) => {
    const url = await issue(svc, 'health');
    const before = stored().length;
    const res = await upload(url, 'advice.docx', bytes);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('The file must be a PDF, a Word document or a photo');
    expect(stored()).toHaveLength(before);
  });

  it('takes a real Word document, stored with the Word content type', async () => {
    const url = await issue(svc, 'social-care');
    const res = await upload(url, 'advice.docx', goodDocx());
    expect(res.status).toBe(201);
    expect(stored().some((f) => f.name.endsWith('.docx'))).toBe(true);
  });
});

describe('finding 4: the link throttle', () => {
  const wrong = (i: number) => `${String(i).padStart(8, 'Z')}${'A'.repeat(35)}`;

  it('counts 100 parallel wrong guesses from one address before looking them up, refusing the burst past 30 (429)', async () => {
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => fetch(`${svc.url}/advice/${wrong(i)}`).then((r) => r.status)));
    expect(answers.filter((s) => s === 404).length).toBe(30);
    expect(answers.filter((s) => s === 429).length).toBe(70);
  });

  it('still opens a valid link from that throttled address, at once', async () => {
    const url = await issue(svc, 'parent');
    expect((await fetch(url)).status).toBe(200);
    expect((await fetch(`${svc.url}/advice/${wrong(1)}`)).status).toBe(429);
  });

  it('ignores X-Forwarded-For without a trusted proxy (a guesser cannot pick a fresh address)', async () => {
    expect((await fetch(`${svc.url}/advice/${wrong(2)}`, { headers: { 'x-forwarded-for': '203.0.113.77' } })).status).toBe(429);
  });

  it('behind a trusted proxy (TRUST_PROXY), counts each client address apart, and a family’s link still opens', async () => {
    const from = (address: string, i: number) => fetch(`${proxied.url}/advice/${wrong(i)}`, { headers: { 'x-forwarded-for': address } }).then((r) => r.status);
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => from('198.51.100.7', 1000 + i)));
    expect(burst.filter((s) => s === 429).length).toBe(10);
    expect(await from('198.51.100.8', 2000)).toBe(404);
    const url = await issue(proxied, 'health');
    expect((await fetch(url, { headers: { 'x-forwarded-for': '198.51.100.7' } })).status).toBe(200);
  });
});

describe('finding 9: /advice bodies are bounded before routing', () => {
  /** Sends `total` bytes in chunks to `path`, stopping when the server answers or closes; says how much went and the status. */
  const stream = (path: string, total: number, declare: boolean) =>
    new Promise<{ status: number | undefined; sent: number }>((resolve) => {
      const url = new URL(path, svc.url);
      let sent = 0;
      let status: number | undefined;
      const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/octet-stream', ...(declare ? { 'content-length': String(total) } : {}) } });
      req.on('response', (res) => {
        status = res.statusCode;
        res.resume();
        res.on('end', () => resolve({ status, sent }));
      });
      req.on('error', () => resolve({ status, sent }));
      const chunk = Buffer.alloc(64 * 1024, 0x41);
      const pump = () => {
        while (sent < total && status === undefined && !req.destroyed) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (sent >= total) req.end();
      };
      pump();
    });

  it('answers a declared 300 MB body at once (413) without reading it', async () => {
    const res = await stream('/advice/anything', 300 * 1024 * 1024, true);
    expect(res.status).toBe(413);
    expect(res.sent).toBeLessThan(50 * 1024 * 1024);
  });

  it('stops reading an undeclared (chunked) body to an unknown link well before its end', async () => {
    const res = await stream(`/advice/${'Q'.repeat(43)}`, 300 * 1024 * 1024, false);
    expect([404, 429, 413, undefined]).toContain(res.status);
    expect(res.sent).toBeLessThan(100 * 1024 * 1024);
  });
});
