import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { axeViolations, launchChromium, saveScreenshot, startPagesClockAt } from '../../testkit/chromium';
import { textOverlaps } from './textOverlaps';
import { seedDashboard } from '../dashboard/seedDashboard';
import { startTestService, TEST_CLOCK_START, TEST_TODAY, type TestService } from '../../testkit/service';
import { openInTeamsHost, routeValidOrigins } from '../../testkit/teams-host/teamsHost';

/**
 * The Teams tab in headless Chromium against the real service on PGlite with the demo data:
 * each view's figures against the API's own answers, filters, sorting, paging, the CSV, the
 * nudge, an axe scan of each view, and a screenshot of each (docs/screenshots/tab-*.png).
 */
const today = TEST_TODAY;
let svc: TestService;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let manager: string;

beforeAll(async () => {
  svc = await startTestService('pglite', async (db) => {
    await seedDashboard(db, today);
  });
  manager = await svc.token('la-manager', 'demo-council', 'demo-manager');
  browser = await launchChromium();
  context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  await startPagesClockAt(context, TEST_CLOCK_START);
  page = await context.newPage();
  await routeValidOrigins(page);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await svc?.stop();
});

const api = async (path: string) => {
  const res = await svc.call('GET', path, { token: manager });
  if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
  return res.body;
};

/** The tab in a plain browser, signed in with a dev token, on one view. */
async function openView(view: string): Promise<void> {
  // A fresh document each time: a URL differing only in its fragment would not reload.
  await page.goto('about:blank');
  await page.goto(`${svc.url}/tab/?view=${view}#devToken=${manager}`);
  await page.waitForSelector('main h2');
}

const figure = (where: Page | Frame, id: string) => where.locator(`[data-testid="${id}"] .figure-value`).textContent();
const bodyRows = (where: Page | Frame, table: string) => where.getByRole('table', { name: table, exact: true }).locator('tbody tr');

async function expectAccessible(name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  expect(await axeViolations(page)).toEqual([]);
  // No column's text runs into the next (a long step's name once overlapped its date).
  expect(await textOverlaps(page)).toEqual([]);
  await saveScreenshot(page, `tab-${name}`);
}

