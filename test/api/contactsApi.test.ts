import { plusDays } from '../../shared';
import { readAuditEntries } from '../../bot/store/auditSeal/childKeys';
import { CSV_HEADER, importRows, registerPeople } from '../support/fixtures';
import { startTestService, type TestService } from '../../testkit/service';
import { storeKinds } from '../../testkit/stores';

// A fixed clock: the seed and the service read the same day whenever the suite runs.
const today = '2027-03-10';
const now = () => new Date('2027-03-10T10:00:00Z');
const issued = plusDays(today, -300);

describe.each(storeKinds)('case contacts and the picker search on %s', (kind) => {
  let svc: TestService;
  let officer: string;
  let senco: string;
  let ids: Record<string, string>;
  beforeAll(async () => {
    svc = await startTestService(kind, async (db) => {
      const people = await registerPeople(db);
      ids = await importRows(db, people.officer, [`N-100,Ada Lovelace,north-school,${issued},,,4,,,`, `N-200,Ben O'Brien,north-school,${issued},,,4,,,`]);
    }, {}, { now });
    officer = await svc.token('la-officer', 'north-council', 'officer');
    senco = await svc.token('senco', 'north-school', 'senco');
  });
  afterAll(() => svc.stop());

  const refs = (body: { items: { laReference: string }[] }) => body.items.map((i) => i.laReference).sort();

  it('finds a review by part of the name or the start of the reference, case-insensitively', async () => {
    expect(refs((await svc.call('GET', '/api/reviews?q=love', { token: senco })).body)).toEqual(['N-100']);
    expect(refs((await svc.call('GET', '/api/reviews?q=n-2', { token: senco })).body)).toEqual(['N-200']);
    expect(refs((await svc.call('GET', `/api/reviews?q=${encodeURIComponent("o'b")}`, { token: senco })).body)).toEqual(['N-200']);
    expect(refs((await svc.call('GET', '/api/reviews?q=N-', { token: senco })).body)).toEqual(['N-100', 'N-200']);
  });

  it('treats % and _ in the search as plain characters', async () => {
    expect(refs((await svc.call('GET', '/api/reviews?q=%25', { token: senco })).body)).toEqual([]);
    expect(refs((await svc.call('GET', '/api/reviews?q=_', { token: senco })).body)).toEqual([]);
  });

  it('imports contacts from extra caseload columns, idempotently, and rejects a name without an email', async () => {
    const header = `${CSV_HEADER},parentName,parentEmail,healthName,healthEmail,socialCareName,socialCareEmail`;
    const csv = `${header}\nN-100,Ada Lovelace,north-school,${issued},,,4,,,,Pat Lovelace,pat@home.example,Dr Heal,heal@nhs.example,,\nN-200,Ben O'Brien,north-school,${issued},,,4,,,,Mo O'Brien,,,,,\n`;
    const first = await svc.call('POST', '/api/caseload/import', { token: officer, body: csv, headers: { 'content-type': 'text/csv' } });
    expect(first.status).toBe(200);
    expect(first.body.errors).toEqual([{ line: 3, field: 'parentEmail', message: 'is required when parentName is given' }]);
    const contacts = await svc.call('GET', `/api/reviews/${ids['N-100']}/contacts`, { token: senco });
    expect(contacts.body.contacts).toEqual([
      { role: 'health', name: 'Dr Heal', email: 'heal@nhs.example' },
      { role: 'parent', name: 'Pat Lovelace', email: 'pat@home.example' },
    ]);
    await svc.call('POST', '/api/caseload/import', { token: officer, body: csv, headers: { 'content-type': 'text/csv' } });
    const audit = await svc.service.db.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'contacts.imported'");
    expect(audit[0]?.n).toBe(1);
  });

  it('lets the SENCO replace the contacts, audited before and after, and shows them in the review detail', async () => {
    const list = [
      { role: 'parent', name: 'Pat Lovelace', email: 'pat@home.example' },
      { role: 'social-care', name: 'Sol Worker', email: 'sol@north.example' },
    ];
    const put = await svc.call('PUT', `/api/reviews/${ids['N-100']}/contacts`, { token: senco, body: { contacts: list } });
    expect(put.status).toBe(200);
    expect(put.body.changed).toBe(true);
    const again = await svc.call('PUT', `/api/reviews/${ids['N-100']}/contacts`, { token: senco, body: { contacts: list } });
    expect(again.body.changed).toBe(false);
    const detail = await svc.call('GET', `/api/reviews/${ids['N-100']}`, { token: senco });
    expect(detail.body.contacts).toEqual(list);
    const [entry] = (await readAuditEntries(svc.service.db, "action = 'contacts.replaced'")) as { actor_user: string; before: unknown[]; after: unknown[] }[];
    expect(entry?.actor_user).toBe('senco');
    expect(entry?.before).toHaveLength(2);
    expect(entry?.after).toEqual(list);
  });

  it('refuses a contact without a valid email, naming the field', async () => {
    const res = await svc.call('PUT', `/api/reviews/${ids['N-100']}/contacts`, { token: senco, body: { contacts: [{ role: 'parent', name: 'X', email: 'not-an-email' }] } });
    expect(res.status).toBe(400);
    expect(res.body.problems).toEqual([{ field: 'contacts.0.email', message: 'must be an email address such as name@school.org.uk' }]);
  });

  it('hides another school’s child’s contacts (404)', async () => {
    const other = await svc.token('senco', 'north-school-b', 'senco-b');
    expect((await svc.call('GET', `/api/reviews/${ids['N-100']}/contacts`, { token: other })).status).toBe(404);
  });
});
