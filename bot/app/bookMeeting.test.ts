import { silentLogger } from '../log/logger';
import { booked, bookedOnce, booking, reviewsToBook, TODAY } from '../../test/support/meetingAndAdvice';
import type { People } from '../../test/support/fixtures';
import { openTestStore, storeKinds, type TestStore } from '../../testkit/stores';
import { bookMeeting } from './bookMeeting';
import type { Db, Queryable } from '../store/db';
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

  it('writes the booking in one transaction of a fixed handful of statements, however many are invited and get links', async () => {
    // The real store, counting what each transaction sends (booking once wrote one or more statements per invitee, request and link).
    const counted: number[] = [];
    const counting: Db = {
      ...store.db,
      transaction: (fn) =>
        store.db.transaction((tx) => {
          let n = 0;
          counted.push(0);
          const at = counted.length - 1;
          const wrapped: Queryable = {
            // The store's audit key goes with the transaction, as it does unwrapped.
            vault: tx.vault,
            query: (sql, params) => {
              counted[at] = ++n;
              return tx.query(sql, params);
            },
            exec: (sql) => {
              counted[at] = ++n;
              return tx.exec(sql);
            },
          };
          return fn(wrapped);
        }),
    };
    const more = [...booking.invitees, { role: 'educational-psychologist', name: 'EP', email: 'ep@council.example' }, { role: 'young-person', name: 'Young person' }];
    const few = await bookMeeting({ ...deps, db: counting }, { principal: people.senco, reviewId: ids['M-3'] as string, input: booking, idempotencyKey: 'count-1' });
    const many = await bookMeeting({ ...deps, db: counting }, { principal: people.senco, reviewId: ids['M-4'] as string, input: { ...booking, invitees: more }, idempotencyKey: 'count-2' });
    expect(((few.once?.adviceLinks ?? []) as unknown[]).length).toBe(3);
    expect(((many.once?.adviceLinks ?? []) as unknown[]).length).toBe(5);
    expect(counted).toHaveLength(2);
    expect(counted[1]).toBe(counted[0]);
    // The idempotency key (claim and answer), the review and its council's settings, the meeting,
    // the invitations, the requests, the review's version, the audit, the reminders (read and
    // write), the new requests and their links, and the child's audit key (read, or made the
    // first time) that seals the audit entry: 15 statements.
    expect(counted[0]).toBeLessThanOrEqual(15);
  });

  it('refuses a professional (403), bad input (400 naming each field) and an unlawful meeting (422), storing nothing', async () => {
    const reviewId = ids['M-2'] as string;
    await expect(bookMeeting(deps, { principal: people.professional, reviewId, input: booking })).rejects.toMatchObject({ status: 403 });
    await expect(bookMeeting(deps, { principal: people.senco, reviewId, input: { ...booking, mode: 'outdoors' } })).rejects.toMatchObject({ status: 400, problems: [{ field: 'mode' }] });
    await expect(bookMeeting(deps, { principal: people.senco, reviewId, input: { ...booking, invitees: [{ role: 'parent' }] } })).rejects.toMatchObject({ status: 422 });
    expect(await booked(store.db, reviewId)).toMatchObject({ stage: 'not-booked', meetings: 0, invitations: 0, meetingAudit: 0 });
  });
});
