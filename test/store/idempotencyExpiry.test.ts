import { expireIdempotencyKeys } from '../../bot/store/idempotency';
import { openTestStore, storeKinds, type TestStore } from '../../testkit/stores';

describe.each(storeKinds)('idempotency answers expire on %s', (kind) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await openTestStore(kind);
  });
  afterEach(() => store.dispose());

  it('deletes answers older than the period (25 h against 24 h) and keeps younger ones (23 h)', async () => {
    await store.db.query(
      `insert into idempotency_keys (org_id, user_id, key, request_hash, status, body, created_at)
       values ('o', 'u', 'old', 'h', 200, '{}', now() - interval '25 hours'), ('o', 'u', 'young', 'h', 200, '{}', now() - interval '23 hours')`,
    );
    expect(await expireIdempotencyKeys(store.db, 24)).toBe(1);
    expect(await store.db.query('select key from idempotency_keys')).toEqual([{ key: 'young' }]);
    expect(await expireIdempotencyKeys(store.db, 24)).toBe(0);
  });
});
