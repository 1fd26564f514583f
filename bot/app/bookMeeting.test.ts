import { silentLogger } from '../log/logger';
import { booked, bookedOnce, booking, reviewsToBook, TODAY } from '../../test/support/meetingAndAdvice';
import type { People } from '../../test/support/fixtures';
import { openTestStore, storeKinds, type TestStore } from '../../testkit/stores';
import { bookMeeting } from './bookMeeting';
import type { AppDeps } from './task';

// The task itself; test/api/meetingAndAdviceApi.test.ts expects the same of it through the API
// (the face the Outlook add-in uses).
describe.each(storeKinds)('bookMeeting, the task (%s)', (kind) => {
  let store: TestStore;
  let deps: AppDeps;
  let people: People;
  let ids: Record<string, string>;
  beforeAll(async () => {
    store = await openTestStore(kind);
    ({ people, ids } = await reviewsToBook(store.db));
    deps = { db: store.db, today: () => TODAY, logger: silentLogger, publicUrl: () => 'https://ehcp.example' };
  });
  afterAll(() => store?.dispose());

  it('books the meeting, asks for the advice and views, and chases them; a repeat with the key changes nothing', async () => {
    const reviewId = ids['M-1'] as string;
    const first = await bookMeeting(deps, { principal: people.senco, reviewId, input: booking, idempotencyKey: 'book-1' });
    expect(first).toMatchObject({ status: 201, body: { reviewId, warnings: [] } });
    expect(((first.once?.adviceLinks ?? []) as { url: string }[]).map((l) => l.url.startsWith('https://ehcp.example/'))).toEqual([true, true, true]);
    const again = await bookMeeting(deps, { principal: people.senco, reviewId, input: booking, idempotencyKey: 'book-1' });
    expect(again).toMatchObject({ replayed: true, body: first.body });
    expect(again.once).toBeUndefined();
    expect(await booked(store.db, reviewId)).toEqual(bookedOnce);
  });

  it('refuses a professional (403), bad input (400 naming each field) and an unlawful meeting (422), storing nothing', async () => {
    const reviewId = ids['M-2'] as string;
    await expect(bookMeeting(deps, { principal: people.professional, reviewId, input: booking })).rejects.toMatchObject({ status: 403 });
    await expect(bookMeeting(deps, { principal: people.senco, reviewId, input: { ...booking, mode: 'outdoors' } })).rejects.toMatchObject({ status: 400, problems: [{ field: 'mode' }] });
    await expect(bookMeeting(deps, { principal: people.senco, reviewId, input: { ...booking, invitees: [{ role: 'parent' }] } })).rejects.toMatchObject({ status: 422 });
    expect(await booked(store.db, reviewId)).toMatchObject({ stage: 'not-booked', meetings: 0, invitations: 0, meetingAudit: 0 });
  });
});
