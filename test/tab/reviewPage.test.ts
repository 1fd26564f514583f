import type { Browser, BrowserContext, Page } from 'playwright-core';
import { decisionFormCard } from '../../bot/teams/decision/sendDecisionCard';
import { axeViolations, launchChromium, saveScreenshot, startPagesClockAt } from '../../testkit/chromium';
import { seedDashboard } from '../dashboard/seedDashboard';
import { startTestService, TEST_CLOCK_START, TEST_TODAY, type TestService } from '../../testkit/service';
import { routeValidOrigins } from '../../testkit/teams-host/teamsHost';
import { textOverlaps } from './textOverlaps';
import { reviewLink } from '../../shared/dashboard/reviewLink';

/**
 * The review page (`/tab/#/reviews/{id}`) in headless Chromium against the real service:
 * opened from a Today row, from the decision card's "Open the review" link and from the
 * add-in's link; each shows the review's steps (as the API gives them) and the actions the
 * viewer's role may take; axe finds nothing at 1280, 1024 and 390 px (Teams on a phone), and
 * at each of them no two pieces of text overlap.
 */
const today = TEST_TODAY;
let svc: TestService;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let officer: string;

beforeAll(async () => {
  svc = await startTestService('pglite', async (db) => {
    await seedDashboard(db, today);
  });
  officer = await svc.token('la-officer', 'demo-council', 'demo-officer');
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await startPagesClockAt(context, TEST_CLOCK_START);
  page = await context.newPage();
  await routeValidOrigins(page);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await svc?.stop();
});

const api = async (path: string, token = officer) => {
  const res = await svc.call('GET', path, { token });
  if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
  return res.body;
};

/** Signs the tab in with a development token (kept for the session), then goes to `url`. */
async function signInThenOpen(url: string, token = officer): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${svc.url}/tab/#devToken=${token}`);
  await page.waitForSelector('main h2');
  await page.goto('about:blank');
  await page.goto(url);
}

/** The steps shown are the API's, each with its state; the actions are the role's. */
async function expectReviewPage(reviewId: string, actions: string[]): Promise<void> {
  await page.locator(`article[data-review="${reviewId}"]`).waitFor();
  const detail = await api(`/api/reviews/${reviewId}`);
  const dated = detail.timeline.steps.filter((s: { date: string | null; doneOn: string | null }) => s.date || s.doneOn);
  const shown = await page.getByTestId('review-steps').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-step'), tr.getAttribute('data-state')]));
  expect(shown).toEqual(dated.map((s: { id: string; state?: string }) => [s.id, s.state ?? '']));
  expect(dated.length).toBeGreaterThan(3);
  const section = page.getByRole('region', { name: 'What you can do' });
  for (const name of actions) await section.getByRole('button', { name }).waitFor();
}

async function expectAccessibleAtEveryWidth(name: string): Promise<void> {
  for (const width of [1280, 1024, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForLoadState('networkidle');
    expect({ width, violations: await axeViolations(page) }).toEqual({ width, violations: [] });
    expect({ width, overlaps: await textOverlaps(page) }).toEqual({ width, overlaps: [] });
    await saveScreenshot(page, `tab-${name}-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('the review page', () => {
  it('opens from a Today row (the officer’s own cases by default), with the steps and the officer’s actions', async () => {
    await signInThenOpen(`${svc.url}/tab/?view=today`);
    await page.getByRole('switch', { name: 'Only my cases' }).waitFor();
    expect(await page.getByRole('switch', { name: 'Only my cases' }).isChecked()).toBe(true);
    const row = page.locator('table[aria-label="Overdue reviews"] tbody tr').first();
    const reviewId = (await row.getAttribute('data-review')) as string;
    await row.getByRole('link').first().click();
    expect(page.url()).toContain(`#/reviews/${reviewId}`);
    await expectReviewPage(reviewId, ['Nudge']);
    await expectAccessibleAtEveryWidth('review');
    // The page read the child's review through the tab's client: an access record from the tab (#29 item 4),
    // beside the one this test's own check made through the API.
    const reads = await svc.service.db.query<{ face: string; action: string; actor_user: string }>('select face, action, actor_user from access_records where review_id = $1 order by id', [reviewId]);
    expect(reads.filter((r) => r.face === 'tab')).toEqual([{ face: 'tab', action: 'review.read', actor_user: 'demo-officer' }]);
    expect(reads.filter((r) => r.face === 'api').length).toBe(1);
  });

  it('opens from the decision card’s “Open the review” link, offering the decision form', async () => {
    const decisions = await api('/api/dashboard/today?step=decision&pageSize=5');
    const reviewId = decisions.items[0].reviewId as string;
    const card = await decisionFormCard({ db: svc.service.db, today: () => today, publicUrl: () => svc.url }, reviewId);
    const link = /"url":"([^"]*\/tab\/#\/reviews\/[^"]+)"/.exec(JSON.stringify(card))?.[1];
    expect(link).toBe(`${svc.url}/tab/#/reviews/${reviewId}`);
    await signInThenOpen(link as string);
    await expectReviewPage(reviewId, ['Nudge']);
    const form = page.getByRole('form', { name: 'Record the decision' });
    await form.waitFor();
    // The amendments box only for amend; the reasons go into the family's letter.
    expect(await form.getByLabel('The changes you propose').count()).toBe(0);
    await form.getByRole('radio', { name: 'Amend the plan' }).check();
    await form.getByLabel('The changes you propose').waitFor();
    await form.getByText('These words go into the family\'s letter as you write them.').waitFor();
    await form.getByRole('radio', { name: 'Keep the plan as it is (maintain)' }).check();
    await form.getByLabel('Reasons').fill('The plan still meets the needs described in the advice.');
    // The family's letter as it will be sent, before anything is recorded: the reasons word for word, the sentence that they need do nothing.
    const preview = form.getByTestId('letter-preview').getByRole('article', { name: 'The decision letter' });
    await preview.getByText('Our reasons: The plan still meets the needs described in the advice.', { exact: false }).waitFor();
    await preview.getByText('If you agree with this decision, you need do nothing.', { exact: false }).waitFor();
    expect(await svc.service.db.query('select 1 from decisions where review_id = $1', [reviewId])).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await form.getByRole('button', { name: /Record the decision/ }).click();
    await page.getByRole('status').filter({ hasText: 'Decision recorded.' }).waitFor();
    await page.getByText('Keep the plan as it is (maintain); the family was told').waitFor();
    const [stored] = await svc.service.db.query<{ outcome: string }>('select outcome from decisions where review_id = $1', [reviewId]);
    expect(stored?.outcome).toBe('maintain');
    await page.getByRole('region', { name: 'What you can do' }).getByRole('button', { name: 'Send the letter' }).waitFor();
    await expectAccessibleAtEveryWidth('review-decided');
  });

  it('opens from the add-in’s link (the same reviewLink) for a SENCO, who is told how to book and has no council actions', async () => {
    const senco = await svc.token('senco', 'demo-school-1', 'demo-senco-1');
    const [unbooked] = await svc.service.db.query<{ id: string }>(
      "select r.id from review_cycles r where r.school_id = 'demo-school-1' and r.stage = 'not-booked' order by r.review_deadline limit 1",
    );
    await signInThenOpen(reviewLink(svc.url, unbooked?.id as string), senco);
    await expectReviewPage(unbooked?.id as string, []);
    await page.getByText('Book the meeting from Outlook').waitFor();
    expect(await page.getByRole('region', { name: 'What you can do' }).getByRole('button').count()).toBe(0);
    await expectAccessibleAtEveryWidth('review-senco');
  });
});
