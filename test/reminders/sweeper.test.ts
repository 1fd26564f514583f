import { loadConfig } from '../../bot/config/env';
import { silentLogger } from '../../bot/log/logger';
import type { ReminderChannels } from '../../bot/reminders/channels';
import { defaultSweepPolicy } from '../../bot/reminders/policy';
import { reminderChannelsFromConfig } from '../../bot/reminders/startReminders';
import { type SweeperOptions, sweepOnce } from '../../bot/reminders/sweeper';
import { rememberConversation } from '../../bot/store/conversations';
import { enqueueReminder } from '../../bot/store/reminders/enqueueReminder';
import { recordDecision } from '../../bot/store/reviews/recordDecision';
import { recordMeeting } from '../../bot/store/reviews/recordMeeting';
import { recordReport } from '../../bot/store/reviews/recordReport';
import { type ConnectorServer, startConnectorServer } from '../../testkit/bot-framework/connectorServer';
import { CASEWORKER, CLIENT_ID, type Harness, SECRET, SENCO, SHARED_MAILBOX, startHarness, TEAMS_APP, TENANT } from '../../testkit/graph-server/harness';
import { routeFetch } from '../../testkit/graph-server/routeFetch';
import { fullInvitees, importRows, type People, registerPeople } from '../support/fixtures';
import { openTestStore, storeKinds, type TestStore } from '../../testkit/stores';
import { everythingSent, personalDataIn } from './support/privacyScan';

// Monday 23 November 2026, 09:00 in London (GMT).
const MONDAY = new Date('2026-11-23T09:00:00Z');
const JOIN_URL = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_test';
const MANAGER_USER = { id: 'manager', userPrincipalName: 'manager@north.example', displayName: 'Manager' };

interface Outbox {
  kind: string;
  recipient_key: string;
  status: string;
  channel: string | null;
  late: boolean;
  last_error: string | null;
  attempts: number;
}

