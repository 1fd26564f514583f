import { hashToken, openAdviceLink } from '../../bot/store/advice/links';
import type { Db } from '../../bot/store/db';
import { recordMeeting } from '../../bot/store/reviews/recordMeeting';
import { fullInvitees, type People } from '../support/fixtures';
import { openTestStore, storeKinds, type TestStore } from '../../testkit/stores';
import { bookedReview, MEETING, TODAY } from './support/adviceCase';

const ORIGIN = 'https://ehcp.example.org';
const tokenOf = (url: string) => url.slice(`${ORIGIN}/advice/`.length);

describe.each(storeKinds)('links issued when advice is requested, on %s', (kind) => {
  let store: TestStore;
  let db: Db;
  let people: People;
  let reviewId: string;
  beforeAll(async () => {
    store = await openTestStore(kind);
    db = store.db;
    ({ people, reviewId } = await bookedReview(db));
  });
  afterAll(() => store.dispose());

  const rebook = (meetingDate: string, invitees = fullInvitees()) =>
    db.transaction((tx) => recordMeeting(tx, people.senco, reviewId, { meetingDate, invitationsSentOn: TODAY, invitees, mode: 'in-person' }, TODAY, undefined, { publicUrl: ORIGIN }));

  it('gives each new request one link, stored only as the SHA-256 of a 256-bit token, good until the end of the meeting day in London', async () => {
    // The first booking (in bookedReview) issued no links; booking again with a public URL issues them for every request without one.
    const { adviceLinks } = await rebook(MEETING);
    expect(adviceLinks.map((l) => l.url)).toEqual([expect.stringMatching(/^https:\/\/ehcp\.example\.org\/advice\/[A-Za-z0-9_-]{43}$/), expect.any(String), expect.any(String)]);
    // 21 October 2026 00:00 in London is 20 October 23:00 UTC (British Summer Time).
    expect(adviceLinks.map((l) => l.expiresAt)).toEqual(['2026-10-20T23:00:00Z', '2026-10-20T23:00:00Z', '2026-10-20T23:00:00Z']);
    const stored = await db.query<{ token_hash: string }>('select token_hash from advice_links order by id');
    expect(stored.map((s) => s.token_hash)).toEqual(adviceLinks.map((l) => hashToken(tokenOf(l.url))));
    const everything = JSON.stringify(await db.query('select * from advice_links')) + JSON.stringify(await db.query('select * from audit_log'));
    for (const link of adviceLinks) expect(everything).not.toContain(tokenOf(link.url));
    // Nothing new to issue the second time.
    expect((await rebook(MEETING)).adviceLinks).toEqual([]);
  });

  it('moves the links with the meeting (27 October is after the clocks go back: midnight is 00:00 UTC), and drops the link of someone no longer invited', async () => {
    const [link] = await db.query<{ id: number }>("select l.id::int from advice_links l join advice_requests q on q.id = l.request_id where q.from_role = 'social-care'");
    // Social care now sends someone else: the first social worker's request and link go.
    const invitees = fullInvitees().map((i) => (i.role === 'social-care' ? { ...i, email: 'sw2@north.example' } : i));
    const { adviceLinks } = await rebook('2026-10-27', invitees);
    const rows = await db.query<{ from_role: string; email: string; expires_at: Date | string }>(
      'select q.from_role, q.email, l.expires_at from advice_links l join advice_requests q on q.id = l.request_id order by q.id',
    );
    expect(rows.map((r) => [r.from_role, r.email, new Date(r.expires_at).toISOString()])).toEqual([
      ['parent', 'parent@home.example', '2026-10-28T00:00:00.000Z'],
      ['health', 'ep@nhs.example', '2026-10-28T00:00:00.000Z'],
      ['social-care', 'sw2@north.example', '2026-10-28T00:00:00.000Z'],
    ]);
    expect(adviceLinks).toHaveLength(1);
    expect(await db.query('select id from advice_links where id = $1', [link?.id])).toEqual([]);
  });

  it('opens a link until the end of the meeting day in London, and not after', async () => {
    await db.query('delete from advice_links');
    const { adviceLinks } = await rebook('2026-10-27');
    const token = tokenOf(adviceLinks[0]?.url ?? '');
    const opened = await openAdviceLink(db, token, new Date('2026-10-27T23:59:59Z'));
    // The store dates the circulation with the case's own notice reading (strict: 15 days before a 27 October meeting, Reg 20(4)).
    expect(opened).toMatchObject({ fromRole: 'parent', laReference: 'NTH-0042', meetingDate: '2026-10-27', circulatedBy: '2026-10-12' });
    expect(Object.keys(opened ?? {}).filter((k) => k.includes('_'))).toEqual([]);
    expect(await openAdviceLink(db, token, new Date('2026-10-28T00:00:00Z'))).toBeUndefined();
    // Change the token's last character to one it is not, so the tampered token always differs (it ends in 'A' one time in 64).
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(await openAdviceLink(db, tampered, new Date('2026-10-01T09:00:00Z'))).toBeUndefined();
  });
});
