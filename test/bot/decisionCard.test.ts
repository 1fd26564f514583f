import { readAuditEntries } from '../../bot/store/auditSeal/childKeys';
import { storeKinds } from '../../testkit/stores';
import { cardsOf, executeAction, inputIds, invokeCard, type Json, textOf } from './support/cards';
import { followThrough, letDemoCouncilMail, maintainedOnce } from '../support/decisionFollowThrough';
import { startLetterGraph } from '../letters/support/letterGraph';
import { type BotHarness, DEMO_TENANT, type Person, people, startBotHarness } from '../../testkit/bot-framework/botHarness';

// The LA decision card with Universal Actions, through the real endpoint with channel
// tokens checked: refresh gives each viewer their own version; submit acts as the
// activity's sender and goes through the API's schema and store function.
describe.each(storeKinds)('the decision card (%s)', (kind) => {
  let h: BotHarness;
  let graph: Awaited<ReturnType<typeof startLetterGraph>>;
  beforeAll(async () => {
    graph = await startLetterGraph({ tenants: [DEMO_TENANT] });
    h = await startBotHarness(kind, { service: { mailer: graph.mailer }, prepare: (db) => letDemoCouncilMail(db, DEMO_TENANT) });
  }, 120_000);
  afterAll(async () => {
    await h.expectNoChildNames();
    await h.stop();
    await graph?.close();
  });

  const db = () => h.svc.service.db;
  const count = async (sql: string, params: unknown[] = []) => (await db().query<{ n: number }>(sql, params))[0]?.n;
  const snapshot = async (reviewId: string) => ({
    decisions: await count('select count(*)::int as n from decisions'),
    audit: await count('select count(*)::int as n from audit_log'),
    review: (await db().query('select stage, version from review_cycles where id = $1', [reviewId]))[0],
  });
  /** Reviews awaiting the council's decision, one per test so tests don't share state. */
  const awaiting = async () => {
    const rows = await db().query<{ id: string; la_reference: string }>(
      "select r.id, c.la_reference from review_cycles r join plans p on p.id = r.plan_id join children c on c.id = p.child_id where r.stage = 'reported' and r.council_id = 'demo-council' order by c.la_reference",
    );
    return rows;
  };
  let next = 0;
  const takeReview = async () => {
    const row = (await awaiting())[0];
    if (!row) throw new Error(`no demo review left awaiting a decision (test ${next++})`);
    return row;
  };

  /** The officer asks for the card in their personal chat; answers the card and the message id it was sent as. */
  const cardFromCommand = async (laReference: string) => {
    const before = h.connector.calls.length;
    await h.post(h.message(people.officer, `record decision ${laReference}`));
    const call = h.connector.calls.slice(before).find((c) => c.method === 'POST');
    const card = cardsOf(call?.body)[0];
    return { card, data: executeAction(card, 'decision.submit').data, refreshData: card.refresh.action.data };
  };
  const refresh = async (who: Person, data: Json) => invokeCard((await h.post(h.cardAction(who, 'decision.refresh', data))).body);
  const submit = async (who: Person, data: Json, inputs: Record<string, string>, replyToId = 'card-message-1') =>
    invokeCard((await h.post(h.cardAction(who, 'decision.submit', { ...data, ...inputs }, { replyToId, conversation: { id: h.personalConversation(people.officer), conversationType: 'personal', tenantId: who.tenantId } }))).body);
  const maintain = () => ({ outcome: 'maintain', notifiedOn: h.today, reasons: 'The plan still meets the child’s needs.' });

  it('refresh shows the form to an officer of the council', async () => {
    const review = await takeReview();
    const { refreshData } = await cardFromCommand(review.la_reference);
    const card = await refresh(people.officer, refreshData);
    expect(inputIds(card)).toEqual(['outcome', 'notifiedOn', 'reasons', 'proposedAmendments']);
    expect(executeAction(card, 'decision.submit')).toBeDefined();
    expect(card.refresh.userIds).toEqual([people.officer.mri]);
  });

  it('refresh shows the status, and no form, to a SENCO, an LA manager and another council’s officer', async () => {
    const review = await takeReview();
    const { refreshData } = await cardFromCommand(review.la_reference);
    for (const who of [people.senco, people.manager, people.otherOfficer, people.stranger]) {
      const card = await refresh(who, refreshData);
      expect(inputIds(card)).toEqual([]);
      expect(executeAction(card, 'decision.submit')).toBeUndefined();
      expect(textOf(card)).toMatch(/awaiting the council’s decision/);
      expect(textOf(card)).toMatch(/An LA SEND officer of Demo Borough Council \(fictional\) records it/);
      expect(card.refresh.userIds).toEqual([who.mri]);
    }
  });

  it.each([
    ['a SENCO', people.senco, /LA SEND officer/],
    ['an LA manager', people.manager, /you are registered as an LA manager/],
    ['another council’s officer', people.otherOfficer, /Only an LA SEND officer of Demo Borough Council/],
    ['an unregistered person', people.stranger, /not registered/],
    ['demo-officer’s object id in another tenant', people.officerElsewhere, /not registered/],
  ])('a forged submit by %s changes no row and no audit entry, and says why', async (_who, who, why) => {
    const review = await takeReview();
    const { data } = await cardFromCommand(review.la_reference);
    const before = await snapshot(review.id);
    const card = await submit(who, data, maintain());
    expect(textOf(card)).toMatch(why);
    expect(textOf(card)).toMatch(/nothing was recorded/i);
    expect(await snapshot(review.id)).toEqual(before);
    expect(h.connector.calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
  });

  it('a submit naming someone else in its data still acts as the sender', async () => {
    const review = await takeReview();
    const { data } = await cardFromCommand(review.la_reference);
    const before = await snapshot(review.id);
    const card = await submit(people.senco, { ...data, aadObjectId: 'demo-officer', userId: 'demo-officer', from: { aadObjectId: 'demo-officer' } }, maintain());
    expect(textOf(card)).toMatch(/nothing was recorded/i);
    expect(await snapshot(review.id)).toEqual(before);
  });

  it('an officer’s submit records the decision once, sends the letter, and updates the card for everyone; a double submit does nothing more', async () => {
    const review = await takeReview();
    const { data } = await cardFromCommand(review.la_reference);
    const before = await snapshot(review.id);
    const puts = h.connector.calls.filter((c) => c.method === 'PUT').length;
    const first = await submit(people.officer, data, maintain(), 'card-message-7');
    expect(textOf(first)).toContain('Decision recorded');
    expect(textOf(first)).toMatch(/next annual review is due by/);
    const second = await submit(people.officer, data, maintain(), 'card-message-7');
    expect(textOf(second)).toContain('Decision recorded');

    const after = await snapshot(review.id);
    expect(after.decisions).toBe((before.decisions as number) + 1);
    expect(await count("select count(*)::int as n from audit_log where action = 'decision.maintain' and entity_id = $1", [review.id])).toBe(1);
    expect(await count('select count(*)::int as n from review_cycles r where r.plan_id = (select plan_id from review_cycles where id = $1)', [review.id])).toBe(2);
    const updates = h.connector.calls.filter((c) => c.method === 'PUT').slice(puts);
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(updates[0]?.path).toBe(`/v3/conversations/${h.personalConversation(people.officer)}/activities/card-message-7`);
    expect(textOf(cardsOf(updates[0]?.body)[0])).toContain('Decision recorded');
    // What bot/app/recordDecision.test.ts and test/api/decisionApi.test.ts expect too.
    expect(await followThrough(db(), review.id, graph.harness.graph.state, review.la_reference)).toEqual(maintainedOnce);
  });

  it('two submits at once from the same card record one decision', async () => {
    const review = await takeReview();
    const { data } = await cardFromCommand(review.la_reference);
    const before = await snapshot(review.id);
    await Promise.all([submit(people.officer, data, maintain()), submit(people.officer, data, maintain())]);
    expect((await snapshot(review.id)).decisions).toBe((before.decisions as number) + 1);
  });

  it('a card whose review was decided through the API refreshes to say it is out of date, and a submit from it changes nothing', async () => {
    const review = await takeReview();
    const { data, refreshData } = await cardFromCommand(review.la_reference);
    const token = await h.svc.token('la-officer', 'demo-council', 'demo-officer');
    const api = await h.svc.call('POST', `/api/reviews/${review.id}/decision`, { token, body: { outcome: 'cease', notifiedOn: h.today, reasons: 'Needs met without a plan.' } });
    expect(api.status).toBe(201);
    const card = await refresh(people.senco, refreshData);
    expect(textOf(card)).toContain('this card is out of date');
    expect(textOf(card)).toMatch(/cease, family told/);
    const before = await snapshot(review.id);
    const submitted = await submit(people.officer, data, maintain());
    expect(textOf(submitted)).toMatch(/no longer awaiting a decision/);
    expect(await snapshot(review.id)).toEqual(before);
  });

  it('amend needs the summary of proposed amendments, and records it with the decision', async () => {
    const review = await takeReview();
    const { data } = await cardFromCommand(review.la_reference);
    const before = await snapshot(review.id);
    const asked = await submit(people.officer, data, { outcome: 'amend', notifiedOn: h.today, reasons: 'Needs have changed.' });
    expect(textOf(asked)).toMatch(/summarise the proposed amendments/);
    expect(await snapshot(review.id)).toEqual(before);
    const done = await submit(people.officer, data, { outcome: 'amend', notifiedOn: h.today, reasons: 'Needs have changed.', proposedAmendments: 'Section F: add speech and language therapy.' });
    expect(textOf(done)).toMatch(/amendment notice goes to the family with the decision/);
    const [audit] = (await readAuditEntries(db(), "action = 'decision.amend' and entity_id = $1", [review.id])) as { after: { proposedAmendments?: unknown } }[];
    expect(audit?.after.proposedAmendments).toEqual([{ section: 'F', change: 'add speech and language therapy.' }]);
    const [kept] = await db().query<{ proposed_amendments: unknown }>('select proposed_amendments from decisions where review_id = $1', [review.id]);
    expect(typeof kept?.proposed_amendments === 'string' ? JSON.parse(kept.proposed_amendments) : kept?.proposed_amendments).toEqual([{ section: 'F', change: 'add speech and language therapy.' }]);
  });

  it('inputs the API schema refuses (a date in the future) are sent back on the form, recording nothing', async () => {
    const review = await takeReview();
    const { data } = await cardFromCommand(review.la_reference);
    const before = await snapshot(review.id);
    const card = await submit(people.officer, data, { ...maintain(), notifiedOn: '2999-01-01' });
    expect(textOf(card)).toMatch(/Nothing was recorded: .*notifiedOn/);
    expect(inputIds(card)).toContain('outcome');
    expect(await snapshot(review.id)).toEqual(before);
  });

  it('sendDecisionCardToOfficers sends the form proactively to each officer with a personal chat', async () => {
    const review = await takeReview();
    await h.post({ ...h.message(people.officer, ''), type: 'installationUpdate', action: 'add', text: undefined });
    const before = h.connector.sentActivities(h.personalConversation(people.officer)).length;
    const delivery = await h.svc.service.teams.sendDecisionCard(review.id);
    expect(delivery.sent).toBe(1);
    const [sent] = h.connector.sentActivities(h.personalConversation(people.officer)).slice(before);
    const card = cardsOf(sent)[0];
    expect(textOf(card)).toContain('Decision needed');
    expect(executeAction(card, 'decision.submit').verb).toBe('decision.submit');
  });
});
