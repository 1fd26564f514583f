import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchChromium, saveScreenshot, startPagesClockAt } from '../../testkit/chromium';
import { routeValidOrigins } from '../../testkit/teams-host/teamsHost';
import { seedDashboard } from '../dashboard/seedDashboard';
import { startTestService, TEST_CLOCK_START, TEST_TODAY, type TestService } from '../../testkit/service';

/**
 * The caseload import through the tab, in headless Chromium against the real service: a
 * 25,000-row file with three bad lines is dropped in through the file picker, progress is
 * shown while the rows are stored, and the rejected lines come back as a CSV holding
 * exactly those three lines, each with its problem. The same file again is answered at
 * once as unchanged; the council's own column names are saved once and then read.
 */
const today = TEST_TODAY;
const HEADER = 'laReference,childName,school,planIssued,lastReviewConcluded,dateOfBirth,ncYear,transferKind,transferDate,meetingDate';
const ROWS = 25_000;
const BAD = {
  school: 'IMP-BAD-1,Ann Example,no-such-school,2026-03-01,,,,,,',
  date: 'IMP-BAD-2,Bob Example,demo-school-1,2026-02-30,,,,,,',
  csv: 'IMP-BAD-3,"Cy "Example",demo-school-1,2026-03-01,,,,,,',
};

function caseload(): string {
  const lines = [HEADER];
  for (let i = 1; i <= ROWS - 3; i++) {
    const month = String((i % 9) + 1).padStart(2, '0');
    lines.push(`IMP-${String(i).padStart(5, '0')},Child ${i},demo-school-${(i % 2) + 1},2026-${month}-1${i % 9},,,,,,`);
    if (i === 7000) lines.push(BAD.school);
    if (i === 12_000) lines.push(BAD.date);
    if (i === 20_000) lines.push(BAD.csv);
  }
  return `${lines.join('\n')}\n`;
}

let svc: TestService;
let browser: Browser;
let page: Page;
let officer: string;

beforeAll(async () => {
  svc = await startTestService('pglite', async (db) => {
    await seedDashboard(db, today);
  });
  officer = await svc.token('la-officer', 'demo-council', 'demo-officer');
  browser = await launchChromium();
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  await startPagesClockAt(context, TEST_CLOCK_START);
  page = await context.newPage();
  await routeValidOrigins(page);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await svc?.stop();
});

async function openImport(): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${svc.url}/tab/?view=import#devToken=${officer}`);
  await page.getByRole('heading', { name: 'Import the caseload' }).waitFor();
}

/** Every text the progress line showed, in order (collected in the page as it changes). */
async function watchProgress(): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="import-progress"] [role="status"]')?.textContent;
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
}

describe('the caseload import in the tab', () => {
  it('imports 25,000 rows with three bad lines, shows progress, and gives back exactly those three lines with their reasons', async () => {
    const csv = caseload();
    await openImport();
    const seen = await watchProgress();
    await page.locator('input[type="file"]').setInputFiles({ name: 'caseload.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Import the file' }).click();
    await page.getByTestId('import-result').waitFor({ timeout: 240_000 });
    const shown = await seen();
    // Progress came as the rows were stored: counts in between, rising, before the last.
    const read = shown.map((t) => Number(/^([\d,]+) rows read/.exec(t)?.[1]?.replace(/,/g, '') ?? Number.NaN));
    expect(read.filter((n) => n > 0 && n < ROWS).length).toBeGreaterThanOrEqual(3);
    expect(read).toEqual([...read].sort((a, b) => a - b));
    expect(shown.at(-1)).toBe(`${ROWS.toLocaleString('en-GB')} rows read: ${ROWS - 3} created, 0 updated, 0 unchanged, 3 rejected`);
    expect(await page.getByTestId('import-created').locator('.figure-value').textContent()).toBe(String(ROWS - 3));
    expect(await page.getByTestId('import-rejected').locator('.figure-value').textContent()).toBe('3');
    const [stored] = await svc.service.db.query<{ n: number }>("select count(*)::int as n from children where la_reference like 'IMP-%'");
    expect(stored?.n).toBe(ROWS - 3);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the rejected lines (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe('caseload-rejected.csv');
    const lines = readFileSync(await download.path(), 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe(`${HEADER},problem`);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^IMP-BAD-1,Ann Example,no-such-school,2026-03-01,,,,,,,"?school: "*no-such-school"* is not a registered setting/);
    expect(lines[2]).toMatch(/^IMP-BAD-2,Bob Example,demo-school-1,2026-02-30,,,,,,,"?planIssued: /);
    expect(lines[3]?.startsWith(`${BAD.csv},`)).toBe(true);
    expect(lines[3]).toMatch(/csv: /);
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'tab-import');
  }, 300_000);

  it('says at once that the same file again changed nothing', async () => {
    await openImport();
    await page.locator('input[type="file"]').setInputFiles({ name: 'caseload.csv', mimeType: 'text/csv', buffer: Buffer.from(caseload()) });
    await page.getByRole('button', { name: 'Import the file' }).click();
    await page.getByText(/This file is the same as the one imported on \d{4}-\d{2}-\d{2}, and nothing has changed since/).waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-unchanged').locator('.figure-value').textContent()).toBe(String(ROWS - 3));
    expect(await page.getByTestId('import-created').locator('.figure-value').textContent()).toBe('0');
  }, 120_000);

  it('reads the council’s own column names once saved', async () => {
    await openImport();
    await page.getByText('Your column names').click();
    await page.getByLabel('laReference').fill('Case Ref');
    await page.getByLabel('childName').fill('Pupil Name');
    await page.getByRole('button', { name: 'Save the column names' }).click();
    await page.getByText('Saved: every import from now on reads these column names.').waitFor();
    const file = `Case Ref,Pupil Name,school,planIssued\nMAP-1,Dee Example,demo-school-1,2026-04-01\n`;
    await page.locator('input[type="file"]').setInputFiles({ name: 'mapped.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await page.getByRole('button', { name: 'Import the file' }).click();
    await page.getByTestId('import-result').waitFor();
    expect(await page.getByTestId('import-created').locator('.figure-value').textContent()).toBe('1');
    const [child] = await svc.service.db.query<{ name: string }>("select name from children where la_reference = 'MAP-1'");
    expect(child?.name).toBe('Dee Example');
    const mapping = await svc.call('GET', '/api/caseload/mapping', { token: officer });
    expect(mapping.body.columns).toEqual({ laReference: 'Case Ref', childName: 'Pupil Name' });
    // A stale version is refused, not silently overwritten.
    const stale = await svc.call('PUT', '/api/caseload/mapping', { token: officer, body: { columns: {} }, headers: { 'if-match': '"map-0000000000000000"' } });
    expect(stale.status).toBe(412);
  }, 120_000);
});
