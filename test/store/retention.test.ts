import { applyRetention } from '../../bot/app/retention/runRetention';
import { CASE_TABLES, REVIEW_TABLES } from '../../bot/store/retention/pastPeriod';
import { writeRetentionSchedule } from '../../bot/store/retention/schedules';
import { defaultRetentionSchedule } from '../../bot/app/retention/schedule';
import type { Db } from '../../bot/store/db';
import { importRows, registerPeople, type People } from '../support/fixtures';
import { openTestStore, storeKinds, type TestStore } from '../../testkit/stores';

// Literal dates: on 2026-11-16 the defaults put the cut-offs at born before 1995-11-16, plan
// ended before 2020-11-16, link expired before 2026-08-18, reminder due and access before 2024-11-16.
// The closed case's own old reminder counts as a reminder past its period (3 in all).
const TODAY = '2026-11-16';

const cases = [
  // ref, date of birth, plan ended on: what the defaults do with it
  ['OLD-GONE', '1994-01-01', '2019-07-31'], // past both rules: deleted
  ['YOUNG', '2000-02-02', '2019-07-31'], // born too recently: kept
  ['RECENT-END', '1990-03-03', '2022-07-31'], // ended less than 6 years ago: kept
  ['NO-DOB', '', '2019-07-31'], // no date of birth, ended over 6 years ago: deleted
  ['OPEN', '1990-04-04', ''], // plan still open: kept
] as const;

const ids = async (db: Db, sql: string) => (await db.query<{ v: string }>(sql)).map((r) => String(r.v)).sort();