describe.each(storeKinds)('the reminder sweeper on %s', (kind) => {
  let store: TestStore;
  let people: People;
  let connector: ConnectorServer;
  let harness: Harness;
  let clock: Date;
  let channels: ReminderChannels;
  let ids: Record<string, string>;
  const decisionCards: string[] = [];

  beforeAll(async () => {
    harness = await startHarness({ graph: { users: [CASEWORKER, SENCO, SHARED_MAILBOX, MANAGER_USER], teamsApps: [TEAMS_APP] } });
  });
  afterAll(() => harness.close());

  beforeEach(async () => {
    clock = MONDAY;
    store = await openTestStore(kind);
    connector = await startConnectorServer();
    people = await registerPeople(store.db);
    await store.db.query("update organisations set entra_tenant_id = $1 where id = 'north-council'", [TENANT]);
    ids = await importRows(store.db, people.officer, ['N-1,Ada Example,north-school,2026-01-10,,2018-04-02,3', 'N-2,Ben Sample,north-school,2026-01-05,,2017-05-06,4']);
    await store.db.transaction(async (tx) => {
      // N-1: a virtual meeting on 2026-12-10, booked on Friday 2026-11-20; the EP invited has no address.
      await recordMeeting(
        tx,
        people.senco,
        ids['N-1'] as string,
        { meetingDate: '2026-12-10', invitationsSentOn: '2026-11-20', invitees: [...fullInvitees(), { role: 'educational-psychologist' }], mode: 'virtual', teamsJoinUrl: JOIN_URL },
        '2026-11-20',
      );
      // N-2: met on 2026-11-05, report in on Thursday 2026-11-19: the LA's decision is needed.
      await recordMeeting(tx, people.senco, ids['N-2'] as string, { meetingDate: '2026-11-05', invitationsSentOn: '2026-10-20', invitees: fullInvitees(), mode: 'in-person' }, '2026-10-20');
      await recordReport(tx, people.senco, ids['N-2'] as string, { sentOn: '2026-11-19', recommendation: 'maintain' }, '2026-11-19');
      // The officer has a chat with the bot in the council's tenant; the SENCO only in the school's own tenant.
      await rememberConversation(tx, { conversationId: 'a:officer-chat', conversationType: 'personal', serviceUrl: connector.serviceUrl, tenantId: TENANT, botId: '28:bot', personId: people.officer.personId, aadObjectId: 'officer' });
      await rememberConversation(tx, {
        conversationId: 'a:senco-chat',
        conversationType: 'personal',
        serviceUrl: connector.serviceUrl,
        tenantId: '33333333-3333-4333-8333-333333333333',
        botId: '28:bot',
        personId: people.senco.personId,
        aadObjectId: 'senco',
      });
      for (const [role, personId] of [['la-manager', people.manager.personId], ['senco', people.senco.personId]] as const) {
        await enqueueReminder(tx, { reviewId: ids['N-1'] as string, kind: 'nudge', recipient: { role, personId, email: null }, dueOn: '2026-11-23', action: 'Please look at this review today.' }, '2026-11-23');
      }
    });
    const config = loadConfig({
      BOT_CLIENT_ID: CLIENT_ID,
      BOT_CLIENT_SECRET: SECRET,
      BOT_TENANT_ID: TENANT,
      BOT_SERVICE_URL: connector.serviceUrl,
      EHCP_GRAPH_CLIENT_ID: CLIENT_ID,
      EHCP_GRAPH_CLIENT_SECRET: SECRET,
      EHCP_GRAPH_BASE_URL: harness.graph.baseUrl,
      REMINDERS_MAILBOX: SHARED_MAILBOX.userPrincipalName,
      REMINDERS_TEAMS_APP_ID: TEAMS_APP.id,
    });
    channels = {
      ...reminderChannelsFromConfig(config, store.db, silentLogger, { identityFetch: routeFetch({ [harness.idp.publicOrigin]: harness.idp.url }) }),
      decisionCard: async (reviewId) => {
        decisionCards.push(reviewId);
        return { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'decision card (bot area)' }] };
      },
    };
  });
  afterEach(async () => {
    await connector.close();
    await store.dispose();
    harness.graph.state.sentMail.length = 0;
    decisionCards.length = 0;
  });

  const options = (): SweeperOptions => ({
    db: store.db,
    channels,
    now: () => clock,
    owner: 'test-instance',
    policy: { ...defaultSweepPolicy, maxAttempts: 3, baseDelayMs: 1000 },
    leaseMs: 60_000,
    batchSize: 2,
    intervalMs: 1000,
    publicUrl: () => 'https://ehcp.example',
    defaultCouncilTenant: null,
    random: () => 0.5,
    logger: silentLogger,
  });
  const outbox = () =>
    store.db.query<Outbox>(
      "select kind, recipient_key, status, channel, late, last_error, attempts from reminder_outbox where status in ('sent', 'dead') or kind = 'nudge' order by kind, recipient_key",
    );

  it('delivers each due reminder once on Monday 2026-11-23: Teams where the bot reaches the person, installs the app for the manager, email for other tenants, a dead letter for no address', async () => {
    const result = await sweepOnce(options());
    expect(result).toMatchObject({ claimed: 7, sent: 6, dead: 1 });
    expect(await outbox()).toEqual([
      { kind: 'advice-requested', recipient_key: 'email:ep@nhs.example', status: 'sent', channel: 'email', late: true, last_error: null, attempts: 1 },
      // The family is asked for its views too (CoP 9.168), with the views form's link.
      { kind: 'advice-requested', recipient_key: 'email:parent@home.example', status: 'sent', channel: 'email', late: true, last_error: null, attempts: 1 },
      { kind: 'advice-requested', recipient_key: 'email:sw@north.example', status: 'sent', channel: 'email', late: true, last_error: null, attempts: 1 },
      {
        kind: 'advice-requested',
        recipient_key: 'role:educational-psychologist',
        status: 'dead',
        channel: null,
        late: false,
        last_error: 'no email or Teams conversation for the educational psychologist of N-1: add one',
        attempts: 1,
      },
      { kind: 'decision-needed', recipient_key: 'role:la-officer', status: 'sent', channel: 'teams', late: true, last_error: null, attempts: 1 },
      { kind: 'nudge', recipient_key: `person:${people.manager.personId}`, status: 'sent', channel: 'teams', late: false, last_error: null, attempts: 1 },
      { kind: 'nudge', recipient_key: `person:${people.senco.personId}`, status: 'sent', channel: 'email', late: false, last_error: null, attempts: 1 },
    ]);
    // The officer got the bot area's decision card, in their own chat; the manager a new chat made by installing the app.
    expect(decisionCards).toEqual([ids['N-2']]);
    expect(connector.sentActivities('a:officer-chat')).toHaveLength(1);
    expect(connector.sentActivities('a:senco-chat')).toHaveLength(0);
    const managerChat = (await store.db.query<{ conversation_id: string }>('select conversation_id from teams_conversations where person_id = $1', [people.manager.personId]))[0];
    expect(connector.sentActivities(managerChat?.conversation_id)).toHaveLength(1);
    expect(connector.calls.every((c) => c.authorization?.startsWith('Bearer ey'))).toBe(true);
    // Most urgent first: the decision, then the nudges, then the advice requests.
    expect(harness.graph.state.sentMail.map((m) => (m.message.toRecipients as { emailAddress: { address: string } }[])[0]?.emailAddress.address)).toEqual([
      'senco@north-school.example',
      'parent@home.example',
      'ep@nhs.example',
      'sw@north.example',
    ]);
    // Those asked for advice or views by email get a one-time link to send it (issue #12); the SENCO the review.
    const body = (address: string) => {
      const mail = harness.graph.state.sentMail.find((m) => (m.message.toRecipients as { emailAddress: { address: string } }[])[0]?.emailAddress.address === address);
      return String((mail?.message.body as { content?: string } | undefined)?.content ?? '');
    };
    expect(body('parent@home.example')).toMatch(/https:\/\/ehcp\.example\/advice\/[A-Za-z0-9_-]{20,}/);
    expect(body('ep@nhs.example')).toMatch(/https:\/\/ehcp\.example\/advice\//);
    expect(body('senco@north-school.example')).not.toContain('/advice/');
    const mail = harness.graph.state.sentMail[1]?.message as { subject: string; body: { content: string } };
    expect(mail.subject).toBe('Your advice is requested for an annual review: A.E. (N-1), by 2026-11-25 (sent late)');
    expect(mail.body.content).toContain('Reg 20(4); CoP 9.176');
    // Not the council's tab, which they cannot open: their own one-time link.
    expect(mail.body.content).not.toContain('/tab/');
    expect(await personalDataIn(everythingSent(connector, harness.graph), store.db)).toEqual([]);
    // Nothing more to send.
    expect((await sweepOnce(options())).claimed).toBe(0);
  });

  it('sends nothing for a review that moved on before its reminder went: the decision is recorded first', async () => {
    await store.db.transaction((tx) => recordDecision(tx, people.officer, ids['N-2'] as string, { outcome: 'maintain', notifiedOn: '2026-11-23', reasons: 'Needs met.' }, '2026-11-23'));
    await sweepOnce(options());
    const rows = await store.db.query<{ kind: string; status: string; cancelled_reason: string }>(
      "select kind, status, cancelled_reason from reminder_outbox where review_id = $1 and kind like 'decision%'",
      [ids['N-2']],
    );
    expect(rows).toContainEqual({ kind: 'decision-needed', status: 'cancelled', cancelled_reason: 'the review moved on' });
    expect(rows.filter((r) => r.status !== 'cancelled')).toEqual([]);
    expect(decisionCards).toEqual([]);
  });

  it('hands back the rest of a slow batch before its lease could run out, and still sends each reminder once', async () => {
    // Each Teams send takes 300 ms; a claim lasts 3.2 s and a send may take 1.5 s (and as long
    // again in reserve to record it), so no send starts later than 200 ms into a claim: the
    // rest go back and are claimed again afresh, in the same sweep. The timeout is five times the delay so that a loaded machine does not time a
    // send out (a timed-out send is retried later, which is not what this test is about).
    connector.faults.add({ action: { type: 'delay', ms: 300 }, times: Number.POSITIVE_INFINITY });
    const result = await sweepOnce({ ...options(), leaseMs: 3200, sendTimeoutMs: 1500, batchSize: 7 });
    expect(result).toMatchObject({ claimed: 7, sent: 6, dead: 1 });
    expect(result.released).toBeGreaterThan(0);
    const sent = await store.db.query<{ n: number }>("select count(*)::int as n from reminder_outbox where status = 'sent'");
    expect(sent).toEqual([{ n: 6 }]);
    expect((await sweepOnce(options())).claimed).toBe(0);
  });

  it('sends nothing outside 08:00-17:00 London time or at the weekend', async () => {
    clock = new Date('2026-11-23T07:30:00Z');
    expect((await sweepOnce(options())).claimed).toBe(0);
    clock = new Date('2026-11-21T10:00:00Z');
    expect((await sweepOnce(options())).claimed).toBe(0);
    expect(connector.calls).toEqual([]);
  });

  it('honours the connector’s 429 Retry-After: nothing before 3 s, then sent', async () => {
    const throttled = connector.faults.add({ action: { type: 'status', status: 429, retryAfterSeconds: 3 }, path: 'a:officer-chat' });
    await sweepOnce(options());
    const waiting = await store.db.query<{ not_before: Date; last_error: string; status: string }>("select not_before, last_error, status from reminder_outbox where kind = 'decision-needed' and due_on = '2026-11-19'");
    expect(new Date(waiting[0]!.not_before).toISOString()).toBe('2026-11-23T09:00:03.000Z');
    expect(waiting[0]).toMatchObject({ status: 'pending', last_error: expect.stringContaining('HTTP 429') });
    clock = new Date('2026-11-23T09:00:02Z');
    expect((await sweepOnce(options())).claimed).toBe(0);
    clock = new Date('2026-11-23T09:00:03Z');
    expect(await sweepOnce(options())).toMatchObject({ claimed: 1, sent: 1 });
    // The connector records what it accepted: the 429 was answered by the fault, the retry accepted.
    expect(throttled.hits).toBe(1);
    expect(connector.sentActivities('a:officer-chat')).toHaveLength(1);
  });

  it('retries a 503 with backoff and dead-letters it after 3 attempts with the last error', async () => {
    connector.faults.add({ action: { type: 'status', status: 503 }, path: 'a:officer-chat', times: Number.POSITIVE_INFINITY });
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      await sweepOnce(options());
      const [row] = await store.db.query<{ not_before: Date | null; status: string }>("select not_before, status from reminder_outbox where kind = 'decision-needed' and due_on = '2026-11-19'");
      if (row?.status === 'pending' && row.not_before) {
        waits.push(new Date(row.not_before).getTime() - clock.getTime());
        clock = new Date(row.not_before);
      }
    }
    // Full jitter at 0.5 over 1 s, then 2 s.
    expect(waits).toEqual([500, 1000]);
    const [dead] = await store.db.query<Outbox>("select kind, recipient_key, status, channel, late, last_error, attempts from reminder_outbox where kind = 'decision-needed' and due_on = '2026-11-19'");
    expect(dead).toMatchObject({ status: 'dead', attempts: 3, last_error: 'gave up after 3 attempts: The Bot Connector answered HTTP 503: injected 503' });
  });
});
