import { fullInvitees, importRows, registerPeople } from '../support/fixtures';
import { startTestService, type TestService } from '../../testkit/service';

/**
 * The young person addressed in their own right (CFA 2014 s80; Regs 63-64), through the API on
 * 2026-12-07. Y-1 was born 2009-01-20: compulsory school age ended on Friday 2025-06-27, so the
 * invitation is theirs. Y-2, born 2012-03-01, is 14: the parent is addressed.
 */
const TODAY = '2026-12-07';
let svc: TestService;
let ids: Record<string, string> = {};
const tokens: Record<string, string> = {};

beforeAll(async () => {
  svc = await startTestService(
    'pglite',
    async (db) => {
      const people = await registerPeople(db);
      ids = await importRows(db, people.officer, ['Y-1,Yan Person,north-school,2026-03-01,,2009-01-20,13', 'Y-2,Zed Child,north-school,2026-03-01,,2012-03-01,9']);
    },
    {},
    { now: () => new Date(`${TODAY}T10:00:00Z`) },
  );
  tokens.senco = await svc.token('senco', 'north-school', 'senco');
  tokens.officer = await svc.token('la-officer', 'north-council', 'officer');
}, 120_000);
afterAll(() => svc.stop());

const book = (ref: string, invitees: unknown[]) =>
  svc.call('POST', `/api/reviews/${ids[ref]}/meeting`, { token: tokens.senco, body: { meetingDate: '2027-01-12', invitationsSentOn: TODAY, invitees, mode: 'in-person' } });
const youngPerson = { role: 'young-person', name: 'Yan Person', email: 'yan@home.example' };

it('says the young person is addressed once over compulsory school age (ended 2025-06-27), and the parent for a 14-year-old', async () => {
  const y1 = await svc.call('GET', `/api/reviews/${ids['Y-1']}`, { token: tokens.officer });
  expect(y1.body.addressee).toEqual({ recorded: 'auto', alternativePerson: null, today: { to: 'young-person', copyParent: false, compulsorySchoolAgeEnds: '2025-06-27', source: 'CFA 2014 s80; Regs 63-64' } });
  const y2 = await svc.call('GET', `/api/reviews/${ids['Y-2']}`, { token: tokens.officer });
  expect(y2.body.addressee.today).toMatchObject({ to: 'parent', compulsorySchoolAgeEnds: '2028-06-30' });
});

it('refuses a booking that invites only the parent of a young person over compulsory school age, and takes one that invites the young person', async () => {
  const refused = await book('Y-1', fullInvitees());
  expect(refused.status).toBe(422);
  expect(JSON.stringify(refused.body)).toContain('Invite the young person, as the young person: they are over compulsory school age (it ended on 2025-06-27)');
  const booked = await book('Y-1', [youngPerson, ...fullInvitees().filter((i) => i.role !== 'parent')]);
  expect(booked.status).toBe(201);
  // Inviting the parent as well is a warning until the case records that the young person wishes it.
  const both = await book('Y-1', [youngPerson, ...fullInvitees()]);
  expect(both.status).toBe(201);
  expect((both.body.warnings as { code: string }[]).map((w) => w.code)).toContain('parent-invited-over-age');
  const wished = await svc.call('POST', `/api/reviews/${ids['Y-1']}/addressee`, { token: tokens.senco, body: { addressee: 'young-person-and-parent' } });
  expect(wished).toMatchObject({ status: 200, body: { addressee: 'young-person-and-parent', today: { to: 'young-person', copyParent: true } } });
  const again = await book('Y-1', [youngPerson, ...fullInvitees()]);
  expect((again.body.warnings as { code: string }[]).map((w) => w.code)).not.toContain('parent-invited-over-age');
});

it('records an alternative person for a young person who lacks capacity, and needs their name', async () => {
  const missing = await svc.call('POST', `/api/reviews/${ids['Y-1']}/addressee`, { token: tokens.officer, body: { addressee: 'alternative-person' } });
  expect(missing.status).toBe(400);
  expect(missing.body.problems).toEqual([{ field: 'alternativePerson', message: expect.stringContaining('name the alternative person') }]);
  const ok = await svc.call('POST', `/api/reviews/${ids['Y-1']}/addressee`, { token: tokens.officer, body: { addressee: 'alternative-person', alternativePerson: { name: 'Ann Deputy', email: 'ann@deputy.example' } } });
  expect(ok).toMatchObject({ status: 200, body: { alternativePerson: { name: 'Ann Deputy', email: 'ann@deputy.example' }, today: { to: 'alternative-person' } } });
  const y2 = await svc.call('POST', `/api/reviews/${ids['Y-2']}/addressee`, { token: tokens.officer, body: { addressee: 'alternative-person', alternativePerson: { name: 'Ann Deputy' } } });
  // Under compulsory school age the parent is addressed whatever the case records.
  expect(y2.body.today).toMatchObject({ to: 'parent' });
});
