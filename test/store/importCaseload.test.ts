import { readAuditEntries } from '../../bot/store/auditSeal/childKeys';
import { importCaseload } from '../../bot/store/caseload/importCaseload';
import { InvalidInputError } from '../../bot/store/errors';
import { CSV_HEADER, type People, registerPeople } from '../support/fixtures';
import { openTestStore, storeKinds, type TestStore } from '../../testkit/stores';

const good = [
  'N-1,Ada Example,north-school,2026-01-10,,2018-04-02,3,,,',
  'N-2,"Example, Ben",north-school-b,2025-12-01,,2012-09-03,9,school,2027-09-01,',
  'N-3,Cara Sample,north-school,2026-02-01,,,,,,2026-12-15',
];

describe.each(storeKinds)('importing a council caseload on %s', (kind) => {
  let store: TestStore;
  let people: People;
  const run = (rows: string[], header = CSV_HEADER) => store.db.transaction((tx) => importCaseload(tx, people.officer, `${header}\n${rows.join('\n')}\n`));
  const count = async (table: string) => (await store.db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]?.n;

  beforeEach(async () => {
    store = await openTestStore(kind);
    people = await registerPeople(store.db);
  });
  afterEach(() => store.dispose());

  it('stores each child, plan and open review, a booked meeting where the row has one', async () => {
    expect(await run(good)).toEqual({ created: 3, updated: 0, unchanged: 0, rejected: 0, errors: [], rejectedCsv: `${CSV_HEADER},problem\r\n` });
    expect(await count('children')).toBe(3);
    const reviews = await store.db.query('select c.la_reference, r.stage, r.review_deadline, r.meeting_date from review_cycles r join plans p on p.id = r.plan_id join children c on c.id = p.child_id order by 1');
    expect(reviews).toEqual([
      { la_reference: 'N-1', stage: 'not-booked', review_deadline: '2027-01-09', meeting_date: null },
      { la_reference: 'N-2', stage: 'not-booked', review_deadline: '2026-11-30', meeting_date: null },
      { la_reference: 'N-3', stage: 'booked', review_deadline: '2027-01-31', meeting_date: '2026-12-15' },
    ]);
  });

  it('is idempotent by laReference: the same file twice changes nothing', async () => {
    await run(good);
    const audit = await count('audit_log');
    expect(await run(good)).toEqual({ created: 0, updated: 0, unchanged: 3, rejected: 0, errors: [], rejectedCsv: `${CSV_HEADER},problem\r\n` });
    expect(await count('children')).toBe(3);
    expect(await count('review_cycles')).toBe(3);
    expect(await count('audit_log')).toBe((audit ?? 0) + 1);
  });

  it('updates a known child where the row differs, and audits before and after', async () => {
    await run(good);
    expect(await run(['N-1,Ada Example,north-school-b,2026-01-10,,2018-04-02,4,,,'])).toMatchObject({ created: 0, updated: 1 });
    expect(await store.db.query("select school_id, nc_year from plans p join children c on c.id = p.child_id where c.la_reference = 'N-1'")).toEqual([{ school_id: 'north-school-b', nc_year: 4 }]);
    const [entry] = (await readAuditEntries(store.db, "action = 'child.reimported'")) as { before: { school_id: string }; after: { school: string } }[];
    expect(entry?.before.school_id).toBe('north-school');
    expect(entry?.after.school).toBe('north-school-b');
  });

  it('reports each bad row by line and field, stores none of them, and still stores the good rows', async () => {
    const result = await run([
      good[0] as string,
      'N-4,Dev Placeholder,north-school,2025-02-30,,,,,,',
      ',No Reference,north-school,2026-01-01,,,,,,',
      'N-5,Ema Testcase,nowhere-school,2026-01-01,,,,,,',
      'N-1,Ada Again,north-school,2026-01-10,,,,,,',
      'N-6,Finn Example,north-school,2026-03-01,,,,,,2026-02-01',
    ]);
    expect(result).toMatchObject({ created: 1, rejected: 5 });
    expect(result.errors).toEqual([
      { line: 3, field: 'planIssued', message: expect.stringContaining('2025-02-30') },
      { line: 4, field: 'laReference', message: expect.stringContaining('required') },
      { line: 5, field: 'school', message: expect.stringMatching(/^"nowhere-school" is not a registered setting/) },
      { line: 6, field: 'laReference', message: 'N-1 appears again (first on line 2); keep one row per child' },
      { line: 7, field: 'meetingDate', message: expect.any(String) },
    ]);
    expect((await store.db.query<{ la_reference: string }>('select la_reference from children')).map((c) => c.la_reference)).toEqual(['N-1']);
  });

  it('refuses a file without the required columns, naming them', async () => {
    await expect(run(good, 'laReference,planIssued')).rejects.toThrow(InvalidInputError);
    await expect(run(good, 'laReference,planIssued')).rejects.toThrow(/no childName column.*school: the CSV header has no school column/);
  });

  it('keeps councils apart: the same reference in two councils is two children', async () => {
    await run(good);
    await store.db.transaction((tx) => importCaseload(tx, people.southOfficer, `${CSV_HEADER}\nN-1,Other Child,south-school,2026-01-10,,,,,,\n`));
    expect(await store.db.query('select council_id, name from children where la_reference = $1 order by 1', ['N-1'])).toEqual([
      { council_id: 'north-council', name: 'Ada Example' },
      { council_id: 'south-council', name: 'Other Child' },
    ]);
  });
});
