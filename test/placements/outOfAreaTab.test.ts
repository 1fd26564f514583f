import type { Browser, Page } from 'playwright-core';
import { childLabel } from '../../shared';
import { launchChromium } from '../../testkit/chromium';
import { routeValidOrigins } from '../../testkit/teams-host/teamsHost';
import { CSV_HEADER, registerPeople } from '../support/fixtures';
import { startTestService, type TestService } from '../../testkit/service';

/**
 * The council tab in headless Chromium with two councils placing children at one school
 * (#26): each council's officer sees its own children there, never the other's.
 * Fixed clock: 1 March 2027; every plan here is past its review deadline, so on Today.
 */
const NOW = new Date('2027-03-01T10:00:00Z');
let svc: TestService;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  svc = await startTestService('pglite', async (db) => {
    await registerPeople(db);
  }, {}, { now: () => NOW });
  const importAs = async (token: string, rows: string[]) => {
    const res = await svc.call('POST', '/api/caseload/import', { token, body: `${CSV_HEADER}\n${rows.join('\n')}\n`, headers: { 'content-type': 'text/csv' } });
    expect(res.body).toMatchObject({ rejected: 0 });
  };
  await importAs(await svc.token('la-officer', 'north-council', 'officer'), ['N-1,Nia North,north-school,2025-12-01,,,4,,,', 'N-2,Noor Near,north-school-b,2025-12-01,,,4,,,']);
  await importAs(await svc.token('la-officer', 'south-council', 'south-officer'), ['S-1,Sam South,north-school,2025-11-01,,,5,,,', 'S-2,Sid Home,south-school,2025-11-01,,,5,,,']);
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await routeValidOrigins(page);
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await svc?.stop();
});

async function childrenOnToday(token: string): Promise<string[]> {
  await page.goto('about:blank');
  await page.goto(`${svc.url}/tab/?view=today#devToken=${token}`);
  await page.waitForSelector('table[aria-label="Overdue reviews"] tbody tr');
  await page.waitForLoadState('networkidle');
  const cells = await page.getByRole('table', { name: 'Overdue reviews', exact: true }).locator('tbody tr td:first-child').allInnerTexts();
  return [...new Set(cells)].sort();
}

it("shows North's officer North's children, at the shared school and its own, and none of South's", async () => {
  const seen = await childrenOnToday(await svc.token('la-officer', 'north-council', 'officer'));
  expect(seen).toEqual([childLabel('Nia North', 'N-1'), childLabel('Noor Near', 'N-2')].sort());
});

it("shows South's officer its child placed at North's school and its own, and none of North's", async () => {
  const seen = await childrenOnToday(await svc.token('la-officer', 'south-council', 'south-officer'));
  expect(seen).toEqual([childLabel('Sam South', 'S-1'), childLabel('Sid Home', 'S-2')].sort());
  // The school filter offers the shared school, where South places a child, beside South's own.
  const schools = await page.getByLabel('School', { exact: true }).locator('option').allInnerTexts();
  expect(schools).toEqual(expect.arrayContaining(['North Primary', 'South Primary']));
});

it("gives the shared school's SENCO one list of both councils' children, each named with its council", async () => {
  await page.goto('about:blank');
  await page.goto(`${svc.url}/tab/#devToken=${await svc.token('senco', 'north-school', 'senco')}`);
  const table = page.getByRole('table', { name: 'Reviews at this school', exact: true });
  await table.locator('tbody tr').first().waitFor();
  const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent)));
  // Most urgent first: South's plan (issued 1 November 2025) is due before North's (1 December 2025).
  expect(rows).toEqual([
    ['Sam South', 'S-1', 'South Council'],
    ['Nia North', 'N-1', 'North Council'],
  ]);
  expect(await page.getByText('2 children from 2 councils.').count()).toBe(1);
});
