import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { silentLogger } from '../../bot/log/logger';
import { builtAddin } from '../../testkit/builtAddin';
import { launchChromium } from '../../testkit/chromium';
import { type AddinPreview, startAddinPreview } from '../../testkit/preview/addinPreview';

// Monday 7 December 2026, 09:00 in London: the service's and the browser's clock.
const NOW = new Date('2026-12-07T09:00:00Z');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

describe('npm run preview:addin: the task pane in a browser, Outlook played by a page', () => {
  let preview: AddinPreview;
  let browser: Browser;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ehcp-preview-'));
  beforeAll(async () => {
    preview = await startAddinPreview({ dataDir, port: 0, logger: silentLogger, now: () => NOW });
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await preview?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('the real pane finds a demo child, a chosen date moves the appointment, and Send runs the Smart Alerts check', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });
    const page = await context.newPage();
    await page.clock.setFixedTime(NOW);
    await page.goto(preview.url);
    await page.getByText('Development preview.').waitFor();
    const pane = page.frameLocator('#pane');
    await pane.getByRole('heading', { name: 'Book an EHCP annual review' }).waitFor();
    await pane.getByLabel('Name or council reference').fill('DEMO-0003');
    await pane.getByRole('button', { name: /DEMO-0003/ }).click();
    const firstDate = pane.getByRole('button', { name: /^Use / }).first();
    const label = ((await firstDate.textContent()) ?? '').replace(/^Use /, '').trim();
    expect(label).toMatch(/^\w{3} \d{1,2} \w{3} \d{4}$/);
    await firstDate.click();
    // The page reads the appointment from the stand-in the pane wrote to, as Outlook's window shows it.
    const [weekday, day, month, year] = label.split(' ');
    await page.locator('#start').filter({ hasText: `${weekday}, ${day} ${month} ${year}` }).waitFor();
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('#result[data-allowed="true"]').waitFor();
    expect(await page.locator('#result').textContent()).toBe('Outlook would send the invitation.');
    await context.close();
  }, 120_000);

  test('the product bundle never loads the stand-in', () => {
    const files = filesUnder(builtAddin()).filter((f) => /\.(js|html)$/.test(f));
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) expect({ file, standIn: /__officeStandIn|installOfficeStandIn/.test(readFileSync(file, 'utf8')) }).toEqual({ file, standIn: false });
  });
});
