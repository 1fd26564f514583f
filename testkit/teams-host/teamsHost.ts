import type { Frame, Page } from 'playwright-core';

/**
 * A stand-in for the Teams web client, for browser tests of the tab: a page at a Teams
 * origin (served by playwright's router, never the network) that frames the tab and answers
 * teams-js's postMessage calls the way the host does. Written against @microsoft/teams-js
 * 2.58's wire format: requests `{ id, uuidAsString, func, args }`, answers `{ id, uuidAsString, args }`.
 *
 * It answers `initialize` (frame context, host client type, runtime config, SDK version),
 * `getContext`, `authentication.getAuthToken` (with the token the test gives it) and
 * acknowledges the rest. Every call is recorded, so tests can say what the tab asked for.
 */
export const TEAMS_ORIGIN = 'https://teams.microsoft.com';
const HOST_PATH = '/_ehcp-test-host/';
/** Where teams-js fetches its list of valid host origins at load; outside a test it is Microsoft's CDN. */
export const VALID_ORIGINS_URL = 'https://res.cdn.office.net/teams-js/validDomains/json/validDomains.json';

export interface TeamsHostOptions {
  /** The tab's URL on the real service (its /tab/); the frame loads it through {@link TAB_ORIGIN}. */
  tabUrl: string;
  /** What `authentication.getAuthToken` answers: the Teams SSO token (in tests, a dev token). */
  ssoToken: string;
  /** Whether the runtime config recommends nested app authentication. Default false. */
  naaRecommended?: boolean;
  theme?: 'default' | 'dark' | 'contrast';
  /** Where Teams shows the tab: `content` (a tab), or `sidePanel` beside a meeting call, with the meeting's ids. Default content. */
  frameContext?: 'content' | 'sidePanel' | 'settings';
  meeting?: { meetingId: string; chatId: string };
}

export interface TeamsHost {
  /** The tab's frame inside the host page. */
  tab(): Promise<Frame>;
  /** The teams-js functions the tab called, in order. */
  calls(): Promise<string[]>;
}

/** Answers teams-js's valid-origins fetch with the origins this stand-in uses (so nothing leaves the machine). */
export async function routeValidOrigins(page: Page): Promise<void> {
  await page.route(VALID_ORIGINS_URL, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', headers: { 'access-control-allow-origin': '*' }, body: JSON.stringify({ validOrigins: ['teams.microsoft.com', '*.teams.microsoft.com'] }) }),
  );
}

/**
 * The https origin the tab is framed from. Chromium's local network access checks refuse a
 * public origin (Teams) framing 127.0.0.1, so the stand-in gives the tab a public-looking
 * origin of its own, as a deployed tab has, and forwards its requests to the real service.
 */
export const TAB_ORIGIN = 'https://tab.ehcp-review.test';

/** Opens the stand-in host page with the tab framed in it. */
export async function openInTeamsHost(page: Page, options: TeamsHostOptions): Promise<TeamsHost> {
  await routeValidOrigins(page);
  const service = new URL(options.tabUrl);
  await page.route(`${TAB_ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    const response = await route.fetch({ url: `${service.origin}${url.pathname}${url.search}` });
    await route.fulfill({ response });
  });
  await page.route(`${TEAMS_ORIGIN}${HOST_PATH}**`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: hostPage(options) }));
  await page.goto(`${TEAMS_ORIGIN}${HOST_PATH}index.html`);
  return {
    async tab() {
      const handle = await page.waitForSelector('iframe#tab');
      const frame = await handle.contentFrame();
      if (!frame) throw new Error('the tab frame did not load');
      return frame;
    },
    calls: () => page.evaluate(() => (window as unknown as { hostCalls: string[] }).hostCalls),
  };
}

/** The runtime config a Teams web client sends (the parts teams-js reads for what this tab uses). */
function runtimeConfig(naa: boolean) {
  return {
    apiVersion: 4,
    hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
    isNAAChannelRecommended: naa,
    isLegacyTeams: false,
    supports: {
      app: {},
      appInstallDialog: {},
      authentication: {},
      dialog: { card: {}, url: {}, update: {} },
      pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrust: {} },
      teamsCore: {},
      ...(naa ? { nestedAppAuth: {} } : {}),
    },
  };
}

function hostPage(options: TeamsHostOptions): string {
  const settings = {
    token: options.ssoToken,
    runtime: JSON.stringify(runtimeConfig(options.naaRecommended ?? false)),
    theme: options.theme ?? 'default',
    tabOrigin: TAB_ORIGIN,
    frameContext: options.frameContext ?? 'content',
    meeting: options.meeting ?? null,
  };
  const tabUrl = new URL(options.tabUrl);
  const tabSrc = `${TAB_ORIGIN}${tabUrl.pathname}${tabUrl.search}${tabUrl.hash}`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Teams (test host)</title>
<style>body{margin:0}iframe{border:0;width:100%;height:100vh}</style></head><body>
<iframe id="tab" title="EHCP annual reviews" src="${tabSrc}"></iframe>
<script>
const settings = ${JSON.stringify(settings)};
window.hostCalls = [];
const context = {
  locale: 'en-gb', theme: settings.theme, entityId: 'dashboard', subEntityId: '', frameContext: settings.frameContext, hostClientType: 'web',
  ...(settings.meeting ? { meetingId: settings.meeting.meetingId, chatId: settings.meeting.chatId } : {}),
  hostName: 'Teams', appSessionId: 'test-session', tid: '11111111-1111-4111-8111-111111111111', userObjectId: 'demo-manager',
  loginHint: 'send.manager@demo-council.example', userPrincipalName: 'send.manager@demo-council.example', sessionId: 'test-session',
};
const answers = {
  initialize: () => [settings.frameContext, 'web', settings.runtime, '2.58.0'],
  getContext: () => [context],
  'authentication.getAuthToken': () => [true, settings.token],
};
window.addEventListener('message', (event) => {
  const frame = document.getElementById('tab');
  if (event.source !== frame.contentWindow || event.origin !== settings.tabOrigin) return;
  const message = event.data;
  if (!message || typeof message.func !== 'string') return;
  window.hostCalls.push(message.func);
  const answer = answers[message.func];
  // Calls without an answer (notifySuccess, handler registrations) are one-way in Teams too.
  if (!answer) return;
  frame.contentWindow.postMessage({ id: message.id, uuidAsString: message.uuidAsString, args: answer(message.args) }, settings.tabOrigin);
});
</script></body></html>`;
}
