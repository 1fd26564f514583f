import { graphAdviceStorage } from '../../bot/advice/storage';
import { drainGraphDeletions, retryAfterSeconds } from '../../bot/app/retention/deleteFiles';
import { applyRetention } from '../../bot/app/retention/runRetention';
import { defaultRetentionSchedule } from '../../bot/app/retention/schedule';
import type { Logger } from '../../bot/log/logger';
import { openAuditVault } from '../../bot/store/auditSeal/vault';
import { openPostgres } from '../../bot/store/openPostgres';
import { pendingGraphDeletions } from '../../bot/store/graphDeletions';
import { registerOrganisation } from '../../bot/store/organisations';
import { writeRetentionSchedule } from '../../bot/store/retention/schedules';
import { CLIENT_ID, type Harness, startHarness, TENANT } from '../../testkit/graph-server/harness';
import type { SeedDrive } from '../../testkit/graph-server/state';
import { openTestStore, storeKinds, type TestStore } from '../../testkit/stores';
import { importRows, registerPeople } from '../support/fixtures';

const SITE = 'north.sharepoint.com,aa11,bb22';
const drive: SeedDrive = { id: 'b!northSenLibrary', siteId: SITE, items: [] };
const TODAY = '2026-11-16';

describe('how long a failed SharePoint deletion waits', () => {
  it('waits an hour after the first failure, doubling, and never more than a day', () => {
    expect([0, 1, 2, 4, 5, 10].map(retryAfterSeconds)).toEqual([3600, 7200, 14_400, 57_600, 86_400, 86_400]);
  });
});

