import { produceDecisionLetter } from '../../bot/letters/produceDecisionLetter';
import { replaceCouncilSettings } from '../../bot/store/councilSettings';
import { registerOrganisation } from '../../bot/store/organisations';
import { recordDecision } from '../../bot/store/reviews/recordDecision';
import { recordMeeting } from '../../bot/store/reviews/recordMeeting';
import { recordReport } from '../../bot/store/reviews/recordReport';
import { plusDays } from '../../shared';
import { fullInvitees, importRows, type People, registerPeople } from '../support/fixtures';
import { openTestStore, storeKinds, type TestStore } from '../../testkit/stores';
import { demoSettings } from './support/letterFixtures';
import { startLetterGraph } from './support/letterGraph';

// A literal day: the letters' dates are the same whenever the suite runs.
const today = '2027-03-10';

/** What the Teams bot's decision flow calls once an officer has recorded a decision from a card. */
describe.each(storeKinds)('produceDecisionLetter on %s', (kind) => {
  let store: TestStore;
  let graph: Awaited<ReturnType<typeof startLetterGraph>>;
  let people: People;
  let id: string;
  beforeAll(async () => {
    graph = await startLetterGraph();
    store = await openTestStore(kind);
    people = await registerPeople(store.db);
    await store.db.transaction(async (tx) => {
      await registerOrganisation(tx, { id: 'north-council', kind: 'council', name: 'North Council', entraTenantId: graph.tenantId });
      await replaceCouncilSettings(tx, people.manager, { ...demoSettings, sharedMailbox: graph.sharedMailbox });
    });
    id = await decidedReview('B-1', 'Ben Sample');
  });

  it('records nothing when Graph refuses the send, and says to check Sent Items when the answer was lost', async () => {
    const refused = await decidedReview('B-3', 'Bo Sample');
    graph.harness.graph.faults.add({ path: '/sendMail', action: { type: 'status', status: 403, code: 'ErrorAccessDenied', message: 'Access is denied.' } });
    await expect(produceDecisionLetter(store.db, people.officer, refused, { mailer: graph.mailer, today })).rejects.toMatchObject({ status: 502, code: 'mail-failed' });
    graph.harness.graph.faults.clear();
    graph.harness.graph.faults.add({ path: '/sendMail', action: { type: 'drop', afterCommit: true } });
    await expect(produceDecisionLetter(store.db, people.officer, refused, { mailer: graph.mailer, today })).rejects.toMatchObject({ status: 504, code: 'mail-outcome-unknown', message: expect.stringContaining('Sent Items') });
    graph.harness.graph.faults.clear();
    expect(await store.db.query('select 1 from decision_letters where review_id = $1', [refused])).toEqual([]);
  });

  async function decidedReview(ref: string, name: string): Promise<string> {
    const reviewId = (await importRows(store.db, people.officer, [`${ref},${name},north-school,${plusDays(today, -330)},,,4,,,`]))[ref] as string;
    const meetingDate = plusDays(today, -15);
    await store.db.transaction((tx) => recordMeeting(tx, people.senco, reviewId, { meetingDate, invitationsSentOn: plusDays(meetingDate, -20), invitees: fullInvitees(), mode: 'virtual' }, plusDays(meetingDate, -20)));
    await store.db.transaction((tx) => recordReport(tx, people.senco, reviewId, { sentOn: plusDays(meetingDate, 3), recommendation: 'cease' }, today));
    await store.db.transaction((tx) => recordDecision(tx, people.officer, reviewId, { outcome: 'cease', notifiedOn: today, reasons: 'The needs are now met without a plan.' }, today));
    return reviewId;
  }
  beforeEach(() => {
    graph.harness.graph.state.sentMail.length = 0;
    graph.harness.graph.faults.clear();
  });
  afterAll(async () => {
    await store?.dispose();
    await graph?.close();
  });

  it('sends the letter once to the parent and the school, and the second call sends nothing', async () => {
    const first = await produceDecisionLetter(store.db, people.officer, id, { mailer: graph.mailer, today });
    expect(first).toMatchObject({ status: 'sent', channel: 'send', recipients: [{ role: 'parent', email: 'parent@home.example' }, { role: 'school', email: 'senco@north-school.example' }] });
    const second = await produceDecisionLetter(store.db, people.officer, id, { mailer: graph.mailer, today });
    expect(second.status).toBe('already-sent');
    expect(graph.harness.graph.state.sentMail.map((m) => (m.message as { subject: string }).subject)).toEqual(['Annual review decision: B.S. (B-1)']);
  });

  it('two calls at once send once: the review row is locked while the letter goes', async () => {
    const other = await decidedReview('B-2', 'Bea Sample');
    const both = await Promise.all([
      produceDecisionLetter(store.db, people.officer, other, { mailer: graph.mailer, today }),
      produceDecisionLetter(store.db, people.officer, other, { mailer: graph.mailer, today }),
    ]);
    expect(both.map((b) => b.status).sort()).toEqual(['already-sent', 'sent']);
    expect(graph.harness.graph.state.sentMail).toHaveLength(1);
    expect(await store.db.query('select 1 from decision_letters where review_id = $1', [other])).toHaveLength(1);
  });
});
