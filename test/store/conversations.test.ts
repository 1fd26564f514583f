import { conversationStoredAs, forgetConversation, personalConversationFor, rememberConversation, type StoredConversation } from '../../bot/store/conversations';
import { type People, registerPeople } from '../support/fixtures';
import { openTestStore, storeKinds, type TestStore } from '../../testkit/stores';

describe.each(storeKinds)('Teams conversation references, on %s', (kind) => {
  let store: TestStore;
  let people: People;
  beforeEach(async () => {
    store = await openTestStore(kind);
    people = await registerPeople(store.db);
  });
  afterEach(() => store.dispose());

  const personal = (over: Partial<StoredConversation> = {}): StoredConversation => ({
    conversationId: 'a:1-officer',
    conversationType: 'personal',
    serviceUrl: 'https://smba.trafficmanager.net/uk/',
    tenantId: 'tenant-north',
    botId: '28:bot',
    personId: people.officer.personId,
    aadObjectId: 'officer',
    ...over,
  });
  const audits = async (action: string) => (await store.db.query<{ n: number }>('select count(*)::int as n from audit_log where action = $1', [action]))[0]?.n;

  it('stores a personal conversation and finds it for the person, with one audit entry', async () => {
    await store.db.transaction((tx) => rememberConversation(tx, personal()));
    await expect(personalConversationFor(store.db, people.officer.personId)).resolves.toEqual(personal());
    expect(await audits('conversation.stored')).toBe(1);
  });

  it('keeps the newest service URL when Teams moves the conversation, auditing the change once', async () => {
    await store.db.transaction((tx) => rememberConversation(tx, personal()));
    await store.db.transaction((tx) => rememberConversation(tx, personal({ serviceUrl: 'https://smba.trafficmanager.net/emea/' })));
    await store.db.transaction((tx) => rememberConversation(tx, personal({ serviceUrl: 'https://smba.trafficmanager.net/emea/' })));
    expect((await personalConversationFor(store.db, people.officer.personId))?.serviceUrl).toBe('https://smba.trafficmanager.net/emea/');
    expect(await audits('conversation.updated')).toBe(1);
  });

  it('tells a reference stored as it is from one that changed or was never stored (the bot then writes nothing)', async () => {
    await expect(conversationStoredAs(store.db, personal())).resolves.toBe(false);
    await store.db.transaction((tx) => rememberConversation(tx, personal()));
    await expect(conversationStoredAs(store.db, personal())).resolves.toBe(true);
    await expect(conversationStoredAs(store.db, personal({ serviceUrl: 'https://smba.trafficmanager.net/emea/' }))).resolves.toBe(false);
    await expect(conversationStoredAs(store.db, personal({ personId: null }))).resolves.toBe(false);
  });

  it('does not offer a group chat as the person’s personal chat', async () => {
    await store.db.transaction((tx) => rememberConversation(tx, personal({ conversationId: '19:group@thread.v2', conversationType: 'groupChat', personId: null })));
    await expect(personalConversationFor(store.db, people.officer.personId)).resolves.toBeNull();
  });

  it('forgets a conversation on uninstall, and says whether there was one', async () => {
    await store.db.transaction((tx) => rememberConversation(tx, personal()));
    await expect(store.db.transaction((tx) => forgetConversation(tx, 'a:1-officer'))).resolves.toBe(true);
    await expect(store.db.transaction((tx) => forgetConversation(tx, 'a:1-officer'))).resolves.toBe(false);
    await expect(personalConversationFor(store.db, people.officer.personId)).resolves.toBeNull();
    expect(await audits('conversation.removed')).toBe(1);
  });

  it('refuses a service URL that is not http(s)', async () => {
    await expect(store.db.transaction((tx) => rememberConversation(tx, personal({ serviceUrl: 'ftp://x/' })))).rejects.toThrow();
  });
});
