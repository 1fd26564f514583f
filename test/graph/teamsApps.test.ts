import { ensureAppInstalled } from '../../bot/graph/teamsApps';
import { CASEWORKER, type Harness, SENCO, startHarness, TEAMS_APP } from '../../testkit/graph-server/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ graph: { teamsApps: [TEAMS_APP, { id: 'a-different-app', externalId: 'other', displayName: 'Other', azureAdAppId: '11111111-2222-4333-8444-555555555555' }] } });
});
afterAll(() => h.close());
beforeEach(() => {
  h.graph.requests.length = 0;
});

test('installs the app for the user with teamsApp@odata.bind, then finds the installation and its chat', async () => {
  const result = await ensureAppInstalled(h.appClient(), { userId: CASEWORKER.id, teamsAppId: TEAMS_APP.id });
  expect(result).toEqual({ installationId: expect.any(String), chatId: `19:${CASEWORKER.id}_${TEAMS_APP.azureAdAppId}@unq.gbl.spaces`, newlyInstalled: true });
  const [install, find, chat] = h.graph.requests;
  expect(install?.method).toBe('POST');
  expect(install?.path).toBe(`/v1.0/users/${CASEWORKER.id}/teamwork/installedApps`);
  expect(install?.json).toEqual({ 'teamsApp@odata.bind': `${h.graph.baseUrl}/v1.0/appCatalogs/teamsApps/${TEAMS_APP.id}` });
  expect(find?.query.get('$filter')).toBe(`teamsApp/id eq '${TEAMS_APP.id}'`);
  expect(find?.query.get('$expand')).toBe('teamsApp');
  expect(chat?.path).toBe(`/v1.0/users/${CASEWORKER.id}/teamwork/installedApps/${result.installationId}/chat`);
});

test('a second call finds the existing installation (409 from Graph) and returns the same chat', async () => {
  const first = await ensureAppInstalled(h.appClient(), { userId: SENCO.id, teamsAppId: TEAMS_APP.id });
  const again = await ensureAppInstalled(h.appClient(), { userId: SENCO.id, teamsAppId: TEAMS_APP.id });
  expect(again).toEqual({ ...first, newlyInstalled: false });
  expect(h.graph.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([201, 409]);
});

test('TeamsAppInstallation.ReadWriteSelfForUser.All cannot install a different app', async () => {
  await expect(ensureAppInstalled(h.appClient(), { userId: CASEWORKER.id, teamsAppId: 'a-different-app' })).rejects.toMatchObject({
    code: 'graph-forbidden',
    details: { permission: 'TeamsAppInstallation.ReadWriteSelfForUser.All' },
  });
});

test('an app the tenant has not granted the permission gets a forbidden error naming it', async () => {
  const other = await startHarness({ app: { applicationPermissions: ['Mail.Send'] } });
  try {
    const error = await ensureAppInstalled(other.appClient(), { userId: CASEWORKER.id, teamsAppId: TEAMS_APP.id }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'graph-forbidden' });
    expect((error as Error).message).toContain('TeamsAppInstallation.ReadWriteSelfForUser.All');
  } finally {
    await other.close();
  }
});
