import http from 'node:http';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { LinkThrottle } from '../../bot/advice/linkThrottle';
import { failurePage, tooManyAttemptsPage } from '../../bot/advice/pages/screens';
import { graphAdviceStorage } from '../../bot/advice/storage';
import { CLIENT_ID, type Harness, startHarness } from '../../testkit/graph-server/harness';
import type { SeedDrive } from '../../testkit/graph-server/state';
import { axeViolations, launchChromium, saveScreenshot } from '../../testkit/chromium';
import { startTestService, type TestService } from '../../testkit/service';
import { bookedReview, CHILD } from './support/adviceCase';

/**
 * The one-time link pages through the real service and headless Chromium, with files landing
 * in the local Graph server's drive. The service's clock says 1 September 2026, 10:00 in
 * London; the meeting is on 20 October 2026, so links are good until the end of that day.
 */
const SITE = 'north.sharepoint.com,aa11,bb22';
const drive: SeedDrive = { id: 'b!northSenLibrary', siteId: SITE, items: [] };
const NOW = new Date('2026-09-01T09:00:00Z');
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n'), Buffer.alloc(4000, 0x20), Buffer.from('\n%%EOF\n')]);
/** The child's own picture: a real 8x8 PNG. */
const drawing = PNG.sync.write(Object.assign(new PNG({ width: 8, height: 8 }), { data: Buffer.alloc(8 * 8 * 4, 200) }));
/** Each wait the link pages asked for (the throttle's delays), in order. */
const waited: number[] = [];

let h: Harness;
let svc: TestService;
let browser: Browser;
let reviewId: string;
let senco: string;
const requestIds: Record<string, number> = {};
/** Every page the browser saw, to check none names the child. */
const seen: string[] = [];

beforeAll(async () => {
  h = await startHarness({ graph: { drives: [drive], siteGrants: { [CLIENT_ID]: [SITE] } } });
  svc = await startTestService(
    'pglite',
    async (db) => {
      ({ reviewId } = await bookedReview(db));
      await db.query("insert into advice_drives (council_id, drive_id) values ('north-council', $1)", [drive.id]);
    },
    {},
    {
      now: () => NOW,
      adviceStorage: graphAdviceStorage(() => h.appClient()),
      // Faster than the service's defaults (5 free, 250 ms doubling, blocked from 30) so the test runs in seconds.
      adviceThrottle: new LinkThrottle({ freeFailures: 6, baseDelayMs: 300, maxDelayMs: 1200, blockAfter: 10 }),
      // The throttle's waits are recorded, not slept: what is asserted is the delay asked for, never a time measured on a busy machine.
      adviceSleep: async (ms) => void waited.push(ms),
    },
  );
  senco = await svc.token('senco', 'north-school', 'senco');
  const detail = await svc.call('GET', `/api/reviews/${reviewId}`, { token: senco });
  for (const r of detail.body.advice.requests) requestIds[r.fromRole] = r.id;
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await svc?.stop();
  await h?.close();
});

const issue = async (role: string): Promise<string> => {
  const res = await svc.call('POST', `/api/reviews/${reviewId}/advice-requests/${requestIds[role]}/link`, { token: senco });
  expect(res.status).toBe(201);
  expect(res.headers.get('cache-control')).toBe('no-store');
  return res.body.url;
};
const storedFiles = () => [...h.graph.state.driveItems.values()].filter((i) => i.driveId === drive.id && !i.isFolder);
const items = async () => (await svc.call('GET', `/api/reviews/${reviewId}`, { token: senco })).body.advice;
const remember = async (page: Page) => {
  seen.push(await page.content());
};
/** Moves focus with the Tab key alone until it reaches the element with `id`. */
async function tabTo(page: Page, id: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
  }
  throw new Error(`Tab never reached #${id}`);
}