describe.each(storeKinds)('SharePoint files deleted with the records on %s', (kind) => {
  let store: TestStore;
  let h: Harness;
  const warnings: string[] = [];
  const logger: Logger = { info() {}, warn: (msg, fields) => void warnings.push(`${msg} ${JSON.stringify(fields)}`), error: (msg) => void warnings.push(msg) };
  beforeAll(async () => {
    h = await startHarness({ graph: { drives: [drive], siteGrants: { [CLIENT_ID]: [SITE] } } });
  });
  afterAll(() => h?.close());
  beforeEach(async () => {
    store = await openTestStore(kind);
    warnings.length = 0;
  });
  afterEach(() => store.dispose());

  it('retention queues a closed case’s files with the rows; a Graph failure keeps the file queued with why and retries it after the backoff, until it is gone', async () => {
    const people = await registerPeople(store.db);
    await store.db.transaction((tx) => registerOrganisation(tx, { id: 'north-council', kind: 'council', name: 'North Council', entraTenantId: TENANT }));
    const review = await importRows(store.db, people.officer, ['OLD-GONE,Old Child,north-school,2010-09-01,,1994-01-01,11,,,', 'OPEN,Open Child,north-school,2010-09-01,,1990-04-04,11,,,']);
    expect(Object.keys(review).sort()).toEqual(['OLD-GONE', 'OPEN']);
    await store.db.query("update plans set ceased_on = '2019-07-31' where child_id = (select id from children where la_reference = 'OLD-GONE')");
    const storage = graphAdviceStorage(() => h.appClient());
    const folder = { tenantId: TENANT, driveId: drive.id, path: ['EHCP reviews', 'OLD-GONE', 'Review due 2019-09-01'] };
    const advice = await storage.save(folder, 'EP advice.pdf', Buffer.from('%PDF-1.7 advice'), 'application/pdf');
    const gone = await storage.save(folder, 'Health advice.pdf', Buffer.from('%PDF-1.7 health'), 'application/pdf');
    const kept = await storage.save({ ...folder, path: ['EHCP reviews', 'OPEN', 'Review due 2027-09-01'] }, 'Open advice.pdf', Buffer.from('%PDF-1.7 open'), 'application/pdf');
    for (const [id, file] of [[review['OLD-GONE'], advice], [review['OLD-GONE'], gone], [review.OPEN, kept]] as const) {
      await store.db.query("insert into advice_items (review_id, from_role, received_on, drive_id, item_id, file_name) values ($1, 'health', '2019-06-01', $2, $3, 'advice.pdf')", [id, file.driveId, file.itemId]);
    }
    await writeRetentionSchedule(store.db, 'north-council', defaultRetentionSchedule, people.manager.personId);

    const report = await applyRetention(store.db, 'north-council', TODAY, { dryRun: false });
    expect(report.kinds.find((k) => k.kind === 'case')?.count).toBe(1);
    // The rows went and the files are known to be going, in the same transaction: no record points at nothing, no file is forgotten.
    expect(await store.db.query('select item_id, reason, attempts from graph_deletions order by item_id')).toEqual(
      [advice.itemId, gone.itemId].sort().map((item_id) => ({ item_id, reason: 'retention', attempts: 0 })),
    );
    expect(await store.db.query("select after ->> 'filesQueued' as files from audit_log where action = 'retention.deleted' and after ->> 'kind' = 'case'")).toEqual([{ files: '2' }]);

    // Someone already removed one by hand (404: counted as gone); the other fails (503) and stays, with why.
    h.graph.state.driveItems.delete(gone.itemId);
    h.graph.faults.add({ method: 'DELETE', path: advice.itemId, action: { type: 'status', status: 503, retryAfterSeconds: 0 }, times: 10 });
    const failing = await drainGraphDeletions({ db: store.db, storage, logger });
    expect(failing).toEqual({ deleted: 0, alreadyGone: 1, failed: 1, notConfigured: 0 });
    expect(h.graph.state.driveItems.has(advice.itemId)).toBe(true);
    const [waiting] = await store.db.query<{ item_id: string; attempts: number; last_error: string; due_in_s: number }>(
      'select item_id, attempts, last_error, extract(epoch from not_before - now())::int as due_in_s from graph_deletions',
    );
    expect(waiting).toMatchObject({ item_id: advice.itemId, attempts: 1, last_error: expect.stringMatching(/Graph/) });
    expect(waiting?.due_in_s).toBeGreaterThan(3000);
    expect(warnings).toEqual([expect.stringContaining('a SharePoint file could not be deleted; it stays queued and is tried again')]);
    // Reported to the council (GET /api/council/retention, ehcp-review retention) until it goes.
    expect(await pendingGraphDeletions(store.db, 'north-council')).toEqual({ pending: 1, failing: 1, lastError: expect.stringMatching(/Graph/) });
    // Not due yet: the next pass leaves it alone.
    expect(await drainGraphDeletions({ db: store.db, storage, logger })).toEqual({ deleted: 0, alreadyGone: 0, failed: 0, notConfigured: 0 });

    // The backoff has passed and Graph is back: deleted (204), and the queue is empty.
    h.graph.faults.clear();
    await store.db.query('update graph_deletions set not_before = now()');
    expect(await drainGraphDeletions({ db: store.db, storage, logger })).toEqual({ deleted: 1, alreadyGone: 0, failed: 0, notConfigured: 0 });
    expect(h.graph.state.driveItems.has(advice.itemId)).toBe(false);
    expect(h.graph.state.driveItems.has(kept.itemId)).toBe(true);
    expect(await store.db.query('select * from graph_deletions')).toEqual([]);
  });

  it('without Graph the files wait, and the log says why', async () => {
    const people = await registerPeople(store.db);
    await store.db.query("insert into graph_deletions (council_id, drive_id, item_id, reason) values ('north-council', 'b!drive', 'item-1', 'erasure')");
    expect(await drainGraphDeletions({ db: store.db, logger })).toEqual({ deleted: 0, alreadyGone: 0, failed: 0, notConfigured: 1 });
    expect(warnings).toEqual([expect.stringContaining('Graph is not configured')]);
    expect(await store.db.query('select item_id from graph_deletions')).toEqual([{ item_id: 'item-1' }]);
    expect(people.manager.orgId).toBe('north-council');
  });
});

/**
 * Every service process runs the retention job and the SharePoint drain (bot/server/retentionJob.ts):
 * two of them at once, here two connection pools on one PostgreSQL as two processes would be,
 * delete each case once and ask Graph to delete each file once.
 */
