import { brokerOnBehalfOf } from '../../bot/api/routes/teamsSso';
import { CLIENT_ID, type Harness, SENCO, startHarness, UNCONSENTED_TENANT } from '../../testkit/graph-server/harness';

/** The tab's Teams SSO token exchanged on-behalf-of by the service's real token broker, against the local Entra ID. */
describe('the Teams SSO on-behalf-of exchange', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('exchanges a signed-in user’s token', async () => {
    await expect(brokerOnBehalfOf(h.broker)(h.userToken(SENCO))).resolves.toBe('exchanged');
  });

  it('asks for consent when the tenant has not consented, so the tab can show Teams’ prompt', async () => {
    const token = h.idp.issueUserToken({ tenantId: UNCONSENTED_TENANT, objectId: SENCO.id, clientId: CLIENT_ID });
    await expect(brokerOnBehalfOf(h.broker)(token)).resolves.toBe('consent-required');
  });

  it('passes any other refusal on as the identity error it is', async () => {
    const [header, payload] = h.userToken(SENCO).split('.');
    await expect(brokerOnBehalfOf(h.broker)(`${header}.${payload}.forged`)).rejects.toMatchObject({ code: 'invalid-user-token' });
  });
});
