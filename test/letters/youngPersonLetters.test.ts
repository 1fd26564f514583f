import { loadLetterContext } from '../../bot/letters/letterCase';
import { recordAddressee } from '../../bot/store/reviews/recordAddressee';
import { recordDecision } from '../../bot/store/reviews/recordDecision';
import { recordMeeting } from '../../bot/store/reviews/recordMeeting';
import { fullInvitees, importRows, type People, registerPeople } from '../support/fixtures';
import { openTestStore, type TestStore } from '../../testkit/stores';

/**
 * Who the decision letter is written to (CFA 2014 s80; Regs 63-64). Y-1 was born 2009-01-20
 * (compulsory school age ended 2025-06-27); Y-2 on 2012-03-01 (14). Both meet on 2027-01-12,
 * invited on 2026-12-07, with the young person and the parent invited; the decision is
 * notified and the letter written on 2027-01-20.
 */
let store: TestStore;
let people: People;
let ids: Record<string, string>;
const DECIDED = '2027-01-20';
const invitees = [{ role: 'young-person' as const, name: 'Yan Person', email: 'yan@home.example' }, ...fullInvitees().map((i) => (i.role === 'parent' ? { ...i, name: 'Pat Parent' } : i))];

beforeAll(async () => {
  store = await openTestStore('pglite');
  people = await registerPeople(store.db);
  ids = await importRows(store.db, people.officer, ['Y-1,Yan Person,north-school,2026-03-01,,2009-01-20,13', 'Y-2,Zed Child,north-school,2026-03-01,,2012-03-01,9']);
  for (const id of Object.values(ids)) {
    await store.db.transaction((tx) => recordMeeting(tx, people.senco, id, { meetingDate: '2027-01-12', invitationsSentOn: '2026-12-07', invitees, mode: 'in-person' }, '2026-12-07'));
    await store.db.transaction((tx) => recordDecision(tx, people.officer, id, { outcome: 'maintain', notifiedOn: DECIDED, reasons: 'Needs unchanged.', consideredInstead: 'The advice.' }, DECIDED));
  }
}, 60_000);
afterAll(() => store.dispose());

const letterFor = (ref: string) => store.db.transaction((tx) => loadLetterContext(tx, people.officer, ids[ref] as string, DECIDED));
const emails = (ctx: { recipients: { email: string }[] }) => ctx.recipients.map((r) => r.email);

it('writes to the young person over compulsory school age, not copying the parent unless they wish it', async () => {
  const ctx = await letterFor('Y-1');
  expect(ctx.addressee).toEqual({ kind: 'young-person', name: 'Yan Person', email: 'yan@home.example' });
  expect(emails(ctx)).toEqual(['yan@home.example', 'senco@north-school.example']);
  await store.db.transaction((tx) => recordAddressee(tx, people.officer, ids['Y-1'] as string, { addressee: 'young-person-and-parent' }, DECIDED));
  expect(emails(await letterFor('Y-1'))).toEqual(['yan@home.example', 'parent@home.example', 'senco@north-school.example']);
});

it('writes to the alternative person acting for a young person who lacks capacity', async () => {
  await store.db.transaction((tx) => recordAddressee(tx, people.officer, ids['Y-1'] as string, { addressee: 'alternative-person', alternativePerson: { name: 'Ann Deputy', email: 'ann@deputy.example' } }, DECIDED));
  const ctx = await letterFor('Y-1');
  expect(ctx.addressee).toEqual({ kind: 'alternative-person', name: 'Ann Deputy', email: 'ann@deputy.example' });
  expect(emails(ctx)).toEqual(['ann@deputy.example', 'senco@north-school.example']);
});

it('writes to the parent of a 14-year-old, even with the child invited', async () => {
  const ctx = await letterFor('Y-2');
  expect(ctx.addressee).toEqual({ kind: 'parent', name: 'Pat Parent', email: 'parent@home.example' });
  expect(emails(ctx)).toEqual(['parent@home.example', 'senco@north-school.example']);
});
