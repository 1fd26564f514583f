import type { FileSender, TeamsFile } from '../../bot/teams';
import { cardsOf, executeAction, inputIds, textOf } from './support/cards';
import { BOT_ID, type BotHarness, DEMO_TENANT, people, startBotHarness } from '../../testkit/bot-framework/botHarness';

// One service for the file: installs, the commands, and files, each through the real
// endpoint with channel tokens checked; replies read back from the recording connector.
describe('chatting with the bot', () => {
  let h: BotHarness;
  const files: { sender: FileSender; file: TeamsFile }[] = [];
  beforeAll(async () => {
    h = await startBotHarness('pglite', {
      teams: {
        onFileReceived: async (sender, file) => {
          files.push({ sender, file });
          return { reply: `Thanks, ${file.name} is with the advice area.` };
        },
      },
    });
  });
  afterAll(async () => {
    // Every card and message this suite made the bot send: initials and references only.
    await h.expectNoChildNames();
    await h.stop();
  });

  /** Posts the activity and returns what the bot sent in reply. */
  const exchange = async (activity: Record<string, unknown>) => {
    const before = h.connector.sentActivities().length;
    const res = await h.post(activity);
    expect(res.status).toBe(200);
    return h.connector.sentActivities().slice(before);
  };
  const conversations = (id: string) => h.svc.service.db.query<{ person_id: number | null; conversation_type: string; service_url: string }>('select person_id::int as person_id, conversation_type, service_url from teams_conversations where conversation_id = $1', [id]);

  describe('conversations', () => {
    it('stores the personal chat when a registered officer installs the app, matched to them, and says hello', async () => {
      const sent = await exchange({ ...h.message(people.officer, ''), type: 'installationUpdate', action: 'add', text: undefined });
      expect(sent).toHaveLength(1);
      expect(String(sent[0]?.text)).toContain('my reviews');
      // Teams follows an install with conversationUpdate (bot added): stored again, not greeted twice.
      expect(await exchange({ ...h.message(people.officer, ''), type: 'conversationUpdate', text: undefined, membersAdded: [{ id: `28:${BOT_ID}` }] })).toHaveLength(0);
      const [row] = await conversations(h.personalConversation(people.officer));
      const [officer] = await h.svc.service.db.query<{ id: number }>("select id::int as id from people where entra_object_id = 'demo-officer'");
      expect(row).toEqual({ person_id: officer?.id, conversation_type: 'personal', service_url: h.connector.serviceUrl });
    });

    it('removes it when the app is uninstalled', async () => {
      await exchange({ ...h.message(people.officer, ''), type: 'installationUpdate', action: 'remove', text: undefined });
      expect(await conversations(h.personalConversation(people.officer))).toEqual([]);
    });

    it('stores a group chat the bot is added to, reaching the chat rather than one person', async () => {
      const chat = { id: '19:review-team@thread.v2', conversationType: 'groupChat', tenantId: DEMO_TENANT };
      await exchange({ ...h.message(people.manager, ''), type: 'conversationUpdate', text: undefined, conversation: chat, membersAdded: [{ id: `28:${BOT_ID}` }] });
      expect(await conversations(chat.id)).toEqual([{ person_id: null, conversation_type: 'groupChat', service_url: h.connector.serviceUrl }]);
      await exchange({ ...h.message(people.manager, ''), type: 'conversationUpdate', text: undefined, conversation: chat, membersRemoved: [{ id: `28:${BOT_ID}` }] });
      expect(await conversations(chat.id)).toEqual([]);
    });

    it('stores the personal chat on a first message too', async () => {
      await exchange(h.message(people.senco, 'help'));
      expect(await conversations(h.personalConversation(people.senco))).toHaveLength(1);
    });

    it('a message moves the stored reference to the service URL Teams now gives, and writes nothing when it is unchanged', async () => {
      const id = h.personalConversation(people.senco);
      await exchange(h.message(people.senco, 'help'));
      await h.svc.service.db.query("update teams_conversations set service_url = 'https://smba.trafficmanager.net/old-region/' where conversation_id = $1", [id]);
      const audits = () => h.svc.service.db.query<{ action: string }>("select action from audit_log where entity = 'teams_conversation' and entity_id = $1 order by id", [id]);
      const before = (await audits()).length;
      await exchange(h.message(people.senco, 'help'));
      expect((await conversations(id))[0]?.service_url).toBe(h.connector.serviceUrl);
      expect((await audits()).slice(before)).toEqual([{ action: 'conversation.updated' }]);
      await exchange(h.message(people.senco, 'my reviews'));
      expect((await audits()).length).toBe(before + 1);
    });

    it('answers an unregistered person politely, saying who can register them, and stores nothing', async () => {
      const sent = await exchange(h.message(people.stranger, 'my reviews'));
      expect(sent).toHaveLength(1);
      expect(String(sent[0]?.text)).toMatch(/not registered.*SEND team/s);
      expect(sent[0]?.attachments).toBeUndefined();
      expect(await conversations(h.personalConversation(people.stranger))).toEqual([]);
    });

    it('does not take demo-officer’s object id from another tenant for demo-officer', async () => {
      const sent = await exchange(h.message(people.officerElsewhere, 'my reviews'));
      expect(String(sent[0]?.text)).toMatch(/not registered/);
    });
  });

  describe('commands', () => {
    it('help lists the commands', async () => {
      const [reply] = await exchange(h.message(people.senco, 'help'));
      for (const c of ['help', 'my reviews', 'overdue', 'record decision']) expect(String(reply?.text)).toContain(c);
    });

    it('unknown input gets help, never silence', async () => {
      const [reply] = await exchange(h.message(people.senco, 'what about Tuesday?'));
      expect(String(reply?.text)).toMatch(/didn’t understand[\s\S]*my reviews/);
    });

    it('my reviews shows a SENCO their school’s steps, soonest first, with what to do, the rule and a button', async () => {
      const [reply] = await exchange(h.message(people.senco, 'my reviews'));
      const [card] = cardsOf(reply);
      expect(card.version).toBe('1.5');
      const text = textOf(card);
      expect(text).toContain('Due from you, soonest first');
      expect(text).toMatch(/Rule/);
      const dues = [...text.matchAll(/by (?:\w{3} )?(\d{1,2} \w{3} \d{4})/g)].map((m) => Date.parse(m[1] as string));
      expect(dues.length).toBeGreaterThan(1);
      expect(dues).toEqual([...dues].sort((a, b) => a - b));
      expect(text).not.toContain('awaiting the council’s decision');
      const labels = [...text.matchAll(/([A-Z]\.[A-Z]\.) \((DEMO-\d{4})\)/g)];
      expect(labels.length).toBeGreaterThan(1);
      const schools = await h.svc.service.db.query<{ la_reference: string }>(
        "select c.la_reference from children c join plans p on p.child_id = c.id where p.school_id = 'demo-school-1'",
      );
      for (const [, , ref] of labels) expect(schools.map((s) => s.la_reference)).toContain(ref);
      expect(card.body.some((n: { type: string }) => n.type === 'Container')).toBe(true);
    });

    it('my reviews shows an officer the decisions and amendments due from the council', async () => {
      const [reply] = await exchange(h.message(people.officer, 'my reviews'));
      const text = textOf(cardsOf(reply)[0]);
      expect(text).toContain('awaiting the council’s decision');
      expect(text).not.toContain('meeting not booked');
    });

    it('overdue lists the council’s overdue steps for an LA manager', async () => {
      const [reply] = await exchange(h.message(people.manager, 'overdue'));
      const text = textOf(cardsOf(reply)[0]);
      expect(text).toContain('Overdue steps');
      expect(text).toContain('(overdue)');
    });

    it('overdue is refused, with the reason and an alternative, for a SENCO', async () => {
      const [reply] = await exchange(h.message(people.senco, 'overdue'));
      expect(String(reply?.text)).toMatch(/LA officers and managers.*my reviews/s);
    });

    it('works in a channel with the bot @mentioned', async () => {
      const channel = { id: '19:send-team@thread.tacv2;messageid=1700000000000', conversationType: 'channel', tenantId: DEMO_TENANT };
      const [reply] = await exchange({
        ...h.message(people.officer, `<at>EHCP Review Assistant</at> overdue`),
        conversation: channel,
        entities: [{ type: 'mention', text: '<at>EHCP Review Assistant</at>', mentioned: { id: `28:${BOT_ID}`, name: 'EHCP Review Assistant' } }],
      });
      expect(textOf(cardsOf(reply)[0])).toContain('Overdue steps');
      expect(h.connector.calls.at(-1)?.conversationId).toBe(channel.id);
    });

    it('record decision sends an officer the decision card: Action.Execute with verb and data.action, refresh for them', async () => {
      const [review] = await h.svc.service.db.query<{ la_reference: string }>(
        "select c.la_reference from review_cycles r join plans p on p.id = r.plan_id join children c on c.id = p.child_id where r.stage = 'reported' order by c.la_reference limit 1",
      );
      const [reply] = await exchange(h.message(people.officer, `record decision ${review?.la_reference}`));
      const [card] = cardsOf(reply);
      expect(card.version).toBe('1.5');
      const submit = executeAction(card, 'decision.submit');
      expect(submit.data.action).toBe('decision.submit');
      expect(card.refresh.action).toMatchObject({ type: 'Action.Execute', verb: 'decision.refresh', data: { action: 'decision.refresh' } });
      expect(card.refresh.userIds).toEqual([people.officer.mri]);
      expect(inputIds(card)).toEqual(['outcome', 'notifiedOn', 'reasons', 'proposedAmendments']);
      expect(textOf(card)).toMatch(/Reg 20\(10\)/);
      // The card shows the officer the child's review: an access record from the bot (#29 item 4).
      const reads = await h.svc.service.db.query<{ actor_user: string; action: string; la_reference: string }>(
        "select actor_user, action, la_reference from access_records where face = 'bot' order by id",
      );
      expect(reads).toEqual([{ actor_user: 'demo-officer', action: 'review.read', la_reference: review?.la_reference }]);
    });

    it('record decision for a review not awaiting one says what it is waiting for instead', async () => {
      const [review] = await h.svc.service.db.query<{ la_reference: string }>(
        "select c.la_reference from review_cycles r join plans p on p.id = r.plan_id join children c on c.id = p.child_id where r.stage = 'not-booked' order by c.la_reference limit 1",
      );
      const [reply] = await exchange(h.message(people.officer, `record decision ${review?.la_reference}`));
      expect(String(reply?.text)).toMatch(/not awaiting the council’s decision: it is meeting not booked/);
    });

    it('record decision is for the council: a SENCO is told so', async () => {
      const [reply] = await exchange(h.message(people.senco, 'record decision DEMO-0001'));
      expect(String(reply?.text)).toMatch(/council’s SEND team/);
    });

    it('record decision with an unknown reference says none was found', async () => {
      const [reply] = await exchange(h.message(people.officer, 'record decision NOPE-1'));
      expect(String(reply?.text)).toContain('no review with council reference NOPE-1');
    });
  });

  describe('files in personal chat', () => {
    const fileAttachment = {
      contentType: 'application/vnd.microsoft.teams.file.download.info',
      name: 'EP advice.pdf',
      contentUrl: 'https://contoso-my.sharepoint.com/personal/ep/Documents/EP%20advice.pdf',
      content: { downloadUrl: 'https://download.example/abc', uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C9D', fileType: 'pdf' },
    };

    it('go to the injected onFileReceived handler with the sender and the file, and its reply is sent', async () => {
      const sent = await exchange(h.message(people.ep, '', { attachments: [fileAttachment] }));
      expect(files).toHaveLength(1);
      expect(files[0]?.sender.principal).toMatchObject({ role: 'professional', orgId: 'demo-nhs' });
      expect(files[0]?.file).toEqual({ name: 'EP advice.pdf', downloadUrl: 'https://download.example/abc', uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C9D', fileType: 'pdf', contentUrl: fileAttachment.contentUrl });
      expect(sent.map((a) => a.text)).toEqual(['Thanks, EP advice.pdf is with the advice area.']);
    });

    it('from an unregistered person reach no handler', async () => {
      await exchange(h.message(people.stranger, '', { attachments: [fileAttachment] }));
      expect(files).toHaveLength(1);
    });

    it('in a group chat are not taken as advice', async () => {
      await exchange(h.message(people.ep, 'help', { attachments: [fileAttachment], conversation: { id: '19:g@thread.v2', conversationType: 'groupChat', tenantId: DEMO_TENANT } }));
      expect(files).toHaveLength(1);
    });
  });
});
