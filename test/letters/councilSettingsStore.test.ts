import { readCouncilSettings } from '../../bot/store/councilSettings';
import { registerPeople } from '../support/fixtures';
import { openTestStore, storeKinds, type TestStore } from '../../testkit/stores';

describe.each(storeKinds)('council settings in the store on %s', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(kind);
    await registerPeople(store.db);
  });
  afterAll(() => store.dispose());

  it('reads a council that has set nothing as empty settings at version 0', async () => {
    expect(await readCouncilSettings(store.db, 'south-council')).toEqual({ councilId: 'south-council', settings: {}, version: 0, updatedAt: null });
  });

  it('leaves out a stored value the schema no longer accepts, keeping the rest, so the letter names it as missing', async () => {
    await store.db.query("insert into council_settings (council_id, settings) values ('north-council', $1)", [JSON.stringify({ councilName: 'North Council', sendTeamEmail: 'not-an-address', retired: true })]);
    const read = await readCouncilSettings(store.db, 'north-council');
    expect(read.settings).toEqual({ councilName: 'North Council' });
    expect(read.version).toBe(1);
  });
});
