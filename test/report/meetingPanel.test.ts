import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { reportSections } from '../../shared';
import { axeViolations, launchChromium, saveScreenshot, screenshotDir } from '../../testkit/chromium';
import { openInTeamsHost } from '../../testkit/teams-host/teamsHost';
import { JOIN, type ReportHarness, startReportHarness } from './support';

/**
 * The meeting side panel in headless Chromium, framed by the Teams host stand-in in a
 * meeting's side panel, against the real service: the SENCO fills the report as the meeting
 * goes (attendance from Teams, every section, a difference of view), meets the list of what
 * is missing, submits, and the report reaches everyone invited at the local Graph. axe
 * (WCAG 2.2 AA) on each state; a phone-width screenshot too.
 */
let h: ReportHarness;
let browser: Browser;
beforeAll(async () => {
  h = await startReportHarness();
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

async function expectAccessible(page: Page, tab: Frame, name: string, top = true): Promise<void> {
  expect(await axeViolations(tab as unknown as Page)).toEqual([]);
  // The host frames the panel at its own height: show its top, as someone opening it sees it, or where the test scrolled.
  if (top) await tab.locator('h1').scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  // Not a full-page shot: that resizes the host page, and the framed panel is caught mid-repaint (blank).
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
}

const text: Record<string, string> = {
  setting: 'Year 4 at North Primary; attendance 95%, no exclusions.',
  personalBudget: 'Not requested.',
  childViews: 'Ada likes art (recorded with her by the SENCO).',
  parentViews: 'Pleased with reading; worried about friendships.',
  progress: 'Reading outcome achieved; friendships partly.',
  changes: 'Social communication needs have grown; new speech and language advice needed.',
  summary: 'A good year; amend to add speech and language provision.',
};

it('the SENCO fills and submits the report in the meeting side panel, and it reaches every invitee', async () => {
  const id = h.ids['N-1'] as string;
  h.graph.graph.state.addAttendanceReport(
    JOIN,
    [
      { emailAddress: 'parent@home.example', displayName: 'Pat Parent' },
      { emailAddress: 'senco@north-school.example', displayName: 'Sam Senco', role: 'Organizer' },
    ],
    { start: '2026-11-10T10:00:00Z', end: '2026-11-10T11:00:00Z' },
  );
  const context = await browser.newContext({ viewport: { width: 420, height: 1100 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  const page = await context.newPage();
  if (process.env.DEBUG_PANE) page.on('console', (m) => console.log('[panel]', m.text()));
  const host = await openInTeamsHost(page, { tabUrl: `${h.svc.url}/tab/?review=${id}&context=meeting`, ssoToken: h.senco, frameContext: 'sidePanel', meeting: { meetingId: 'meeting-1', chatId: '19:meeting_1@thread.v2' } });
  const tab = await host.tab();
  await tab
    .getByRole('heading', { name: 'Annual review: A.E. (N-1)' })
    .waitFor({ timeout: 20_000 })
    .catch(async (e) => {
      throw new Error(`${(e as Error).message}\n${await tab.locator('body').textContent()}`);
    });
  expect(await tab.evaluate(() => document.body.dataset.signIn)).toBe('teams-sso');
  // The child by initials and reference only, on a shared screen.
  expect(await tab.locator('body').textContent()).not.toContain('Ada Example');
  await tab.getByText('Progress towards outcomes').first().waitFor({ state: 'attached' });
  await expectAccessible(page, tab, 'meeting-side-panel');

  // Submit too early: every empty required section is listed by name, nothing sent.
  await tab.getByRole('button', { name: 'Submit the report to everyone invited' }).click();
  await tab.getByText('The report was not submitted').waitFor();
  expect(await tab.getByText(/Summary of the review meeting must be filled/).count()).toBe(1);
  await tab.getByText('The report was not submitted').scrollIntoViewIfNeeded();
  await expectAccessible(page, tab, 'meeting-report-missing', false);
  expect(h.graph.graph.state.sentMail).toHaveLength(0);

  await tab.getByRole('button', { name: 'Fill from the Teams meeting' }).click();
  await tab.getByText('Filled from the Teams meeting’s attendance report.').waitFor();
  expect(await tab.getByRole('checkbox', { name: /parent/ }).isChecked()).toBe(true);
  expect(await tab.getByRole('checkbox', { name: /social-care/ }).isChecked()).toBe(false);
  for (const s of reportSections) {
    if (text[s.id]) await tab.getByRole('textbox', { name: s.heading }).fill(text[s.id] as string);
  }
  await tab.getByRole('radio', { name: 'Amend the plan' }).check();
  await tab.getByRole('button', { name: 'Add to proposed amendments' }).click();
  await tab.getByLabel('Plan section (for example Section F) 1').fill('Section F');
  await tab.getByLabel('Proposed amendment 1').fill('Weekly speech and language therapy.');
  await tab.getByRole('button', { name: 'Add to differences of view' }).click();
  await tab.getByLabel('Whose view 1').fill('Parent');
  await tab.getByLabel('About 1').selectOption('progress');
  await tab.getByLabel('Their view 1').fill('Reading is not improving at home.');
  await tab.getByText('Draft saved.').waitFor({ timeout: 15_000 });
  await expectAccessible(page, tab, 'meeting-report-draft');

  await tab.getByRole('button', { name: 'Submit the report to everyone invited' }).click();
  await tab.getByText(/The report was sent to 5 people invited/).waitFor({ timeout: 20_000 });
  await tab.getByText('Sent to everyone invited.').waitFor();
  await expectAccessible(page, tab, 'meeting-report-submitted');

  const sent = h.graph.graph.state.sentMail;
  expect(sent).toHaveLength(1);
  expect(sent[0]?.message.subject).toBe('Annual review meeting report: A.E. (N-1)');
  const report = await h.svc.call('GET', `/api/reviews/${id}/report`, { token: h.officer });
  expect(report.body).toMatchObject({ state: 'submitted', content: { recommendation: 'amend', differencesOfView: [{ person: 'Parent', section: 'progress' }] } });
  await context.close();
}, 120_000);

it('is the read-only submitted report for the council, in a plain browser at phone width', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(`${h.svc.url}/tab/?review=${h.ids['N-1']}#devToken=${h.officer}`);
  await page.getByText(/Submitted\./).waitFor();
  expect(await page.getByRole('button', { name: 'Submit the report to everyone invited' }).count()).toBe(0);
  expect(await axeViolations(page)).toEqual([]);
  await saveScreenshot(page, 'meeting-report-phone');
  await context.close();
}, 60_000);
