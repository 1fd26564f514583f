import { silentLogger } from '../log/logger';
import { adviceRecorded, booking, healthAdvice, healthAdviceOnce, reviewsToBook, TODAY } from '../../test/support/meetingAndAdvice';
import type { People } from '../../test/support/fixtures';
import { openTestStore, storeKinds, type TestStore } from '../../testkit/stores';
import { bookMeeting } from './bookMeeting';
import { recordAdvice } from './recordAdvice';
import type { AppDeps } from './task';

// The task itself; test/api/meetingAndAdviceApi.test.ts expects the same of it through the API.
describe.each(storeKinds)('recordAdvice, the task (%s)', (kind) => {
  let store: TestStore;
  let deps: AppDeps;
  let people: People;
  let ids: Record<string, string>;
  beforeAll(async () => {
    store = await openTestStore(kind);
    ({ people, ids } = await reviewsToBook(store.db));
    deps = { db: store.db, today: () => TODAY, logger: silentLogger };
    for (const ref of ['M-1', 'M-2']) await bookMeeting(deps, { principal: people.senco, reviewId: ids[ref] as string, input: booking });
  });
  afterAll(() => store?.dispose());

  it('records the advice against its request and stops chasing it; a repeat with the key records nothing more', async () => {
    const reviewId = ids['M-1'] as string;
    const first = await recordAdvice(deps, { principal: people.senco, reviewId, input: healthAdvice, idempotencyKey: 'advice-1' });
    expect(first).toMatchObject({ status: 201, body: { reviewId, adviceId: expect.any(Number) } });
    expect(await recordAdvice(deps, { principal: people.senco, reviewId, input: healthAdvice, idempotencyKey: 'advice-1' })).toMatchObject({ replayed: true, body: first.body });
    expect(await adviceRecorded(store.db, reviewId)).toEqual(healthAdviceOnce);
  });

  it('refuses an LA manager (403) and half a file reference (400), recording nothing', async () => {
    const reviewId = ids['M-2'] as string;
    await expect(recordAdvice(deps, { principal: people.manager, reviewId, input: healthAdvice })).rejects.toMatchObject({ status: 403 });
    await expect(recordAdvice(deps, { principal: people.senco, reviewId, input: { ...healthAdvice, driveId: 'b!x' } })).rejects.toMatchObject({ status: 400, problems: [{ field: 'itemId' }] });
    expect(await adviceRecorded(store.db, reviewId)).toMatchObject({ items: 0, answered: [], adviceAudit: 0 });
  });
});
