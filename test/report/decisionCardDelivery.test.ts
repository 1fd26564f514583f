import { proactiveSender } from '../../bot/teams/sdk/proactive';
import { cardPreviewPage } from '../../testkit/bot-framework/cardPreview';
import { axeViolations, launchChromium, saveScreenshot } from '../../testkit/chromium';
import { type ConnectorServer, startConnectorServer } from '../../testkit/bot-framework/connectorServer';
import { type EntraTestAuthority, startEntraTestAuthority, unsecuredJwt } from '../../testkit/entraTestAuthority';
import { cardsOf, executeAction, inputIds, type Json, textOf } from '../bot/support/cards';
import { TENANT } from '../../testkit/graph-server/harness';
import { storeKinds } from '../../testkit/stores';
import { filledReport, type ReportHarness, startReportHarness, TODAY } from './support';

const BOT_ID = '5a1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const OFFICER_CHAT = 'a:officer-personal-chat';

/**
 * #24, the last step of the report: the SENCO's submit, through the real HTTP service,
 * leads to the case officer's decision card arriving at the Bot Connector (the local
 * stand-in), sent by the service's own reminder sweeper from the outbox, with the report's
 * recommendation chosen and its proposed amendments filled in. The bot's authentication is
 * on: the officer's install and the card's submit carry channel tokens signed by a local
 * issuer, and the proactive send carries the bot's token. Friday 20 November 2026; the
 * meeting was on 10 November.
 */
