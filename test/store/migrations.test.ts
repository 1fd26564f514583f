import { migrate, SchemaMismatchError } from '../../bot/store/migrate';
import { migrations } from '../../bot/store/migrations';
import { openTestStore, storeKinds, type TestStore } from '../../testkit/stores';

// Versions are assigned per branch (PLAN.md), so the list may have gaps until every branch is merged.
const newest = migrations.at(-1)?.version ?? 0;

describe.each(storeKinds)('migrations on %s', (kind) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await openTestStore(kind);
  });
  afterEach(() => store.dispose());

  it('applies nothing the second time, and records each version with its checksum', async () => {
    expect(await migrate(store.db)).toEqual({ applied: [], current: newest });
    const rows = await store.db.query<{ version: number; checksum: string }>('select version, checksum from schema_migrations');
    expect(rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
    expect(rows[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('applies a new migration once even when several processes start together', async () => {
    const next = [...migrations, { version: newest + 1, name: 'add a column', sql: 'alter table organisations add column phone text;' }];
    const results = await Promise.all([migrate(store.db, next), migrate(store.db, next), migrate(store.db, next)]);
    expect(results.flatMap((r) => r.applied)).toEqual([newest + 1]);
  });

  it('refuses a database newer than this build, naming both versions', async () => {
    await store.db.query("insert into schema_migrations (version, name, checksum) values (99, 'future', 'x')");
    await expect(migrate(store.db)).rejects.toThrow(SchemaMismatchError);
    await expect(migrate(store.db)).rejects.toThrow(`schema version 99, newer than this build knows (${newest})`);
  });

  it('refuses a released migration that was edited afterwards', async () => {
    const edited = migrations.map((m) => (m.version === 1 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    await expect(migrate(store.db, edited)).rejects.toThrow(/Migration 1 \(initial schema\) was changed after it was applied/);
  });

  it('keeps the audit log append-only: update, delete and truncate are refused', async () => {
    await store.db.query("insert into audit_log (action, entity, entity_id) values ('test', 'thing', '1')");
    await expect(store.db.query("update audit_log set action = 'forged'")).rejects.toThrow(/append-only: UPDATE/);
    await expect(store.db.query('delete from audit_log')).rejects.toThrow(/append-only: DELETE/);
    await expect(store.db.query('truncate audit_log')).rejects.toThrow(/append-only: TRUNCATE/);
    expect(await store.db.query('select action from audit_log')).toEqual([{ action: 'test' }]);
  });

  it('rolls a failed transaction back completely', async () => {
    await expect(
      store.db.transaction(async (tx) => {
        await tx.query("insert into organisations (id, kind, name) values ('half-written', 'council', 'Half')");
        await tx.query("insert into organisations (id, kind, name) values ('Bad Id!', 'council', 'Bad')");
      }),
    ).rejects.toThrow();
    expect(await store.db.query("select id from organisations where id = 'half-written'")).toEqual([]);
  });
});