test('the advice request page shows only initials, reference, what is asked and by when, with strict security headers', async () => {
  const url = await issue('health');
  expect(url).toMatch(new RegExp(`^${svc.url}/advice/[A-Za-z0-9_-]{43}$`));
  const res = await fetch(url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(res.headers.get('cache-control')).toBe('no-store');
  const body = await res.text();
  expect(body).toContain('A.B.');
  expect(body).toContain('NTH-0042');
  // Asked for a week before the pack is circulated on Mon 5 Oct 2026 (Reg 20(4)).
  expect(body).toMatch(/<dt>Please send it by<\/dt><dd>Mon 28 Sep 2026<\/dd>/);
  // Who is asking: the SENCO (by name, when the booking named one) for the council, named in the header.
  expect(body).toMatch(/<dt>Asked by<\/dt><dd>[^<]*SENCO[^<]*, for [^<]+<\/dd>/);
  expect(body).toMatch(/<p class="council">[^<]+<\/p>/);
  expect(body).not.toMatch(/<script|https?:\/\/(?!127\.0\.0\.1)/);
});

test('a professional uploads their advice through the link; it lands in the review folder and the review lists it', async () => {
  const url = await issue('health');
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(url);
  await remember(page);
  expect(await axeViolations(page)).toEqual([]);
  await saveScreenshot(page, 'advice-upload');

  // A file that is not what its name says is refused, and the link still works.
  await page.setInputFiles('#file', { name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\u0090\u0000 a program') });
  await page.click('#send');
  await page.waitForSelector('.error-summary');
  await remember(page);
  expect(await page.textContent('.error-summary')).toContain('The file must be a PDF, a Word document or a photo');
  expect(await axeViolations(page)).toEqual([]);
  await saveScreenshot(page, 'advice-upload-error');
  expect(storedFiles()).toEqual([]);

  await page.setInputFiles('#file', { name: `${CHILD.name} EP report ${CHILD.dateOfBirth}.pdf`, mimeType: 'application/pdf', buffer: pdf });
  await page.click('#send');
  await page.waitForSelector('.panel h1');
  await remember(page);
  expect(await page.textContent('h1')).toBe('Thank you, we have your advice');
  expect(await axeViolations(page)).toEqual([]);
  await saveScreenshot(page, 'advice-thank-you');

  const [saved] = storedFiles();
  expect(h.graph.state.pathOf(saved?.id ?? '')).toBe('EHCP reviews/NTH-0042/Review due 2026-11-30/2026-09-01 health - A.B. EP report.pdf');
  expect(saved?.content.equals(pdf)).toBe(true);
  const advice = await items();
  expect(advice.items).toEqual([
    expect.objectContaining({ fromRole: 'health', author: 'Health professional (one-time link)', receivedOn: '2026-09-01', driveId: drive.id, itemId: saved?.id, requestId: requestIds.health }),
  ]);
  expect(advice.outstanding.map((r: { fromRole: string }) => r.fromRole).sort()).toEqual(['parent', 'social-care']);

  // The same link again: the plain page, nothing more stored.
  await page.goto(url);
  await remember(page);
  expect(await page.textContent('h1')).toBe('This link is no longer valid');
  await context.close();
  expect(storedFiles()).toHaveLength(1);
});

test('a parent gives their views on a phone with the keyboard alone; they are saved as a Word document', async () => {
  const url = await issue('parent');
  const context = await browser.newContext({ ...PHONE, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(url);
  await remember(page);
  expect(await axeViolations(page)).toEqual([]);
  // Nothing wider than the phone's screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // Sending it empty says what to fix, and stores nothing.
  await tabTo(page, 'send');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.error-summary');
  await remember(page);
  expect(await page.textContent('.error-summary')).toContain('Write something in at least one box');
  // Only that: neither choice is required.
  expect(await page.locator('.error-summary li').count()).toBe(1);
  expect(await axeViolations(page)).toEqual([]);
  await saveScreenshot(page, 'advice-views-error');
  expect(storedFiles()).toHaveLength(1);

  await tabTo(page, 'goingWell');
  await page.keyboard.type('Much happier since the new reading group.\nStill finds lunchtimes hard.');
  await tabTo(page, 'worked');
  await page.keyboard.type('The visual timetable and the quiet room.');
  await tabTo(page, 'change');
  await page.keyboard.type('More help with friendships.');
  await tabTo(page, 'aspirations');
  await page.keyboard.type('To go to the same secondary school as her brother.');
  await tabTo(page, 'childViews');
  await page.keyboard.type('I like art. I want a friend to sit with at lunch.');
  await tabTo(page, 'personalBudget');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  // Arrow keys move within a radio group and choose as they go: the third choice, "Someone from the school".
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await tabTo(page, 'helperName');
  await page.keyboard.type('Mrs Khan, SENCO');
  // The child's own picture beside their words, named by the browser as the family saved it.
  await page.setInputFiles('#childViewsFile', { name: `${CHILD.name} drawing.png`, mimeType: 'image/png', buffer: drawing });
  await saveScreenshot(page, 'advice-views-phone');
  await tabTo(page, 'send');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.panel h1');
  await remember(page);
  expect(await page.textContent('h1')).toBe('Thank you, we have your views');
  // Their own copy: on the page, and to download.
  expect(await page.textContent('dl.answers')).toContain('I want a friend to sit with at lunch.');
  expect(await page.textContent('dl.answers')).toContain('Their own file or picture');
  expect(await page.getByRole('link', { name: 'Download a copy of your answers' }).getAttribute('download')).toMatch(/^my-views-.+\.txt$/);
  expect(await axeViolations(page)).toEqual([]);
  await saveScreenshot(page, 'advice-views-thank-you');
  await context.close();

  const views = storedFiles().find((f) => f.name.endsWith('.docx'));
  expect(views?.name).toBe('2026-09-01 parent - views.docx');
  const zip = await JSZip.loadAsync(views?.content ?? Buffer.alloc(0));
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const text = xml.replace(/<[^>]+>/g, ' ');
  const picture = storedFiles().find((f) => f.name.endsWith('.png'));
  expect(h.graph.state.pathOf(picture?.id ?? '')).toBe('EHCP reviews/NTH-0042/Review due 2026-11-30/2026-09-01 parent - own views.png');
  expect(picture?.content.equals(drawing)).toBe(true);
  for (const expected of ['Kept beside this document in the review’s folder: 2026-09-01 parent - own views.png', 'Views for the EHCP annual review of A.B. (NTH-0042)', 'Much happier since the new reading group.', 'Still finds lunchtimes hard.', 'More help with friendships.', 'Yes, I would like to ask about a Personal Budget', 'Someone from the school or college: Mrs Khan, SENCO']) {
    expect(text).toContain(expected);
  }
  const advice = await items();
  expect(advice.items.filter((i: { fromRole: string }) => i.fromRole === 'parent').map((i: { author: string; fileName: string; itemId: string }) => [i.author, i.fileName, i.itemId])).toEqual([
    ['Parent or carer (views form)', '2026-09-01 parent - views.docx', views?.id],
    ['The child’s own file (views form)', '2026-09-01 parent - own views.png', picture?.id],
  ]);
  expect(advice.outstanding.map((r: { fromRole: string }) => r.fromRole)).toEqual(['social-care']);
});

test('the child’s own file is checked as advice is: one that is not what its name says is refused with the answers kept, and nothing is stored', async () => {
  const before = storedFiles().length;
  const url = await issue('parent');
  const form = new FormData();
  form.set('childViews', 'I like art.');
  form.set('childViewsFile', new Blob([Buffer.from('MZ\u0090\u0000 a program')], { type: 'image/png' }), 'drawing.png');
  const res = await fetch(url, { method: 'POST', body: form });
  expect(res.status).toBe(400);
  const body = await res.text();
  expect(body).toContain('<a href="#childViewsFile">The file must be a PDF, a Word document or a photo (JPEG, PNG or HEIC); choose it again once saved as one of those</a>');
  expect(body).toContain('>I like art.</textarea>');
  expect(storedFiles()).toHaveLength(before);
  // The link still works: the picture alone, with no words, is enough.
  const alone = new FormData();
  alone.set('childViewsFile', new Blob([new Uint8Array(drawing)], { type: 'image/png' }), 'drawing.png');
  const sent = await fetch(url, { method: 'POST', body: alone });
  expect(sent.status).toBe(201);
  // The folder already holds the first send's files: SharePoint keeps both, and the document names the picture as kept.
  const added = storedFiles().slice(before);
  expect(added.map((f) => f.name).sort()).toEqual(['2026-09-01 parent - own views (2).png', '2026-09-01 parent - views (2).docx']);
  const zip = await JSZip.loadAsync(added.find((f) => f.name.endsWith('.docx'))?.content ?? Buffer.alloc(0));
  expect(((await zip.file('word/document.xml')?.async('string')) ?? '').replace(/<[^>]+>/g, '')).toContain('Kept beside this document in the review’s folder: 2026-09-01 parent - own views (2).png');
});

test('a wrong, a revoked and an expired token each get the plain page and store nothing', async () => {
  const before = storedFiles().length;
  const first = await issue('social-care');
  const expired = await issue('social-care'); // re-issuing revokes the first
  await svc.service.db.query("update advice_links set expires_at = '2026-08-31T23:00:00Z' where id = (select max(id) from advice_links)");
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  for (const url of [`${svc.url}/advice/${'x'.repeat(43)}`, first, expired]) {
    const response = await page.goto(url);
    await remember(page);
    expect(response?.status()).toBe(404);
    expect(await page.textContent('h1')).toBe('This link is no longer valid');
    expect(await axeViolations(page)).toEqual([]);
  }
  await saveScreenshot(page, 'advice-invalid');
  // A post to a dead link stores nothing either.
  const form = new FormData();
  form.set('file', new Blob([pdf], { type: 'application/pdf' }), 'report.pdf');
  expect((await fetch(first, { method: 'POST', body: form })).status).toBe(404);
  await context.close();
  expect(storedFiles()).toHaveLength(before);
  expect((await fetch(await issue('social-care'))).status).toBe(200);
});

/** A GET from another loopback address (all of 127/8 is this machine), so the throttle sees a new visitor. */
function getFrom(localAddress: string, url: string): Promise<{ status: number; retryAfter: string | undefined; body: string; waited: number[] }> {
  const before = waited.length;
  return new Promise((resolve, reject) => {
    http
      .get(url, { localAddress, agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], body, waited: waited.slice(before) }));
      })
      .on('error', reject);
  });
}

test('repeated wrong tokens from one address are slowed down, then refused for a while, while another address is not', async () => {
  const answers = [];
  for (let i = 0; i < 11; i++) answers.push(await getFrom('127.0.0.7', `${svc.url}/advice/${String(i).padStart(43, 'y')}`));
  expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 429]);
  // Six answered at once; then waits of 300, 600, 1200 (the cap) and 1200 ms; from the tenth wrong token, refused.
  expect(answers.map((a) => a.waited)).toEqual([[], [], [], [], [], [], [300], [600], [1200], [1200], []]);
  const blocked = answers[10];
  expect(Number(blocked?.retryAfter)).toBeGreaterThan(0);
  expect(blocked?.body).toContain('Too many attempts');
  // A good link from another address still opens at once.
  const fresh = await getFrom('127.0.0.8', await issue('social-care'));
  expect(fresh.status).toBe(200);
  expect(fresh.waited).toEqual([]);
});

