import { booking, reviewsToBook, TODAY } from '../../../test/support/meetingAndAdvice';
import type { People } from '../../../test/support/fixtures';
import { openTestStore, storeKinds, type TestStore } from '../../../testkit/stores';
import { recordMeeting } from './recordMeeting';
import type { Queryable } from '../db';
import { loadReview } from './loadReview';
import { describeReview, reviewDetail } from './reviewDetail';

// The review read is the add-in's hot path: it once sent five statements (the review, its
// records, its council's settings, the child's current plan, the access record), and each
// round trip cost the service more CPU than the rest of the read (README, "Reads").
describe.each(storeKinds)('reviewDetail, the review read (%s)', (kind) => {
  let store: TestStore;
  let people: People;
  let ids: Record<string, string>;
  const sent: string[] = [];
  const counting = (): Queryable => ({
    vault: store.db.vault,
    query: (sql, params, options) => {
      sent.push(sql);
      return store.db.query(sql, params, options);
    },
    exec: (sql) => {
      sent.push(sql);
      return store.db.exec(sql);
    },
  });
  const records = (reviewId: string) => store.db.query<{ actor_user: string; face: string; la_reference: string }>('select actor_user, face, la_reference from access_records where review_id = $1 order by id', [reviewId]);

  beforeAll(async () => {
    store = await openTestStore(kind);
    ({ people, ids } = await reviewsToBook(store.db));
    await store.db.transaction((tx) => recordMeeting(tx, people.senco, ids['M-1'] as string, { ...booking, mode: 'in-person' }, TODAY));
    await store.db.query(
      `insert into case_contacts (child_id, role, name, email)
       select p.child_id, 'parent', 'A parent', 'parent@home.example' from review_cycles r join plans p on p.id = r.plan_id where r.id = $1`,
      [ids['M-1']],
    );
  });
  afterAll(() => store?.dispose());

  it('answers a review and records the read in one statement', async () => {
    const id = ids['M-1'] as string;
    sent.length = 0;
    const read = await reviewDetail(counting(), people.senco, id, TODAY, { reader: people.senco, face: 'addin', action: 'review.read' });
    expect(sent).toHaveLength(1);
    expect(await records(id)).toEqual([{ actor_user: 'senco', face: 'addin', la_reference: 'M-1' }]);
    expect(read.body).toMatchObject({ id, status: 'booked', child: { laReference: 'M-1' }, contacts: [{ role: 'parent', name: 'A parent' }] });
    expect(read.body.invitations).toHaveLength(booking.invitees.length);
  });

  it('answers exactly what the export’s statement-by-statement read of the same review does', async () => {
    const id = ids['M-1'] as string;
    const one = await reviewDetail(store.db, people.officer, id, TODAY);
    const several = await describeReview(store.db, await loadReview(store.db, people.officer, id, TODAY), TODAY);
    expect(one.body).toEqual(several);
    expect(one.etag).toBe(`"${id}.${one.body.version}"`);
  });

  it('shows the family’s contacts only to whoever holds them, and refuses a review the caller cannot see with 404, recording nothing', async () => {
    const id = ids['M-1'] as string;
    // Invited by email, the professional sees the review but is no keeper of the family's addresses.
    const professional = await reviewDetail(store.db, people.professional, id, TODAY);
    expect(professional.body.contacts).toEqual([]);
    const before = (await records(id)).length;
    sent.length = 0;
    await expect(reviewDetail(counting(), people.otherSenco, id, TODAY, { reader: people.otherSenco, face: 'api', action: 'review.read' })).rejects.toMatchObject({ status: 404 });
    await expect(reviewDetail(counting(), people.otherProfessional, ids['M-2'] as string, TODAY, { reader: people.otherProfessional, face: 'api', action: 'review.read' })).rejects.toMatchObject({ status: 404 });
    expect(sent).toHaveLength(2);
    expect(await records(id)).toHaveLength(before);
    expect(await records(ids['M-2'] as string)).toEqual([]);
  });
});
