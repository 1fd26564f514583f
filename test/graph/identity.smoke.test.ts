import { TokenBroker } from '../../bot/identity/tokenBroker';
import { startIdentityTestServer } from '../graph-server/identityServer';
import { routeFetch } from '../graph-server/routeFetch';

const T1 = '11111111-1111-1111-1111-111111111111';
const CLIENT = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
test('smoke', async () => {
  const idp = await startIdentityTestServer({ tenants: { [T1]: { apps: { [CLIENT]: { secret: 's3cret', applicationPermissions: ['Mail.Send'], delegatedPermissions: ['Calendars.ReadWrite'] } } } } });
  const lines: string[] = [];
  const broker = new TokenBroker({ clientId: CLIENT, clientSecret: 's3cret', fetch: routeFetch({ [idp.publicOrigin]: idp.url }), msalLogLevel: 'verbose', logger: { info: (m, f) => lines.push(JSON.stringify([m, f])), warn: (m, f) => lines.push(JSON.stringify([m, f])), error: (m, f) => lines.push(JSON.stringify([m, f])) } });
  const t = await broker.appToken(T1);
  console.log(t.kind, idp.requests.map((r) => r.method + ' ' + r.path));
  const u = idp.issueUserToken({ tenantId: T1, objectId: 'u1', clientId: CLIENT });
  const o = await broker.onBehalfOf({ userToken: u });
  console.log(o.kind, idp.verify(o.token));
  try { await broker.appToken('22222222-1111-1111-1111-111111111111'); } catch (e) { console.log(e); }
  console.log(lines.join('\n'));
  await idp.close();
});