test('no page the browser saw, and no stored file name, carries the child’s name or date of birth', () => {
  expect(seen.length).toBeGreaterThanOrEqual(9);
  for (const text of [...seen, ...storedFiles().map((f) => f.name)]) {
    expect(text).not.toMatch(/Amara|Bello|2015-03-07|07\/03\/2015|7 March 2015/i);
  }
});

test('booking through the API answers each new request’s link, except in an answer kept for an Idempotency-Key replay', async () => {
  const body = (email: string) => ({
    meetingDate: '2026-10-20',
    invitationsSentOn: '2026-09-01',
    mode: 'in-person',
    invitees: [
      { role: 'parent', email: 'parent@home.example' },
      { role: 'school', email: 'senco@north-school.example' },
      { role: 'la-send-officer', email: 'officer@north.example' },
      { role: 'health', email: 'ep@nhs.example' },
      { role: 'social-care', email: 'sw@north.example' },
      { role: 'educational-psychologist', email },
    ],
  });
  const plain = await svc.call('POST', `/api/reviews/${reviewId}/meeting`, { token: senco, body: body('psych@north.example') });
  expect(plain.status).toBe(201);
  expect(plain.body.adviceLinks).toEqual([expect.objectContaining({ url: expect.stringMatching(/\/advice\/[A-Za-z0-9_-]{43}$/), expiresAt: '2026-10-20T23:00:00Z' })]);
  expect((await fetch(plain.body.adviceLinks[0].url)).status).toBe(200);
  const kept = await svc.call('POST', `/api/reviews/${reviewId}/meeting`, { token: senco, body: body('psych2@north.example'), headers: { 'idempotency-key': 'book-again-1' } });
  expect(kept.status).toBe(201);
  expect(kept.body.adviceLinks).toBeUndefined();
  // Another school's SENCO cannot issue a link for this review.
  const outsider = await svc.token('senco', 'north-school-b', 'senco-b');
  expect((await svc.call('POST', `/api/reviews/${reviewId}/advice-requests/${requestIds.health}/link`, { token: outsider })).status).toBe(404);
});

