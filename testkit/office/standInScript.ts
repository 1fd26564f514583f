import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import type { Page } from 'playwright-core';
import type { StandInInit } from './officeStandIn';

let bundled: string | undefined;

/**
 * The stand-in as one plain script (ES2016, no imports), installing `Office` on the global
 * object with `init`: for `page.addInitScript` and for a bare `node:vm` context.
 */
export function officeStandInScript(init: StandInInit): string {
  return `${officeStandInBundle()}\n__officeStandInModule.installOfficeStandIn(globalThis, ${JSON.stringify(init)});\n`;
}

/** The stand-in's bundle alone: it defines `__officeStandInModule.installOfficeStandIn(target, init)` and installs nothing. */
export function officeStandInBundle(): string {
  bundled ??= buildSync({
    // The TypeScript source, or its compiled JavaScript when run from dist/ (the benchmark).
    entryPoints: [path.join(__dirname, existsSync(path.join(__dirname, 'officeStandIn.ts')) ? 'officeStandIn.ts' : 'officeStandIn.js')],
    bundle: true,
    format: 'iife',
    globalName: '__officeStandInModule',
    target: 'es2016',
    write: false,
  }).outputFiles[0]!.text;
  return bundled;
}

/** The CDN address the add-in's pages load office.js from. */
export const OFFICE_JS = /^https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js/;

/**
 * Installs the stand-in before any page script runs and answers the page's office.js
 * request in its place (the stand-in is already there, so the served script only notes it).
 */
export async function serveOfficeStandIn(page: Page, init: StandInInit): Promise<void> {
  await page.addInitScript({ content: officeStandInScript(init) });
  await page.route(OFFICE_JS, (route) =>
    route.fulfill({ status: 200, contentType: 'application/javascript', body: 'globalThis.__officeStandIn && globalThis.__officeStandIn.calls.push("office.js");' }),
  );
}