describe('the tab in a browser, signed in with a development token', () => {
  it('Today: shows the overdue count at each step and one page of reviews, as the API counts them', async () => {
    await openView('today');
    expect(await page.evaluate(() => document.body.dataset.signIn)).toBe('dev');
    const report = await api('/api/dashboard/today?pageSize=20');
    for (const [step, n] of Object.entries(report.counts)) expect(await figure(page, `count-${step}`)).toBe(String(n));
    await expect(bodyRows(page, 'Overdue reviews').count()).resolves.toBe(Math.min(20, report.total));
    expect(await bodyRows(page, 'Overdue reviews').first().locator('td').first().textContent()).toBe(report.items[0].child);
    await page.getByText(`of ${report.total} (page 1`).waitFor();
    await expectAccessible('today');
  });

  it('Today: filters by school and step and sorts by column, in the service', async () => {
    await openView('today');
    await page.getByLabel('School', { exact: true }).selectOption('demo-school-2');
    const riverside = await api('/api/dashboard/today?pageSize=20&school=demo-school-2');
    await page.waitForFunction((n) => document.querySelectorAll('table[aria-label="Overdue reviews"] tbody tr').length === n, Math.min(20, riverside.total));
    const schools = await bodyRows(page, 'Overdue reviews').locator('td:nth-child(5)').allInnerTexts();
    expect(new Set(schools)).toEqual(new Set(['Riverside Academy (demo)']));
    await page.getByLabel('Step', { exact: true }).selectOption('decision');
    const decisions = await api('/api/dashboard/today?pageSize=20&school=demo-school-2&step=decision');
    await page.waitForFunction((n) => document.querySelectorAll('table[aria-label="Overdue reviews"] tbody tr').length === n, decisions.total);
    expect(await bodyRows(page, 'Overdue reviews').locator('td:nth-child(1)').allInnerTexts()).toEqual(decisions.items.map((i: { child: string }) => i.child));
    await page.getByLabel('Step', { exact: true }).selectOption('');
    await page.getByLabel('School', { exact: true }).selectOption('');
    await page.getByRole('columnheader', { name: 'Child' }).click();
    await page.getByRole('columnheader', { name: 'Child' }).click();
    const byRef = await api('/api/dashboard/today?pageSize=20&sort=reference&dir=desc');
    await page.waitForFunction((first) => document.querySelector('table[aria-label="Overdue reviews"] tbody tr td')?.textContent === first, byRef.items[0].child);
    expect(await bodyRows(page, 'Overdue reviews').locator('td:nth-child(1)').allInnerTexts()).toEqual(byRef.items.map((i: { child: string }) => i.child));
    expect(await page.getByRole('columnheader', { name: 'Child' }).getAttribute('aria-sort')).toBe('descending');
  });

  it('Today: the nudge queues a reminder in the outbox for whoever owns the next step', async () => {
    await openView('today');
    await page.getByLabel('Step', { exact: true }).selectOption('report');
    const report = await api('/api/dashboard/today?pageSize=20&step=report');
    const first = report.items[0];
    await page.waitForFunction((child) => document.querySelector('table[aria-label="Overdue reviews"] tbody tr td')?.textContent === child, first.child);
    await page.getByRole('button', { name: new RegExp(`^Nudge SENCO about ${first.child.replace(/[.()]/g, "\\$&")}`) }).click();
    await page.getByRole('status').filter({ hasText: 'Reminder queued for the SENCO' }).waitFor();
    const rows = await svc.service.db.query("select recipient_role, status from reminder_outbox where review_id = $1 and kind = 'nudge'", [first.reviewId]);
    expect(rows).toEqual([{ recipient_role: 'senco', status: 'pending' }]);
  });

  it('Coming: the 4, 8 and 12 week counts and the phase transfers with their dates', async () => {
    await openView('coming');
    const coming = await api('/api/dashboard/coming?weeks=12&pageSize=20');
    expect(await figure(page, 'within-4')).toBe(String(coming.counts.within4Weeks));
    expect(await figure(page, 'within-8')).toBe(String(coming.counts.within8Weeks));
    expect(await figure(page, 'within-12')).toBe(String(coming.counts.within12Weeks));
    await page.getByRole('radio', { name: '12 weeks' }).check();
    await page.getByRole('table', { name: 'Reviews due within 12 weeks' }).waitFor();
    await expect(bodyRows(page, 'Reviews due within 12 weeks').count()).resolves.toBe(Math.min(20, coming.total));
    const transfers = await api('/api/dashboard/transfers');
    const rules = await page.locator('table[aria-labelledby="transfers-heading"] tbody tr td:nth-child(4)').allInnerTexts();
    expect(rules).toEqual(transfers.items.map((t: { rule: string }) => t.rule));
    expect(rules).toEqual(['before 15 February', 'before 31 March']);
    await expectAccessible('coming');
  });

  it('Timeliness: charts, each with a table beside it holding the same figures as the API', async () => {
    await openView('timeliness');
    const trend = await api('/api/dashboard/timeliness');
    await page.getByTestId('by-month').waitFor();
    expect(await page.locator('svg').count()).toBeGreaterThanOrEqual(2);
    await expect(page.getByTestId('by-month').locator('tbody tr').count()).resolves.toBe(12);
    const lastMonth = trend.byMonth.at(-1);
    const cells = await page.getByTestId('by-month').locator('tbody tr').last().locator('td[data-col="reportsIn2Weeks"]').textContent();
    expect(cells).toContain(lastMonth.reportsIn2Weeks.total ? `${lastMonth.reportsIn2Weeks.onTime} of ${lastMonth.reportsIn2Weeks.total} on time` : 'No data');
    await expect(page.getByTestId('by-school').locator('tbody tr').count()).resolves.toBe(trend.bySchool.length);
    expect(await figure(page, 'overall-reportsIn2Weeks')).toBe(`${Math.round(trend.overall.reportsIn2Weeks.share * 100)}%`);
    await expectAccessible('timeliness');
  });

  it('SEN2: the row count, the cases left out and why, and a CSV download identical to the API', async () => {
    await openView('sen2');
    const sen2 = await api('/api/dashboard/sen2?pageSize=20');
    expect(await figure(page, 'sen2-rows')).toBe(String(sen2.total));
    const left = sen2.excluded.reduce((a: number, e: { count: number }) => a + e.count, 0);
    expect(await figure(page, 'sen2-excluded')).toBe(String(left));
    await expect(bodyRows(page, 'SEN2 annual-review items').count()).resolves.toBe(Math.min(20, sen2.total));
    for (const e of sen2.excluded) expect(await page.locator(`tr[data-reason="${e.reason}"] td`).last().textContent()).toBe(String(e.count));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    const csv = await svc.call('GET', `/api/dashboard/sen2.csv?census=${today}`, { token: manager });
    expect(readFileSync(path, 'utf8')).toBe(csv.body);
    expect(download.suggestedFilename()).toBe(`sen2-annual-reviews-demo-council-census-${today}.csv`);
    await expectAccessible('sen2');
  });

  it('Workload: open cases and decisions due this week per officer, and the undelivered reminders', async () => {
    await openView('workload');
    const workload = await api('/api/dashboard/workload');
    const rows = await bodyRows(page, 'Cases per officer').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows).toEqual(workload.officers.map((o: { name: string; openCases: number; overdue: number; decisionsDueThisWeek: number }) => [o.name, String(o.openCases), String(o.overdue), String(o.decisionsDueThisWeek)]));
    const dead = await api('/api/dashboard/undelivered');
    if (dead.total === 0) await page.getByTestId('undelivered-none').waitFor();
    else await expect(page.locator('table[aria-labelledby="undelivered-heading"] tbody tr').count()).resolves.toBe(dead.total);
    await expectAccessible('workload');
  });
});

describe('the tab inside the Teams host stand-in', () => {
  it('signs in with the Teams SSO token (NAA not recommended), which the service checks, and shows the same figures', async () => {
    const hosted = await context.newPage();
    const host = await openInTeamsHost(hosted, { tabUrl: `${svc.url}/tab/`, ssoToken: manager, naaRecommended: false });
    const tab = await host.tab();
    await tab.waitForSelector('main h2');
    expect(await tab.evaluate(() => document.body.dataset.signIn)).toBe('teams-sso');
    expect(await host.calls()).toEqual(expect.arrayContaining(['initialize', 'getContext', 'authentication.getAuthToken']));
    const report = await api('/api/dashboard/today?pageSize=20');
    for (const [step, n] of Object.entries(report.counts)) expect(await figure(tab, `count-${step}`)).toBe(String(n));
    await saveScreenshot(hosted, 'tab-in-teams-host');
    await hosted.close();
  });
});