test('the too-many-attempts and the failure pages pass the accessibility scan too', async () => {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  // On the service's origin, so the pages' stylesheet loads as it does for a visitor.
  await page.goto(`${svc.url}/advice/assets/advice.css`);
  for (const html of [tooManyAttemptsPage(), failurePage('We could not save it to the council’s folder just now, so nothing was kept.')]) {
    await page.setContent(html, { waitUntil: 'load' });
    expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toContain('Arial');
    expect(await axeViolations(page)).toEqual([]);
  }
  await context.close();
});

test('the council’s logo (council settings) heads its link pages, served from the service itself under the pages’ policy', async () => {
  const logo = PNG.sync.write(Object.assign(new PNG({ width: 4, height: 2 }), { data: Buffer.alloc(4 * 2 * 4, 90) }));
  // Without a logo there is none to serve.
  expect((await fetch(`${svc.url}/advice/assets/logo/north-council`)).status).toBe(404);
  await svc.service.db.query("insert into council_settings (council_id, settings) values ('north-council', $1) on conflict (council_id) do update set settings = excluded.settings", [
    JSON.stringify({ councilLogo: `data:image/png;base64,${logo.toString('base64')}` }),
  ]);
  const served = await fetch(`${svc.url}/advice/assets/logo/north-council`);
  expect([served.status, served.headers.get('content-type'), served.headers.get('x-content-type-options')]).toEqual([200, 'image/png', 'nosniff']);
  expect(Buffer.from(await served.arrayBuffer()).equals(logo)).toBe(true);
  const url = await issue('social-care');
  // The page's own Content-Security-Policy is kept (no bypass): the logo loads because it is ours.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  const img = page.locator('header.top img.council-logo');
  expect(await img.getAttribute('src')).toBe('/advice/assets/logo/north-council');
  expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(4);
  await context.close();
  // axe is injected as a script, which the policy forbids: scanned with it bypassed.
  const scan = await browser.newContext({ bypassCSP: true });
  const scanned = await scan.newPage();
  await scanned.goto(url);
  expect(await axeViolations(scanned)).toEqual([]);
  await scan.close();
});
