import { silentLogger } from '../log/logger';
import { seedDemoData } from '../store/seed/demoSeed';
import { DEMO_TENANT } from '../../testkit/bot-framework/botHarness';
import { demoOfficer, demoReviewAwaitingDecision, followThrough, letDemoCouncilMail, maintainedOnce, nothingFollowed } from '../../test/support/decisionFollowThrough';
import { openTestStore, storeKinds, type TestStore } from '../../testkit/stores';
import { startLetterGraph } from '../../test/letters/support/letterGraph';
import { recordDecision } from './recordDecision';
import type { AppDeps } from './task';

const TODAY = '2026-11-16';
const maintain = { outcome: 'maintain', notifiedOn: TODAY, reasons: 'The plan still meets the child’s needs.' };

// The task itself, on a real store and the local Graph; the API's test (test/api/decisionFaces)
// and the Teams card's (test/bot/decisionCard) expect the same of it through their faces.
describe.each(storeKinds)('recordDecision, the task (%s)', (kind) => {
  let store: TestStore;
  let graph: Awaited<ReturnType<typeof startLetterGraph>>;
  let deps: AppDeps;
  beforeAll(async () => {
    graph = await startLetterGraph({ tenants: [DEMO_TENANT] });
    store = await openTestStore(kind);
    await seedDemoData(store.db, TODAY);
    await letDemoCouncilMail(store.db, DEMO_TENANT);
    deps = { db: store.db, today: () => TODAY, logger: silentLogger, mailer: graph.mailer };
  });
  afterAll(async () => {
    await store?.dispose();
    await graph?.close();
  });
  const counts = (review: { id: string; laReference: string }) => followThrough(store.db, review.id, graph.harness.graph.state, review.laReference);

  it('records the decision, starts the next cycle and sends the letter once; a repeat with the key does neither again', async () => {
    const review = await demoReviewAwaitingDecision(store.db);
    const officer = await demoOfficer(store.db);
    const first = await recordDecision(deps, { principal: officer, reviewId: review.id, input: maintain, idempotencyKey: 'decide-1' });
    expect(first).toMatchObject({ status: 201, body: { reviewId: review.id, nextReviewId: expect.any(String) }, letter: { status: 'saved-as-draft' } });
    const again = await recordDecision(deps, { principal: officer, reviewId: review.id, input: maintain, idempotencyKey: 'decide-1' });
    expect(again).toMatchObject({ status: 201, replayed: true, body: first.body });
    expect(again.letter).toBeUndefined();
    expect(await counts(review)).toEqual(maintainedOnce);
  });

  it('refuses a SENCO (403) and bad input (400 naming the field), recording and mailing nothing', async () => {
    const review = await demoReviewAwaitingDecision(store.db);
    const officer = await demoOfficer(store.db);
    const senco = { ...officer, orgId: 'demo-school-1', orgKind: 'school' as const, role: 'senco' as const };
    await expect(recordDecision(deps, { principal: senco, reviewId: review.id, input: maintain })).rejects.toMatchObject({ status: 403 });
    await expect(recordDecision(deps, { principal: officer, reviewId: review.id, input: { ...maintain, outcome: 'keep' } })).rejects.toMatchObject({ status: 400, problems: [{ field: 'outcome' }] });
    await expect(recordDecision(deps, { principal: officer, reviewId: review.id, input: maintain, ifMatch: '"stale"' })).rejects.toMatchObject({ status: 412 });
    expect(await counts(review)).toEqual(nothingFollowed);
  });

  it('keeps the decision when the letter cannot go (no Graph), saying what to fix', async () => {
    const review = await demoReviewAwaitingDecision(store.db);
    const officer = await demoOfficer(store.db);
    const result = await recordDecision({ ...deps, mailer: undefined }, { principal: officer, reviewId: review.id, input: maintain });
    expect(result.letter).toMatchObject({ status: 'not-sent', error: 'mail-not-configured', message: expect.stringContaining('EHCP_GRAPH_CLIENT_ID') });
    expect(await counts(review)).toEqual({ ...maintainedOnce, letters: 0, letterAudit: 0, mailed: 0 });
  });
});
