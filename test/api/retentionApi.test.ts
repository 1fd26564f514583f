import { defaultRetentionSchedule } from '../../bot/app/retention/schedule';
import { registerPerson } from '../../bot/store/organisations';
import { writeRetentionSchedule } from '../../bot/store/retention/schedules';
import { cli } from '../cli/runCli';
import { importRows, registerPeople } from '../support/fixtures';
import { startTestService, type TestService } from '../../testkit/service';
import { openTestStore, storeKinds } from '../../testkit/stores';

const TODAY = '2026-11-16';

describe.each(storeKinds)('the retention schedule through the API on %s', (kind) => {
  let svc: TestService;
  let manager: string;
  let officer: string;
  beforeAll(async () => {
    svc = await startTestService(
      kind,
      async (db) => {
        const people = await registerPeople(db);
        await importRows(db, people.officer, ['R-1,Old Case,north-school,2010-09-01,,1994-01-01,11,,,', 'R-2,Open Case,north-school,2020-09-01,,2012-01-01,6,,,']);
        await db.query("update plans set ceased_on = '2019-07-31' where child_id = (select id from children where la_reference = 'R-1')");
      },
      { CLOCK_START: `${TODAY}T10:00:00Z` },
    );
    manager = await svc.token('la-manager', 'north-council', 'manager');
    officer = await svc.token('la-officer', 'north-council', 'officer');
  });
  afterAll(() => svc?.stop());

  it('shows the defaults unconfirmed, with what they would delete, and the service has deleted nothing', async () => {
    const got = await svc.call('GET', '/api/council/retention', { token: officer });
    expect(got.status).toBe(200);
    expect(got.headers.get('etag')).toBe('"retention.north-council.0"');
    expect(got.body).toMatchObject({ confirmed: false, deleted: false, scheduleVersion: 0, schedule: got.body.defaults });
    expect(got.body.kinds.find((k: { kind: string }) => k.kind === 'case')).toEqual({ kind: 'case', rule: 'closed case: date of birth + 31 years, and at least 6 years after the plan ended', count: 1 });
    // The service's daily job ran at start and, unconfirmed, deleted nothing.
    expect(await svc.service.db.query("select la_reference from children order by la_reference")).toEqual([{ la_reference: 'R-1' }, { la_reference: 'R-2' }]);
  });

  it('refuses bad figures naming the field, an officer, and a stale If-Match, changing nothing', async () => {
    const bad = await svc.call('PUT', '/api/council/retention', { token: manager, body: { schedule: { caseYearsAfterBirth: -1, forever: true } } });
    expect(bad.status).toBe(400);
    expect(bad.body.problems.map((p: { field: string }) => p.field).sort()).toEqual(['confirm', 'forever', 'schedule.caseYearsAfterBirth']);
    expect((await svc.call('PUT', '/api/council/retention', { token: officer, body: { confirm: true } })).body.error).toBe('forbidden');
    const stale = await svc.call('PUT', '/api/council/retention', { token: manager, body: { confirm: true }, headers: { 'if-match': '"retention.north-council.7"' } });
    expect(stale).toMatchObject({ status: 412, body: { error: 'stale-write' } });
    expect(await svc.service.db.query('select 1 from retention_schedules')).toEqual([]);
  });

  it('saves and confirms the manager’s schedule, audited before and after; saving new figures unconfirmed stops deletion again', async () => {
    const saved = await svc.call('PUT', '/api/council/retention', { token: manager, body: { schedule: { accessRecordMonths: 36 }, confirm: true }, headers: { 'if-match': '"retention.north-council.0"' } });
    expect(saved).toMatchObject({ status: 200, body: { version: 1, confirmed: true, schedule: { accessRecordMonths: 36, caseYearsAfterBirth: 31 } } });
    expect(saved.headers.get('etag')).toBe('"retention.north-council.1"');
    expect((await svc.call('GET', '/api/council/retention', { token: manager })).body).toMatchObject({ confirmed: true, scheduleVersion: 1 });
    const changed = await svc.call('PUT', '/api/council/retention', { token: manager, body: { schedule: { accessRecordMonths: 12 }, confirm: false } });
    expect(changed.body).toMatchObject({ version: 2, confirmed: false });
    const audit = await svc.service.db.query<{ action: string; before: { confirmed: boolean }; after: { confirmed: boolean } }>(
      "select action, before, after from audit_log where action like 'retention.schedule-%' order by id",
    );
    expect(audit.map((a) => [a.action, a.before.confirmed, a.after.confirmed])).toEqual([
      ['retention.schedule-confirmed', false, true],
      ['retention.schedule-saved', true, false],
    ]);
  });
});

