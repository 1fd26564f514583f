import { transferPlan } from '../../bot/app/transferPlan';
import { loadLetterCase } from '../../bot/letters/letterCase';
import { replaceCouncilSettings } from '../../bot/store/councilSettings';
import type { Db } from '../../bot/store/db';
import { registerPerson } from '../../bot/store/organisations';
import { transferHistory } from '../../bot/store/placements/transfers';
import type { Principal } from '../../bot/store/principal';
import { recordDecision } from '../../bot/store/reviews/recordDecision';
import { recordReport } from '../../bot/store/reviews/recordReport';
import { demoSettings } from '../letters/support/letterFixtures';
import { importRows, type People, registerPeople } from '../support/fixtures';
import { openTestStore, storeKinds, type TestStore } from '../../testkit/stores';

/** Two councils, one shared school: each review's letter is its own council's, and a move between them is a Reg 15 transfer. */
const TODAY = '2027-03-01';

describe.each(storeKinds)('placements and transfers in the store on %s', (kind) => {
  let store: TestStore;
  let db: Db;
  let people: People;
  let north: Record<string, string>;
  let south: Record<string, string>;

  beforeAll(async () => {
    store = await openTestStore(kind);
    db = store.db;
    people = await registerPeople(db);
    await db.transaction(async (tx) => {
      const southManagerId = await registerPerson(tx, { orgId: 'south-council', entraObjectId: 'south-manager', role: 'la-manager' });
      const southManager: Principal = { orgId: 'south-council', orgKind: 'council', role: 'la-manager', userId: 'south-manager', personId: southManagerId, email: null, councilId: 'south-council' };
      await replaceCouncilSettings(tx, people.manager, { ...demoSettings, councilName: 'North Council', sendiassName: 'North SENDIASS' });
      await replaceCouncilSettings(tx, southManager, { ...demoSettings, councilName: 'South Council', sendiassName: 'South SENDIASS' });
    });
    // Both at North Primary, both met on 1 February 2027 (booked from the spreadsheet).
    north = await importRows(db, people.officer, ['N-1,Nia North,north-school,2026-03-20,,,4,,,2027-02-01']);
    south = await importRows(db, people.southOfficer, ['S-1,Sam South,north-school,2026-03-10,,,5,,,2027-02-01']);
    for (const [officer, id] of [[people.officer, north['N-1']], [people.southOfficer, south['S-1']]] as const) {
      await db.transaction((tx) => recordReport(tx, people.senco, id as string, { sentOn: '2027-02-10', recommendation: 'maintain' }, TODAY));
      await db.transaction((tx) => recordDecision(tx, officer, id as string, { outcome: 'maintain', notifiedOn: '2027-02-20', reasons: 'Needs met.' }, TODAY));
    }
  });
  afterAll(() => store.dispose());

  it("writes each review's letter with its own council's name and support services", async () => {
    const northLetter = await db.transaction((tx) => loadLetterCase(tx, people.officer, north['N-1'] as string, TODAY));
    const southLetter = await db.transaction((tx) => loadLetterCase(tx, people.southOfficer, south['S-1'] as string, TODAY));
    expect(northLetter.letter.council.name).toBe('North Council');
    expect(southLetter.letter.council.name).toBe('South Council');
    expect(JSON.stringify(southLetter.letter.sections)).toContain('South SENDIASS');
    expect(JSON.stringify(southLetter.letter.sections)).not.toContain('North SENDIASS');
    // The school's SENCO is addressed by each council about its own child; neither council reads the other's.
    await expect(db.transaction((tx) => loadLetterCase(tx, people.officer, south['S-1'] as string, TODAY))).rejects.toThrow(/not found/i);
  });

  it('moves the plan to the new council: the old closed as transferred, the clock kept, history with both, both councils and the school told', async () => {
    const [open] = await db.query<{ id: string; review_deadline: string }>(
      `select r.id, r.review_deadline from review_cycles r join plans p on p.id = r.plan_id join children c on c.id = p.child_id
        where c.la_reference = 'S-1' and r.stage = 'not-booked'`,
    );
    // The review concluded on 20 February 2027 starts the next 12 months.
    expect(open?.review_deadline).toBe('2028-02-19');
    const result = await db.transaction((tx) =>
      transferPlan({ tx, principal: people.southOfficer, today: TODAY }, open?.id as string, { toCouncil: 'north-council', movedOn: '2027-03-01', awareOn: '2027-01-04', transferredOn: '2027-03-15' }),
    );
    expect(result).toMatchObject({
      status: 'transferred',
      // Known of since 4 January: due on the day of the move; made two weeks later, with a warning, never refused.
      dates: { transferDueBy: '2027-03-01', familyToldBy: '2027-04-26', reviewDeadline: '2028-02-19' },
      warnings: [{ code: 'transfer-late', source: 'Reg 15(2)', message: expect.stringContaining('14 days late') }],
    });
    const plans = await db.query<{ council_id: string; la_reference: string; issued_on: string; ceased_on: string | null; transferred_out_on: string | null; transferred_in_on: string | null }>(
      `select c.council_id, c.la_reference, p.issued_on, p.ceased_on, p.transferred_out_on, p.transferred_in_on
         from plans p join children c on c.id = p.child_id where c.la_reference = 'S-1' order by p.id`,
    );
    expect(plans).toEqual([
      { council_id: 'south-council', la_reference: 'S-1', issued_on: '2026-03-10', ceased_on: null, transferred_out_on: '2027-03-15', transferred_in_on: null },
      { council_id: 'north-council', la_reference: 'S-1', issued_on: '2026-03-10', ceased_on: null, transferred_out_on: null, transferred_in_on: '2027-03-15' },
    ]);
    // The concluded review stays with South; the open one is North's now.
    const reviews = await db.query<{ id: string; council_id: string; stage: string }>(
      "select r.id, r.council_id, r.stage from review_cycles r where r.id = any($1::text[]) order by r.created_at",
      [[south['S-1'], open?.id]],
    );
    expect(reviews.map((r) => [r.council_id, r.stage])).toEqual([
      ['south-council', 'concluded'],
      ['north-council', 'not-booked'],
    ]);
    const [newPlan] = await db.query<{ id: number }>("select p.id::int from plans p join children c on c.id = p.child_id where c.council_id = 'north-council' and c.la_reference = 'S-1'");
    expect(await transferHistory(db, newPlan?.id as number)).toMatchObject({
      transferredFrom: 'south-council',
      transferredOn: '2027-03-15',
      previousReviews: [{ meetingDate: '2027-02-01', outcome: 'maintain', notifiedOn: '2027-02-20' }],
    });
    const notices = await db.query<{ recipient_key: string; send_on: string; deadline: string | null; source: string; action: string }>(
      "select recipient_key, send_on, deadline, source, action from reminder_outbox where kind = 'plan-transferred' order by id",
    );
    expect(notices).toEqual([
      { recipient_key: `person:${people.southOfficer.personId}`, send_on: TODAY, deadline: null, source: 'Reg 15', action: expect.stringContaining('Your record is closed as transferred') },
      { recipient_key: `person:${people.officer.personId}`, send_on: TODAY, deadline: '2027-04-26', source: 'Reg 15', action: expect.stringContaining('Tell the family by 2027-04-26') },
      { recipient_key: 'role:senco', send_on: TODAY, deadline: null, source: 'Reg 15', action: expect.stringContaining('now maintained by North Council') },
    ]);
    const audit = await db.query<{ action: string; actor_org: string }>("select action, actor_org from audit_log where action like 'plan.transferred%' order by id");
    expect(audit).toEqual([
      { action: 'plan.transferred-out', actor_org: 'south-council' },
      { action: 'plan.transferred-in', actor_org: 'south-council' },
    ]);
  });

  it('refuses a second transfer of the closed plan and a move to the same council', async () => {
    await expect(
      db.transaction((tx) => transferPlan({ tx, principal: people.officer, today: TODAY }, north['N-1'] as string, { toCouncil: 'north-council', movedOn: TODAY, transferredOn: TODAY })),
    ).rejects.toThrow(/is this council/);
    // South's concluded review of the closed plan is history: nothing open is left to move.
    const [moved] = await db.query<{ id: string }>("select r.id from review_cycles r where r.council_id = 'north-council' and r.plan_id in (select p.id from plans p join children c on c.id = p.child_id where c.la_reference = 'S-1')");
    await expect(
      db.transaction((tx) => transferPlan({ tx, principal: people.southOfficer, today: TODAY }, moved?.id as string, { toCouncil: 'north-council', movedOn: TODAY, transferredOn: TODAY })),
    ).rejects.toThrow(/not found/i);
    await expect(
      db.transaction((tx) => transferPlan({ tx, principal: people.southOfficer, today: TODAY }, south['S-1'] as string, { toCouncil: 'north-council', movedOn: TODAY, transferredOn: TODAY })),
    ).rejects.toThrow(/already transferred on 2027-03-15/);
  });
});
