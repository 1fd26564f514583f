import { seedDemoData } from '../../bot/store/seed/demoSeed';
import { DEMO_TENANT } from '../../testkit/bot-framework/botHarness';
import { startLetterGraph } from '../letters/support/letterGraph';
import { demoReviewAwaitingDecision, followThrough, letDemoCouncilMail, maintainedOnce, nothingFollowed } from '../support/decisionFollowThrough';
import { startTestService, type TestService } from '../../testkit/service';
import { storeKinds } from '../../testkit/stores';

const TODAY = '2026-11-16';
const maintain = { outcome: 'maintain', notifiedOn: TODAY, reasons: 'The plan still meets the child’s needs.' };

// The decision through the HTTP API: the same task as the Teams card (bot/app/recordDecision),
// so the same follow-through as bot/app/recordDecision.test.ts and test/bot/decisionCard.test.ts.
describe.each(storeKinds)('POST /api/reviews/{id}/decision (%s)', (kind) => {
  let svc: TestService;
  let graph: Awaited<ReturnType<typeof startLetterGraph>>;
  let officer: string;
  beforeAll(async () => {
    graph = await startLetterGraph({ tenants: [DEMO_TENANT] });
    svc = await startTestService(
      kind,
      async (db) => {
        await seedDemoData(db, TODAY);
        await letDemoCouncilMail(db, DEMO_TENANT);
      },
      {},
      { mailer: graph.mailer, now: () => new Date(`${TODAY}T12:00:00Z`) },
    );
    officer = await svc.token('la-officer', 'demo-council', 'demo-officer');
  });
  afterAll(async () => {
    await svc?.stop();
    await graph?.close();
  });
  const db = () => svc.service.db;
  const counts = (review: { id: string; laReference: string }) => followThrough(db(), review.id, graph.harness.graph.state, review.laReference);

  it('records the decision and sends the letter once, saying so; a replay with the key does neither again', async () => {
    const review = await demoReviewAwaitingDecision(db());
    const first = await svc.call('POST', `/api/reviews/${review.id}/decision`, { token: officer, body: maintain, headers: { 'idempotency-key': 'decide-1' } });
    expect(first).toMatchObject({ status: 201, body: { reviewId: review.id, nextReviewId: expect.any(String) } });
    expect(first.headers.get('decision-letter')).toBe('saved-as-draft');
    const replay = await svc.call('POST', `/api/reviews/${review.id}/decision`, { token: officer, body: maintain, headers: { 'idempotency-key': 'decide-1' } });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.headers.get('decision-letter')).toBeNull();
    expect(JSON.stringify(replay.body)).toBe(JSON.stringify(first.body));
    expect(await counts(review)).toEqual(maintainedOnce);
  });

  it('without an Idempotency-Key, the answer holds the letter’s outcome', async () => {
    const review = await demoReviewAwaitingDecision(db());
    const res = await svc.call('POST', `/api/reviews/${review.id}/decision`, { token: officer, body: maintain });
    expect(res.body.letter).toMatchObject({ status: 'saved-as-draft', message: expect.stringContaining('Drafts') });
    expect(await counts(review)).toEqual(maintainedOnce);
  });

  it('refuses a SENCO (403), bad input (400 naming the field) and a stale If-Match (412), recording and mailing nothing', async () => {
    const review = await demoReviewAwaitingDecision(db());
    const senco = await svc.token('senco', 'demo-school-1', 'demo-senco-1');
    expect((await svc.call('POST', `/api/reviews/${review.id}/decision`, { token: senco, body: maintain })).status).toBe(403);
    const bad = await svc.call('POST', `/api/reviews/${review.id}/decision`, { token: officer, body: { ...maintain, outcome: 'keep' } });
    expect(bad).toMatchObject({ status: 400, body: { problems: [{ field: 'outcome' }] } });
    expect((await svc.call('POST', `/api/reviews/${review.id}/decision`, { token: officer, body: maintain, headers: { 'if-match': '"stale"' } })).status).toBe(412);
    expect(await counts(review)).toEqual(nothingFollowed);
  });
});