// The command opens the store itself; on PostgreSQL it runs beside the test's own connection.
const cliKinds = process.env.TEST_DATABASE_URL ? (['postgres'] as const) : [];
describe.each(cliKinds)('ehcp-review retention on %s', (kind) => {
  it('reports with --dry-run, applies only a confirmed schedule with --apply, and says how to use it', async () => {
    const store = await openTestStore(kind);
    try {
      const people = await registerPeople(store.db);
      await importRows(store.db, people.officer, ['C-1,Old Case,north-school,2010-09-01,,1994-01-01,11,,,']);
      await store.db.query("update plans set ceased_on = '2019-07-31'");
      const env = { DATABASE_URL: store.location.databaseUrl as string, DATA_DIR: store.location.dataDir };
      const dry = await cli(['retention', '--dry-run', '--today', TODAY], { env });
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain('Retention on 2026-11-16 (dry run: nothing deleted)');
      expect(dry.stdout).toMatch(/north-council\s+not confirmed\s+case\s+1\s+would delete/);
      const unconfirmed = await cli(['retention', '--apply', '--today', TODAY], { env });
      expect(unconfirmed.stdout).toMatch(/north-council\s+not confirmed\s+case\s+1\s+kept \(unconfirmed\)/);
      expect(await store.db.query('select 1 from children')).toHaveLength(1);

      await registerPerson(store.db, { orgId: 'north-council', entraObjectId: 'dpo', role: 'la-manager', email: 'dpo@north.example' });
      await store.db.query("insert into retention_schedules (council_id, schedule, confirmed_at) values ('north-council', $1, now())", [JSON.stringify({ caseYearsAfterBirth: 31, caseYearsAfterPlanEnd: 6, adviceLinkDaysAfterExpiry: 90, reminderMonthsAfterSend: 24, accessRecordMonths: 24 })]);
      const applied = await cli(['retention', '--apply', '--today', TODAY, '--operator', 'dpo'], { env });
      expect(applied.stdout).toMatch(/north-council\s+v1 confirmed\s+case\s+1\s+deleted/);
      expect(await store.db.query('select 1 from children')).toEqual([]);
      expect(await store.db.query("select actor_user from audit_log where action = 'retention.deleted'")).toEqual([{ actor_user: 'cli:dpo' }]);

      const neither = await cli(['retention', '--today', TODAY], { env });
      expect(neither.code).toBe(2);
      expect(neither.stderr).toContain('say --dry-run (report only) or --apply');
      const badDay = await cli(['retention', '--dry-run', '--today', '16/11/2026'], { env });
      expect(badDay.stderr).toContain('is not a real calendar date; use YYYY-MM-DD');
    } finally {
      await store.dispose();
    }
  });
});

describe.each(storeKinds)('the daily retention job in the service on %s', (kind) => {
  it('applies a confirmed schedule when the service starts (its first pass of the day), leaving a tombstone', async () => {
    const svc = await startTestService(
      kind,
      async (db) => {
        const people = await registerPeople(db);
        await importRows(db, people.officer, ['J-1,Old Case,north-school,2010-09-01,,1994-01-01,11,,,', 'J-2,Open Case,north-school,2020-09-01,,2012-01-01,6,,,']);
        await db.query("update plans set ceased_on = '2019-07-31' where child_id = (select id from children where la_reference = 'J-1')");
        await writeRetentionSchedule(db, 'north-council', defaultRetentionSchedule, people.manager.personId);
      },
      { CLOCK_START: `${TODAY}T10:00:00Z` },
    );
    try {
      let tombstones: unknown[] = [];
      // The pass runs beside the start-up; wait for it rather than for a fixed time.
      for (let i = 0; i < 50 && tombstones.length === 0; i++) {
        tombstones = await svc.service.db.query("select after ->> 'kind' as kind, after ->> 'count' as count from audit_log where action = 'retention.deleted'");
        if (tombstones.length === 0) await new Promise((r) => setTimeout(r, 100));
      }
      expect(tombstones).toEqual([{ kind: 'case', count: '1' }]);
      expect(await svc.service.db.query('select la_reference from children order by la_reference')).toEqual([{ la_reference: 'J-2' }]);
    } finally {
      await svc.stop();
    }
  });
});
