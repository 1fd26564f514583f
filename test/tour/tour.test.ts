import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { Browser, Page } from 'playwright-core';
import { childLabel } from '../../shared';
import { runTour, type TourStop } from '../../bot/cli/commands/tour';
import type { CliIo } from '../../bot/cli/io';
import { runCli } from '../../bot/cli/main';
import type { Db } from '../../bot/store/db';
import { seedDemoData } from '../../bot/store/seed/demoSeed';
import { launchChromium, saveScreenshot, screenshotDir } from '../../testkit/chromium';
import { startTestService, TEST_TODAY, type TestService } from '../../testkit/service';
import { routeValidOrigins } from '../../testkit/teams-host/teamsHost';
import { cardPreviewPage } from '../../testkit/bot-framework/cardPreview';
import { decisionFormCard } from '../../bot/teams/decision/sendDecisionCard';
import { renderFirstPagePng } from '../letters/support/documents';

/**
 * #22: the guided tour, headless (`--no-pause`), end to end against the real service on a
 * fresh store with the demo council, its reminder sweeper on with the development channels,
 * on the test clock (Monday 7 December 2026, 10:00: inside the sending hours). With
 * EHCP_SCREENSHOT_DIR set (`npm run screenshots`) it also draws each stop, as the README
 * shows them (docs/screenshots/tour-*.png).
 */
const screenshots = process.env.EHCP_SCREENSHOT_DIR !== undefined;
const CASE = 'DEMO-0008';

function capture(): { io: CliIo; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const io: CliIo = { stdin: new PassThrough(), stdout, stderr, env: {}, cwd: process.cwd(), now: () => new Date() };
  return { io, out: () => out, err: () => err };
}

const demo = async (db: Db) => void (await seedDemoData(db, TEST_TODAY));
let svc: TestService;
/** The same, its clock at 19:00 in London: the sweeper keeps the day's reminders until 08:00. */
let evening: TestService;
let outDir: string;
let browser: Browser | undefined;

