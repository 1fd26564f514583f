import type { Browser, Page } from 'playwright-core';
import type { GraphAccess } from '../../bot/api/graphAccess';
import type { Db } from '../../bot/store/db';
import { type Harness, SENCO, startHarness, TENANT, CLIENT_ID } from '../graph-server/harness';
import type { SeedDriveItem } from '../graph-server/state';
import { launchChromium } from '../chromium';
import type { StandInInit, StandInItem, StandInState } from './officeStandIn';
import { serveOfficeStandIn } from './standInScript';
import { saveAppointmentToGraph } from '../graph-server/saveAppointment';
import { startTestService, type TestService } from '../service';
import { builtAddin } from '../builtAddin';

/** 24 Nov 2026, 09:00 in London: the service's and the browser's clock. */
export const NOW = new Date(Date.UTC(2026, 10, 24, 9));
export const ADVICE_DRIVE = 'b!advice-drive-north-school';

/** EWS ids (what saveAsync answers) write - and _ of a REST id as + and /. */

export interface PaneHarness {
  graph: Harness;
  svc: TestService;
  browser: Browser;
  senco: string;
  officer: string;
  /** A task pane page on an appointment with the stand-in Office; `item` carries over between openings. */
  openPane(item?: Partial<StandInItem>, init?: Partial<StandInInit>): Promise<{ page: Page; item: () => Promise<StandInItem>; standIn: <T>(fn: (s: StandInState) => T) => Promise<T> }>;
  close(): Promise<void>;
}

/**
 * The built add-in served by the real service (PGlite, dev sign-in), whose Graph calls go
 * on-behalf-of the SENCO to the local Graph server; headless Chromium with the office-js
 * stand-in, whose saveAsync creates the event in the SENCO's Graph calendar as Outlook would.
 */
export async function startPaneHarness(prepare: (db: Db) => Promise<void>, files: SeedDriveItem[]): Promise<PaneHarness> {
  const dir = builtAddin();
  const graph = await startHarness({ graph: { drives: [{ id: ADVICE_DRIVE, siteId: 'north-school-site', items: files }] } });
  const access: GraphAccess = { forCaller: () => graph.userClient(SENCO, { retry: { baseDelayMs: 1, maxDelayMs: 5 } }) };
  const svc = await startTestService('pglite', prepare, { ADDIN_DIR: dir }, { graph: access, now: () => NOW, teamsJoinUrl: { attempts: 3, intervalMs: 5 } });
  const browser = await launchChromium();
  const senco = await svc.token('senco', 'north-school', 'senco');
  const officer = await svc.token('la-officer', 'north-council', 'officer');
  const pages: Page[] = [];
  const graphToken = () => graph.graph.issueToken({ tenantId: TENANT, appId: CLIENT_ID, userId: SENCO.id, scp: ['Calendars.ReadWrite'] });

  return {
    graph,
    svc,
    browser,
    senco,
    officer,
    async openPane(item = {}, init = {}) {
      const context = await browser.newContext({ viewport: { width: 420, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });
      const page = await context.newPage();
      if (process.env.DEBUG_PANE) page.on('console', (m) => console.log('[pane]', m.text()));
      if (process.env.DEBUG_PANE) page.on('pageerror', (e) => console.log('[pane error]', e.message));
      pages.push(page);
      await page.clock.setFixedTime(NOW);
      // Outlook saves the appointment to Exchange, which is where Graph then finds it.
      await page.exposeFunction('__saveToGraph', (saved: StandInItem) => saveAppointmentToGraph(graph.graph.baseUrl, SENCO.id, graphToken(), saved));
      await serveOfficeStandIn(page, { requirementSets: { Mailbox: '1.13', NestedAppAuth: '1.1' }, item, ...init });
      await page.addInitScript(
        ({ token }) => {
          const g = globalThis as unknown as { __officeStandIn: StandInState; __saveToGraph: (i: StandInItem) => Promise<string>; ehcpTokenSource: () => Promise<string> };
          g.__officeStandIn.onSave = (i) => g.__saveToGraph(JSON.parse(JSON.stringify(i)) as StandInItem);
          // Dev sign-in: the token source is injectable; Outlook itself uses NAA or the dialog.
          g.ehcpTokenSource = async () => token;
        },
        { token: senco },
      );
      await page.goto(`${svc.url}/addin/taskpane.html`);
      const standIn = <T>(fn: (s: StandInState) => T) => page.evaluate(`(${fn.toString()})(globalThis.__officeStandIn)`) as Promise<T>;
      return { page, standIn, item: () => standIn((s) => JSON.parse(JSON.stringify(s.item)) as StandInItem) };
    },
    async close() {
      for (const p of pages) await p.context().close();
      await browser.close();
      await svc.stop();
      await graph.close();
    },
  };
}

/** Presses Tab until the focused element's accessible text matches, then returns; fails after `max` presses. */
export async function tabTo(page: Page, text: RegExp, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return '';
      const label = el.getAttribute('aria-label') ?? (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : '') ?? '';
      return `${label} ${el.textContent ?? ''}`.trim();
    });
    if (text.test(focused)) return;
  }
  throw new Error(`Tab never reached an element matching ${text}`);
}