describe.each(storeKinds)('the decision card after the report is submitted (%s)', (kind) => {
  let h: ReportHarness;
  let authority: EntraTestAuthority;
  let connector: ConnectorServer;
  const botToken = async () => unsecuredJwt({ aud: 'https://api.botframework.com', exp: Math.floor(Date.now() / 1000) + 3600 });

  beforeAll(async () => {
    authority = await startEntraTestAuthority();
    connector = await startConnectorServer();
    h = await startReportHarness(kind, {
      env: { BOT_CLIENT_ID: BOT_ID, BOT_OPENID_METADATA_URL: authority.botFrameworkMetadataUrl, REMINDERS: 'on', REMINDERS_SWEEP_INTERVAL_MS: '50', REMINDERS_RETRY_BASE_MS: '60000' },
      service: { teams: { outboundToken: botToken }, reminderChannels: { teams: proactiveSender({ token: botToken }) } },
    });
  }, 90_000);
  afterAll(async () => {
    await h?.close();
    await connector?.close();
    await authority?.close();
  });

  /** An activity from the officer in their personal chat with the bot, in the council's tenant. */
  const fromOfficer = (extra: Record<string, unknown>) => ({
    id: `activity-${Math.random().toString(36).slice(2)}`,
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    timestamp: '2026-11-20T10:00:00.000Z',
    from: { id: '29:1-officer', aadObjectId: 'officer', name: 'Olive Officer' },
    recipient: { id: `28:${BOT_ID}`, name: 'EHCP Review Assistant' },
    conversation: { id: OFFICER_CHAT, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    ...extra,
  });
  const post = async (activity: Record<string, unknown>, token: string | null) => {
    const res = await fetch(`${h.svc.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Json) : undefined };
  };
  const channelToken = () => authority.issueChannelToken({ appId: BOT_ID, serviceUrl: connector.serviceUrl });
  const outboxOf = (reviewId: string) =>
    h.svc.service.db.query<{ due_on: string; status: string }>("select to_char(due_on, 'YYYY-MM-DD') as due_on, status from reminder_outbox where review_id = $1 and kind = 'decision-needed' order by due_on", [reviewId]);
  /** Waits (without asserting on time) until `check` holds, polling the store. */
  const until = async (what: string, check: () => Promise<boolean>) => {
    for (let i = 0; i < 1200; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`gave up waiting: ${what}`);
  };
  const decisionCards = (from: number) =>
    connector
      .sentActivities(OFFICER_CHAT)
      .slice(from)
      .map((a) => cardsOf(a)[0])
      .filter((c): c is Json => !!c && !!executeAction(c, 'decision.submit'));

  it('the install without a channel token reaches nothing; with one, the officer’s chat is kept', async () => {
    expect((await post(fromOfficer({ type: 'installationUpdate', action: 'add' }), null)).status).toBe(401);
    expect(await h.svc.service.db.query('select 1 from teams_conversations where conversation_id = $1', [OFFICER_CHAT])).toHaveLength(0);
    expect((await post(fromOfficer({ type: 'installationUpdate', action: 'add' }), await channelToken())).status).toBe(200);
    expect(await h.svc.service.db.query('select 1 from teams_conversations where conversation_id = $1', [OFFICER_CHAT])).toHaveLength(1);
  });

  it('the submitted report’s decision card reaches the officer at the Bot Connector with the recommendation and amendments, and its submit records the decision', async () => {
    const id = h.ids['N-1'] as string;
    // The meeting day's "decision needed" (10 November) is delivered or given up before the report goes.
    await until('the meeting day’s decision reminder is handled', async () => (await outboxOf(id)).every((o) => o.status === 'sent' || o.status === 'dead'));
    const before = connector.sentActivities(OFFICER_CHAT).length;

    const current = await h.svc.call('GET', `/api/reviews/${id}/report`, { token: h.senco });
    const attendees = current.body.content.attendees.map((a: object) => ({ ...a, attended: true }));
    const put = await h.svc.call('PUT', `/api/reviews/${id}/report/draft`, { token: h.senco, body: filledReport('general', attendees), headers: { 'If-Match': current.headers.get('etag') as string } });
    const submitted = await h.svc.call('POST', `/api/reviews/${id}/report/submit`, { token: h.senco, headers: { 'If-Match': put.headers.get('etag') as string, 'Idempotency-Key': 'submit-for-card' } });
    expect(submitted.status).toBe(201);
    expect(submitted.body.delivery).toMatchObject({ status: 'sent', sentOn: TODAY });
    // The report's own "decision needed", due the day it went.
    expect(await outboxOf(id)).toContainEqual({ due_on: TODAY, status: expect.any(String) });

    await until('the decision card reaches the connector', async () => decisionCards(before).length > 0);
    const [card] = decisionCards(before);
    const sent = connector.sentActivities(OFFICER_CHAT).slice(before).find((a) => cardsOf(a)[0] === card) as Json;
    // Initials and reference only, in the notification and on the card.
    expect(sent.summary).toMatch(/^Report arrived: LA decision needed: A\.E\. \(N-1\) \(reference R-\d+\)$/);
    expect(JSON.stringify(sent)).not.toContain('Ada Example');
    // Sent by the bot with its token, to the conversation the install stored.
    const call = connector.calls.find((c) => c.body === sent);
    expect(call).toMatchObject({ method: 'POST', path: `/v3/conversations/${OFFICER_CHAT}/activities`, authorization: expect.stringMatching(/^Bearer ey/) });
    expect(inputIds(card)).toEqual(['outcome', 'notifiedOn', 'reasons', 'proposedAmendments']);
    const input = (wanted: string) => (card.body as Json[]).flatMap(function walk(n: Json): Json[] {
      return n && typeof n === 'object' ? [n, ...Object.values(n).flatMap((v) => (Array.isArray(v) ? v.flatMap(walk) : walk(v)))] : [];
    }).find((n) => n.id === wanted);
    expect(input('outcome')?.value).toBe('amend');
    expect(input('proposedAmendments')?.value).toBe('Section F: Add weekly speech and language therapy, 30 minutes, 1:1.');
    expect(input('notifiedOn')?.value).toBe(TODAY);
    const words = textOf(card);
    expect(words).toContain('Decision needed: A.E. (N-1)');
    expect(words).toContain('School’s report\nsent Fri 20 Nov 2026, recommends amend');
    expect(words).toContain('Meeting held\nTue 10 Nov 2026');
    expect(words).toContain('Decision due\nTue 8 Dec 2026 (in 18 days)');

    // What the officer sees: the card as received, drawn in Chromium by the test's card preview (not Teams' renderer), axe clean.
    if (kind === 'pglite') {
      const browser = await launchChromium();
      try {
        const page = await browser.newPage({ viewport: { width: 600, height: 900 }, locale: 'en-GB' });
        await page.setContent(cardPreviewPage(card, { title: 'Decision needed', caption: 'The decision card as the Bot Connector received it after the report was submitted (drawn by the tests, not by Teams)' }));
        expect(await page.locator('input[name="outcome"][value="amend"]').isChecked()).toBe(true);
        expect(await page.locator('textarea#proposedAmendments').inputValue()).toBe('Section F: Add weekly speech and language therapy, 30 minutes, 1:1.');
        expect(await page.locator('.unsupported').count()).toBe(0);
        expect(await axeViolations(page)).toEqual([]);
        await saveScreenshot(page, 'decision-card-from-report');
      } finally {
        await browser.close();
      }
    }

    // The officer decides from that card (a channel token again): the decision is recorded with the report's amendments.
    const data = executeAction(card, 'decision.submit').data;
    const answer = await post(
      fromOfficer({
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId: String(sent.id ?? 'card-1'),
        value: { action: { type: 'Action.Execute', verb: 'decision.submit', data: { ...data, outcome: 'amend', notifiedOn: TODAY, reasons: 'Needs have grown; add speech and language provision.', proposedAmendments: input('proposedAmendments')?.value } }, trigger: 'manual' },
      }),
      await channelToken(),
    );
    expect(answer.status).toBe(200);
    expect(textOf(answer.body?.value)).toContain('Decision recorded');
    const [decision] = await h.svc.service.db.query<{ outcome: string; notified_on: string }>("select outcome, to_char(notified_on, 'YYYY-MM-DD') as notified_on from decisions where review_id = $1", [id]);
    expect(decision).toEqual({ outcome: 'amend', notified_on: TODAY });
  });
});