describe.each(storeKinds)('retention on %s', (kind) => {
  let store: TestStore;
  let people: People;
  let review: Record<string, string>;

  beforeEach(async () => {
    store = await openTestStore(kind);
    const db = store.db;
    people = await registerPeople(db);
    review = await importRows(db, people.officer, cases.map(([ref, dob]) => `${ref},Child ${ref},north-school,2010-09-01,,${dob},11,,,`));
    const south = await importRows(db, people.southOfficer, ['SOUTH-OLD,South Child,south-school,2010-09-01,,1994-01-01,11,,,']);
    await db.query("update plans set ceased_on = '2019-07-31' where child_id = (select id from children where la_reference = 'SOUTH-OLD')");
    for (const [ref, , ended] of cases) if (ended) await db.query('update plans set ceased_on = $1 where child_id = (select id from children where council_id = $2 and la_reference = $3)', [ended, 'north-council', ref]);
    // One open review's reminders, links and access records on either side of each cut-off.
    const open = review.OPEN as string;
    for (const [sendOn, status] of [['2024-11-15', 'sent'], ['2024-11-16', 'sent'], ['2024-11-01', 'dead'], ['2020-01-01', 'pending']] as const) {
      await db.query("insert into reminder_outbox (review_id, kind, recipient_role, recipient_email, send_on, status) values ($1, 'book-now', 'school', 'senco@north-school.example', $2, $3)", [open, sendOn, status]);
    }
    const [request] = await db.query<{ id: string }>("insert into advice_requests (review_id, from_role, email, requested_on, due_on) values ($1, 'health', 'ep@nhs.example', '2026-07-01', '2026-07-20') returning id", [open]);
    for (const [hash, expires] of [['a', '2026-08-17T22:59:00Z'], ['b', '2026-08-18T12:00:00Z']] as const) {
      await db.query('insert into advice_links (request_id, token_hash, expires_at) values ($1, $2, $3)', [request?.id, hash.repeat(64), expires]);
    }
    for (const at of ['2024-11-15T12:00:00Z', '2024-11-17T12:00:00Z']) {
      await db.query("insert into access_records (at, council_id, actor_user, face, action, la_reference) values ($1, 'north-council', 'officer', 'api', 'review.read', 'OPEN')", [at]);
    }
    // The case to be deleted holds something in each of its tables' kinds.
    await db.query("insert into reminder_outbox (review_id, kind, recipient_role, send_on, status) values ($1, 'book-now', 'school', '2019-05-01', 'sent')", [review['OLD-GONE']]);
    await db.query("insert into case_contacts (child_id, role, name, email) select id, 'parent', 'Pat Parent', 'pat@home.example' from children where la_reference = 'OLD-GONE'");
    expect(south['SOUTH-OLD']).toBeDefined();
  });
  afterEach(() => store.dispose());

  it('deletes nothing before the council confirms its schedule, and says what it would delete', async () => {
    const before = await store.db.query('select count(*)::int as n from children');
    const report = await applyRetention(store.db, 'north-council', TODAY, { dryRun: false });
    expect(report).toMatchObject({ confirmed: false, deleted: false, scheduleVersion: 0 });
    expect(Object.fromEntries(report.kinds.map((k) => [k.kind, k.count]))).toEqual({ case: 2, adviceLink: 1, reminder: 3, accessRecord: 1 });
    expect(await store.db.query('select count(*)::int as n from children')).toEqual(before);
    expect(await store.db.query("select 1 from audit_log where action = 'retention.deleted'")).toEqual([]);

    // Saved but not confirmed: still only a report.
    await writeRetentionSchedule(store.db, 'north-council', defaultRetentionSchedule, null);
    expect((await applyRetention(store.db, 'north-council', TODAY, { dryRun: false })).deleted).toBe(false);
    expect(await store.db.query('select count(*)::int as n from children')).toEqual(before);
  });

  it('once confirmed, deletes exactly what is past its period, leaves a tombstone per kind, and nothing of another council', async () => {
    await writeRetentionSchedule(store.db, 'north-council', defaultRetentionSchedule, people.manager.personId);
    const dry = await applyRetention(store.db, 'north-council', TODAY, { dryRun: true });
    expect(dry.deleted).toBe(false);
    const report = await applyRetention(store.db, 'north-council', TODAY, { dryRun: false });
    expect(report).toMatchObject({ confirmed: true, deleted: true, scheduleVersion: 1 });
    expect(Object.fromEntries(report.kinds.map((k) => [k.kind, k.count]))).toEqual({ case: 2, adviceLink: 1, reminder: 3, accessRecord: 1 });

    expect(await ids(store.db, 'select la_reference as v from children')).toEqual(['OPEN', 'RECENT-END', 'SOUTH-OLD', 'YOUNG']);
    expect(await ids(store.db, "select send_on::text || ' ' || status as v from reminder_outbox")).toEqual(['2020-01-01 pending', '2024-11-16 sent']);
    expect(await ids(store.db, 'select substr(token_hash, 1, 1) as v from advice_links')).toEqual(['b']);
    expect(await ids(store.db, 'select at::date::text as v from access_records')).toEqual(['2024-11-17']);
    expect(await store.db.query('select 1 from case_contacts')).toEqual([]);
    expect(await ids(store.db, 'select id as v from review_cycles where council_id = $$north-council$$')).toEqual([review.OPEN, review['RECENT-END'], review.YOUNG].sort() as string[]);

    const tombstones = await store.db.query<{ actor_user: string; entity_id: string; after: { kind: string; count: number; rule: string; scheduleVersion: number } }>(
      "select actor_user, entity_id, after from audit_log where action = 'retention.deleted' order by id",
    );
    expect(tombstones.map((t) => [t.actor_user, t.entity_id, t.after.kind, t.after.count, t.after.scheduleVersion])).toEqual([
      ['system:retention', 'north-council', 'case', 2, 1],
      ['system:retention', 'north-council', 'adviceLink', 1, 1],
      ['system:retention', 'north-council', 'reminder', 3, 1],
      ['system:retention', 'north-council', 'accessRecord', 1, 1],
    ]);
    // A tombstone says what kind, how many and by which rule; never whose.
    expect(JSON.stringify(tombstones)).not.toMatch(/OLD-GONE|NO-DOB|Child |Pat Parent|1994-01-01/);
    expect(tombstones[0]?.after.rule).toBe('closed case: date of birth + 31 years, and at least 6 years after the plan ended');

    // Again the same day: nothing more to delete, so no more tombstones.
    const again = await applyRetention(store.db, 'north-council', TODAY, { dryRun: false });
    expect(again.kinds.every((k) => k.count === 0)).toBe(true);
    expect(await store.db.query("select 1 from audit_log where action = 'retention.deleted'")).toHaveLength(4);
  });

  it('knows every table that refers to a review, a plan or a child, so a new one cannot be left pointing at nothing', async () => {
    const refs = await store.db.query<{ from_table: string; to_table: string }>(
      `select distinct cl.relname as from_table, ct.relname as to_table
         from pg_constraint k join pg_class cl on cl.oid = k.conrelid join pg_class ct on ct.oid = k.confrelid
        where k.contype = 'f' and ct.relname in ('review_cycles', 'plans', 'children', 'advice_requests', 'advice_items')
          and cl.relnamespace = (select oid from pg_namespace where nspname = current_schema())`,
    );
    expect(refs.length).toBeGreaterThan(15);
    const deleted = new Set<string>([...REVIEW_TABLES, ...CASE_TABLES, 'advice_links']);
    expect(refs.filter((r) => !deleted.has(r.from_table))).toEqual([]);
  });
});