describe.each(storeKinds.filter((k) => k === 'postgres'))('retention and the SharePoint drain in two processes at once on %s', (kind) => {
  let store: TestStore;
  let h: Harness;
  const logger: Logger = { info() {}, warn() {}, error() {} };
  beforeAll(async () => {
    h = await startHarness({ graph: { drives: [drive], siteGrants: { [CLIENT_ID]: [SITE] } } });
    store = await openTestStore(kind);
  });
  afterAll(async () => {
    await store?.dispose();
    await h?.close();
  });

  it('deletes the closed cases once, and each of their files once', async () => {
    const people = await registerPeople(store.db);
    await store.db.transaction((tx) => registerOrganisation(tx, { id: 'north-council', kind: 'council', name: 'North Council', entraTenantId: TENANT }));
    const closed = Array.from({ length: 6 }, (_, i) => `OLD-${i},Old Child ${i},north-school,2010-09-01,,1994-01-01,11,,,`);
    const ids = await importRows(store.db, people.officer, closed);
    await store.db.query("update plans set ceased_on = '2019-07-31' where child_id in (select id from children where la_reference like 'OLD-%')");
    const storage = graphAdviceStorage(() => h.appClient());
    const items: string[] = [];
    for (const [ref, id] of Object.entries(ids)) {
      for (const n of [1, 2, 3]) {
        const file = await storage.save({ tenantId: TENANT, driveId: drive.id, path: ['EHCP reviews', ref, 'Review due 2019-09-01'] }, `Advice ${n}.pdf`, Buffer.from(`%PDF-1.7 ${ref} ${n}`), 'application/pdf');
        items.push(file.itemId);
        await store.db.query("insert into advice_items (review_id, from_role, received_on, drive_id, item_id, file_name) values ($1, 'health', '2019-06-01', $2, $3, 'advice.pdf')", [id, file.driveId, file.itemId]);
      }
    }
    await writeRetentionSchedule(store.db, 'north-council', defaultRetentionSchedule, people.manager.personId);
    const other = await openPostgres(store.location.databaseUrl as string, { vault: await openAuditVault({ dataDir: store.location.dataDir }) });
    try {
      const reports = await Promise.all([applyRetention(store.db, 'north-council', TODAY, { dryRun: false }), applyRetention(other, 'north-council', TODAY, { dryRun: false })]);
      // One run found the cases and deleted them; the other, waiting on the council's lock, found none left.
      expect(reports.map((r) => r.kinds.find((k) => k.kind === 'case')?.count ?? 0).sort()).toEqual([0, 6]);
      expect(await store.db.query("select 1 from children where la_reference like 'OLD-%'")).toEqual([]);
      expect(await store.db.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'retention.deleted' and after ->> 'kind' = 'case'")).toEqual([{ n: 1 }]);
      expect(await store.db.query<{ n: number }>('select count(*)::int as n from graph_deletions')).toEqual([{ n: items.length }]);

      const before = h.graph.requests.length;
      // Small claims, so the two drains take turns and both do some of the work.
      const drains = await Promise.all([
        drainGraphDeletions({ db: store.db, storage, logger }, { limit: 2 }).then(async (first) => [first, await drainGraphDeletions({ db: store.db, storage, logger })]),
        drainGraphDeletions({ db: other, storage, logger }, { limit: 2 }).then(async (first) => [first, await drainGraphDeletions({ db: other, storage, logger })]),
      ]);
      const deletes = h.graph.requests.slice(before).filter((r) => r.method === 'DELETE');
      const perItem = new Map<string, number>();
      for (const r of deletes) {
        const item = items.find((i) => r.path.includes(i));
        if (item) perItem.set(item, (perItem.get(item) ?? 0) + 1);
      }
      expect([...perItem.values()].filter((n) => n !== 1)).toEqual([]);
      expect(perItem.size).toBe(items.length);
      expect(drains.flat().reduce((sum, r) => sum + r.deleted, 0)).toBe(items.length);
      expect(drains.flat().reduce((sum, r) => sum + r.alreadyGone + r.failed, 0)).toBe(0);
      expect(drains.map((d) => d.reduce((sum, r) => sum + r.deleted, 0)).every((n) => n > 0)).toBe(true);
      expect(items.filter((i) => h.graph.state.driveItems.has(i))).toEqual([]);
      expect(await store.db.query('select * from graph_deletions')).toEqual([]);
    } finally {
      await other.close();
    }
  }, 60_000);
});
