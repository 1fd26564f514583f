import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/**
 * Real headless Chromium from Debian's package (never a downloaded browser), with the flags
 * this machine needs. Every browser test launches through here.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
}

/**
 * Starts the pages' clock at `at` (an ISO instant; the test service's clock start), flowing
 * from there. A page that works out today for itself (the tab's census date, its Today view)
 * must agree with a service on a fixed test clock, or a test fails once the real date moves on.
 */
export async function startPagesClockAt(context: BrowserContext, at: string): Promise<void> {
  await context.clock.install({ time: new Date(at) });
}

/** The repository this file is in, from the sources (`testkit/`) or the build (`dist/testkit/`). */
function repositoryRoot(from: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
  // dist/ has none of its own, so the first package.json up is the repository's.
  return dir;
}

/**
 * Where tests save screenshots of each page state: `.test-output/screenshots/` inside the
 * repository (git ignores it), so `npm test` changes no tracked file and writes nothing
 * outside the work tree. `npm run screenshots` sets EHCP_SCREENSHOT_DIR=docs/screenshots to
 * refresh the copies the README shows.
 */
export const screenshotDir = path.resolve(repositoryRoot(__dirname), process.env.EHCP_SCREENSHOT_DIR ?? path.join('.test-output', 'screenshots'));

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * Runs axe-core in the page against WCAG 2.0/2.1/2.2 A and AA (the UK public sector
 * accessibility regulations' bar) and returns the violations, for `expect(...).toEqual([])`.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: source });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
}
