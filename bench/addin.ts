import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { builtAddin } from '../testkit/builtAddin';
import { launchChromium } from '../testkit/chromium';
import { serveOfficeStandIn } from '../testkit/office/standInScript';
import { scaled } from './harness/scale';
import { againstTarget } from './harness/against';

/** The task pane's JavaScript budget, gzipped. */
const BUDGET_GZ = 200 * 1024;
const RUNS = scaled(7, 1);

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Files a module imports statically (`import ... from "./x.js"`), transitively: what loads before the first render. */
function staticGraph(dir: string, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const src = readFileSync(path.join(dir, file), 'utf8');
    for (const m of src.matchAll(/(?:^|[;}\s])import\s*(?:[^"'()]*?from\s*)?["']\.\/?([^"']+)["']/g)) {
      visit(path.normalize(path.join(path.dirname(file), m[1] as string)));
    }
  };
  visit(entry);
  return [...seen];
}

/**
 * The task pane's size (minified as built, and gzipped) and its time to first interactive
 * render (the child search box on screen and enabled) in headless Chromium, served from
 * dist/addin on this machine with the office-js stand-in.
 */
export async function addinBenchmark(): Promise<void> {
  const dir = builtAddin();
  const initial = staticGraph(dir, 'taskpane.js');
  const all = ['taskpane.js', ...readdirSync(path.join(dir, 'chunks')).map((f) => path.join('chunks', f))];
  const sum = (files: string[], f: (p: string) => number) => files.reduce((n, file) => n + f(path.join(dir, file)), 0);
  const initialGz = sum(initial, gz);
  console.log('Outlook add-in task pane');
  console.log(`  JavaScript before first render (${initial.length} files): ${kb(sum(initial, (p) => statSync(p).size))} minified, ${kb(initialGz)} gzipped   ${againstTarget(initialGz / 1024, { what: 'gzipped before first render under', value: BUDGET_GZ / 1024, unit: 'KB' })}`);
  console.log(`  all task pane JavaScript, incl. the sign-in chunk loaded on demand: ${kb(sum(all, (p) => statSync(p).size))} minified, ${kb(sum(all, gz))} gzipped   ${againstTarget(sum(all, gz) / 1024, { what: 'what a SENCO waits for (incl. sign-in) under', value: BUDGET_GZ / 1024, unit: 'KB' })}`);
  console.log(`  event handlers (commands.js, one ES2016 script): ${kb(statSync(path.join(dir, 'commands.js')).size)} minified, ${kb(gz(path.join(dir, 'commands.js')))} gzipped`);

  const server = createServer((req, res) => {
    const file = path.join(dir, path.normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/addin\//, '')));
    if (!file.startsWith(dir)) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': file.endsWith('.html') ? 'text/html' : 'application/javascript' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/addin/taskpane.html`;
  const browser = await launchChromium();
  const times: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 420, height: 900 } });
      const page = await context.newPage();
      await serveOfficeStandIn(page, { requirementSets: { Mailbox: '1.13', NestedAppAuth: '1.1' } });
      await page.goto(url);
      await page.waitForSelector('input[type="search"]:not([disabled])');
      times.push(await page.evaluate(() => performance.now()));
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  console.log(`  time to first interactive render (search box ready), ${RUNS} cold loads: median ${median.toFixed(0)} ms, best ${times[0]?.toFixed(0)} ms, worst ${times.at(-1)?.toFixed(0)} ms`);
}