beforeAll(async () => {
  // Both seeded at once: each is its own embedded database.
  [svc, evening] = await Promise.all([
    startTestService('pglite', demo, { REMINDERS: 'on', REMINDERS_SWEEP_INTERVAL_MS: '200' }),
    startTestService('pglite', demo, { REMINDERS: 'on', REMINDERS_SWEEP_INTERVAL_MS: '200', CLOCK_START: `${TEST_TODAY}T19:00:00Z` }),
  ]);
  outDir = mkdtempSync(path.join(tmpdir(), 'ehcp-tour-'));
  if (screenshots) browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await svc?.stop();
  await evening?.stop();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('npx ehcp-review tour, headless, against the running service', () => {
  test(`takes ${CASE} from booking to the family's letter, every step checked, naming the child by initials and reference only`, async () => {
    const { io, out, err } = capture();
    const stops: TourStop[] = [];
    const code = await runTour({ url: svc.url, dataDir: svc.dataDir, outDir, laReference: CASE, waitMs: 30_000, pause: false, afterStep: async (stop) => {
      stops.push(stop);
      if (browser) await drawStop(browser, stop);
    } }, io);
    expect({ code, err: err() }).toEqual({ code: 0, err: '' });
    expect(stops.map((s) => s.step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);

    const [child] = await svc.service.db.query<{ name: string }>('select name from children where la_reference = $1', [CASE]);
    const label = childLabel(child?.name as string, CASE);
    const text = out();
    for (const line of [
      `the case: ${label}, not booked`,
      `booked for ${TEST_TODAY} (201)`,
      'the review is late',
      `to the people invited (`,
      "the educational psychologist's link opened the upload page for DEMO-0008, took a PDF (201), and now answers 404",
      "the family's link took their views through its form (201)",
      'submitted (201) and sent to the 6 people invited',
      `maintain, notified on ${TEST_TODAY} (201); the review is concluded`,
      "it states each of the family's rights of appeal and mediation, as shared/letters words them (appeal-right, appeal-deadline, mediation-right, mediation-adviser, mediation-certificate, mediation-tell-council, disagreement-resolution)",
      'and where to get free, impartial advice: Demo Borough SENDIASS (fictional)',
      `${label} has left today's overdue list`,
      'and concluded: ',
      `The tour is complete: ${label}`,
    ]) {
      expect(text).toContain(line);
    }
    // Where to look, at each stop.
    for (const where of [`${svc.url}/dev/mail`, 'npm run preview:addin', `${svc.url}/tab/?review=`, 'record decision DEMO-0008', `${svc.url}/tab/?view=timeliness`]) expect(text).toContain(where);

    // What the tour claims, read back from the service's own store.
    const reviewId = stops[0]?.reviewId as string;
    const [review] = await svc.service.db.query<{ stage: string; outcome: string }>('select r.stage, d.outcome from review_cycles r join decisions d on d.review_id = r.id where r.id = $1', [reviewId]);
    expect(review).toEqual({ stage: 'concluded', outcome: 'maintain' });
    const advice = await svc.service.db.query<{ from_role: string }>('select q.from_role from advice_items i join advice_requests q on q.id = i.request_id where i.review_id = $1 order by q.from_role', [reviewId]);
    expect(advice.map((a) => a.from_role)).toEqual(['educational-psychologist', 'parent']);
    expect(existsSync(path.join(svc.dataDir, 'dev-files', 'EHCP reviews', CASE))).toBe(true);
    const mail = (await svc.call('GET', '/dev/mail.json')).body.messages as { subject: string }[];
    expect(mail.map((m) => m.subject)).toContain(`Annual review meeting report: ${label}`);
    expect(mail.filter((m) => m.subject.includes(`(${CASE})`)).length).toBeGreaterThan(1);
    const letter = stops[7]?.letterFile as string;
    expect(readFileSync(letter).subarray(0, 2).toString('latin1')).toBe('PK');

    // Personal data on the console: no demo child's name, nor their date of birth, ever.
    const children = await svc.service.db.query<{ name: string; dob: string }>("select name, to_char(date_of_birth, 'YYYY-MM-DD') as dob from children");
    for (const c of children) {
      expect(text).not.toContain(c.name);
      expect(text).not.toContain(c.dob);
    }
  }, 90_000);

  test('waits for Enter after each step, and keeps what was typed ahead', async () => {
    const { io, out, err } = capture();
    (io.stdin as PassThrough).end('\n'.repeat(7));
    const code = await runTour({ url: svc.url, dataDir: svc.dataDir, outDir, laReference: 'DEMO-0007', waitMs: 30_000, pause: true }, io);
    expect({ code, err: err() }).toEqual({ code: 0, err: '' });
    expect(out().match(/Press Enter for the next step…/g)).toHaveLength(7);
    expect(out()).toContain('The tour is complete: ');
  }, 60_000);

  test('on a case already booked it stops before anything, saying why and what to do', async () => {
    const { io, out, err } = capture();
    const code = await runCli(['tour', '--url', svc.url, '--data-dir', svc.dataDir, '--no-pause', '--case', 'DEMO-0009'], io);
    expect(code).toBe(1);
    expect(err()).toMatch(/^\nehcp-review tour: could not start: [A-Z]\.[A-Z]\. \(DEMO-0009\) is already booked \(an earlier tour\?\); the tour books a review that is not booked yet\. Pass --case with one of DEMO-\d{4}/);
    expect(out()).not.toContain('Step 1');
  });

  test('says what to do when nothing answers at --url, or the options are wrong', async () => {
    const down = capture();
    expect(await runCli(['tour', '--url', 'http://127.0.0.1:9', '--no-pause'], down.io)).toBe(1);
    expect(down.err()).toContain('nothing answers at http://127.0.0.1:9. Start the service first (npm install && npm start), or give its address with --url.');
    const bad = capture();
    expect(await runCli(['tour', '--url', 'localhost:3978/tab'], bad.io)).toBe(2);
    expect(bad.err()).toContain('--url: "localhost:3978/tab" is not the service\'s address');
    const help = capture();
    expect(await runCli(['--help'], help.io)).toBe(0);
    expect(help.out()).toMatch(/\n {2}tour +a guided tour/);
  });
});

/** The tab in a browser signed in as `token` (the fragment, once), then at `target`. */
async function openTab(page: Page, stop: TourStop, token: string, target: string): Promise<void> {
  await routeValidOrigins(page);
  await page.goto(`${stop.url}/tab/#devToken=${token}`);
  await page.waitForSelector('main h2');
  await page.goto('about:blank');
  await page.goto(`${stop.url}${target}`);
}

/** Each stop as a person would see it, saved as docs/screenshots/tour-N-*.png by `npm run screenshots`. */
async function drawStop(b: Browser, stop: TourStop): Promise<void> {
  if (stop.step === 0) return;
  const context = await b.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  const page = await context.newPage();
  try {
    if (stop.step === 1) {
      await openTab(page, stop, stop.tokens.senco, `/tab/#/reviews/${stop.reviewId}`);
      await page.locator(`article[data-review="${stop.reviewId}"]`).waitFor();
      await page.waitForLoadState('networkidle');
      await saveScreenshot(page, 'tour-1-booked');
    } else if (stop.step === 2) {
      // One of this review's reminders as it would be sent (the mailbox lists the whole day's).
      const list = (await svc.call('GET', '/dev/mail.json')).body.messages as { id: string; subject: string; to: string }[];
      const reminder = list.find((m) => m.subject.includes(`(${stop.laReference})`) && m.to === 'ep@demo-nhs.example');
      expect(reminder).toBeDefined();
      await page.goto(`${stop.url}/dev/mail/${reminder?.id}`);
      await page.frameLocator('iframe').locator('table').waitFor();
      mkdirSync(screenshotDir, { recursive: true });
      await page.screenshot({ path: path.join(screenshotDir, 'tour-2-reminders.png') });
    } else if (stop.step === 3) {
      // The school nurse's request is still open: a fresh one-time link for it, as the officer's "send the link again" gives.
      const detail = await svc.call('GET', `/api/reviews/${stop.reviewId}`, { token: stop.tokens.officer });
      const open = (detail.body.advice.requests as { id: number; fromRole: string; outstanding: boolean }[]).find((r) => r.outstanding && r.fromRole === 'health');
      const link = await svc.call('POST', `/api/reviews/${stop.reviewId}/advice-requests/${open?.id}/link`, { token: stop.tokens.officer });
      expect(link.status).toBe(201);
      await page.goto(link.body.url);
      await page.getByRole('button').first().waitFor();
      await saveScreenshot(page, 'tour-3-advice-link');
    } else if (stop.step === 4) {
      await openTab(page, stop, stop.tokens.senco, `/tab/?review=${stop.reviewId}`);
      await page.getByText(/Submitted\./).waitFor();
      await saveScreenshot(page, 'tour-4-report');
      // What the officer decides from next: the decision card, as the bot sends it to Agents Playground (drawn by the tests' card preview, not by Teams).
      const card = await decisionFormCard({ db: svc.service.db, today: () => stop.today, publicUrl: () => stop.url }, stop.reviewId);
      expect(card).not.toBeNull();
      await page.setContent(cardPreviewPage(card, { title: 'Decision needed', caption: 'The decision card the officer gets in Agents Playground after the report (drawn by the tests, not by Teams)' }));
      await saveScreenshot(page, 'tour-5-decision-card');
    } else if (stop.step === 5) {
      await openTab(page, stop, stop.tokens.officer, `/tab/#/reviews/${stop.reviewId}`);
      await page.locator(`article[data-review="${stop.reviewId}"]`).waitFor();
      await page.waitForLoadState('networkidle');
      await saveScreenshot(page, 'tour-5-decided');
    } else if (stop.step === 6) {
      const pdf = await fetch(`${stop.url}/api/reviews/${stop.reviewId}/letter?format=pdf&kind=decision`, { headers: { authorization: `Bearer ${stop.tokens.officer}` } });
      expect(pdf.status).toBe(200);
      mkdirSync(screenshotDir, { recursive: true });
      renderFirstPagePng(Buffer.from(await pdf.arrayBuffer()), path.join(screenshotDir, 'tour-6-letter.png'));
    } else if (stop.step === 7) {
      await openTab(page, stop, stop.tokens.manager, '/tab/?view=timeliness');
      await page.waitForSelector('main h2');
      await page.waitForLoadState('networkidle');
      await saveScreenshot(page, 'tour-7-dashboard');
    }
  } finally {
    await context.close();
  }
}

describe('the tour on a service whose clock is outside the sending hours', () => {
  test('stops at the reminders, saying why none came and how to see them now', async () => {
    const { io, out, err } = capture();
    const code = await runTour({ url: evening.url, dataDir: evening.dataDir, outDir, laReference: CASE, waitMs: 2_000, pause: false }, io);
    expect(code).toBe(1);
    expect(out()).toContain('Step 2 of 7: the reminders go out');
    expect(err()).toMatch(
      new RegExp(`step 2 \\(the reminders go out\\) failed: no reminder for [A-Z]\\.[A-Z]\\. \\(${CASE}\\) to the people invited reached ${evening.url}/dev/mail within 2 s\\. Reminders go out on working days from 08:00 to 17:00 London time on the service's clock \\(today ${TEST_TODAY}\\); outside those hours start the service with CLOCK_START set to a working morning, e\\.g\\. CLOCK_START=${TEST_TODAY}T10:00:00Z npm start`),
    );
    expect(out()).not.toContain('Step 3');
  });
});
