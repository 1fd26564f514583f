import { appGraphClient, type BrokeredClientOptions, type GraphClient, userGraphClient } from '../../bot/graph/client';
import { createJsonLogger, type Logger } from '../../bot/log/logger';
import { TokenBroker, type TokenBrokerOptions } from '../../bot/identity/tokenBroker';
import { type GraphTestServer, type GraphTestServerOptions, startGraphTestServer } from './graphServer';
import { type IdentityTestServer, startIdentityTestServer, type TestTenantApp } from './identityServer';
import { routeFetch } from './routeFetch';
import type { SeedUser } from './state';

export const TENANT = '7f0c5d9e-1c1b-4c53-9d9a-2f5c0f6b1a01';
export const OTHER_TENANT = '0d3e2c1b-5a4f-4e6d-8c7b-9a8f7e6d5c4b';
export const UNCONSENTED_TENANT = '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e';
export const CLIENT_ID = 'c0ffee00-1234-4abc-8def-0123456789ab';
export const SECRET = 'Q9x8Q~sEcReT-value_for.tests_only';

export const CASEWORKER: SeedUser = { id: '3a1f6c2e-8b7d-4c1a-9e0f-112233445566', userPrincipalName: 'alex.case@council.test', displayName: 'Alex Case' };
export const SENCO: SeedUser = { id: '9b8a7c6d-5e4f-4a3b-2c1d-665544332211', userPrincipalName: 'sam.senco@school.test', displayName: 'Sam Senco' };
export const SHARED_MAILBOX: SeedUser = { id: 'e1e2e3e4-0000-4000-8000-5e05e05e05e0', userPrincipalName: 'sen-team@council.test', displayName: 'SEN Team', shared: true };
export const TEAMS_APP = { id: '6f0a1b2c-3d4e-4f50-8a9b-0c1d2e3f4a5b', externalId: 'ehcp-review-assistant', displayName: 'EHCP Review Assistant', azureAdAppId: CLIENT_ID };

/** Every application permission the product asks for. */
export const ALL_APP_PERMISSIONS = ['Calendars.ReadWrite', 'Mail.Send', 'Mail.ReadWrite', 'Sites.Selected', 'TeamsAppInstallation.ReadWriteSelfForUser.All'];
/** Every delegated permission the product asks for. */
export const ALL_DELEGATED_PERMISSIONS = ['User.Read', 'Calendars.ReadWrite', 'Files.Read.All', 'Mail.Send', 'Mail.ReadWrite', 'Mail.Send.Shared', 'OnlineMeetings.Read', 'OnlineMeetingArtifact.Read.All', 'TeamsAppInstallation.ReadWriteSelfForChat', 'TeamsTab.Create'];

/** Options for {@link startHarness}. */
export interface HarnessOptions {
  graph?: Omit<GraphTestServerOptions, 'signer'>;
  app?: Partial<TestTenantApp>;
  broker?: Partial<TokenBrokerOptions>;
  /** More tenants where the app is consented like TENANT's (a council registered under its own tenant id, such as the demo's). */
  tenants?: string[];
}

/** Recorded retry waits; the sleep itself returns at once so tests stay fast. */
export interface SleepLog {
  delays: number[];
  sleep: (ms: number) => Promise<void>;
}

/** A sleep that records the requested delay and resolves immediately. */
export function recordingSleep(): SleepLog {
  const delays: number[] = [];
  return { delays, sleep: async (ms) => void delays.push(ms) };
}

/** Identity + Graph test servers, a real TokenBroker on MSAL, and captured JSON log lines. */
export interface Harness {
  idp: IdentityTestServer;
  graph: GraphTestServer;
  broker: TokenBroker;
  /** Every log line written by the broker, MSAL (through the broker) and the Graph clients. */
  logs: string[];
  logger: Logger;
  appClient(options?: BrokeredClientOptions): GraphClient;
  userClient(user?: SeedUser, options?: BrokeredClientOptions): GraphClient;
  userToken(user?: SeedUser, lifetimeSeconds?: number): string;
  close(): Promise<void>;
}

/** Starts everything for one test file; call `close()` in `afterAll`. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const app: TestTenantApp = {
    secret: SECRET,
    applicationPermissions: ALL_APP_PERMISSIONS,
    delegatedPermissions: ALL_DELEGATED_PERMISSIONS,
    ...options.app,
  };
  const idp = await startIdentityTestServer({
    tenants: {
      [TENANT]: { apps: { [CLIENT_ID]: app } },
      ...Object.fromEntries((options.tenants ?? []).map((t) => [t, { apps: { [CLIENT_ID]: app } }])),
      [OTHER_TENANT]: { apps: { [CLIENT_ID]: { secret: SECRET, applicationPermissions: ['Calendars.ReadWrite'], delegatedPermissions: ['Calendars.ReadWrite'] } } },
      [UNCONSENTED_TENANT]: { apps: { [CLIENT_ID]: { secret: SECRET } } },
    },
  });
  const graph = await startGraphTestServer({
    users: [CASEWORKER, SENCO, SHARED_MAILBOX],
    teamsApps: [TEAMS_APP],
    ...options.graph,
    signer: idp.signer,
  });
  const logs: string[] = [];
  const logger = createJsonLogger({ write: (line) => logs.push(line) });
  const broker = new TokenBroker({
    clientId: CLIENT_ID,
    clientSecret: SECRET,
    fetch: routeFetch({ [idp.publicOrigin]: idp.url }),
    logger,
    msalLogLevel: 'verbose',
    ...options.broker,
  });
  const base = (extra: BrokeredClientOptions = {}): BrokeredClientOptions => ({ baseUrl: graph.baseUrl, logger, ...extra });
  const userToken = (user: SeedUser = CASEWORKER, lifetimeSeconds?: number) =>
    idp.issueUserToken({ tenantId: TENANT, objectId: user.id, clientId: CLIENT_ID, upn: user.userPrincipalName, ...(lifetimeSeconds ? { lifetimeSeconds } : {}) });
  return {
    idp,
    graph,
    broker,
    logs,
    logger,
    appClient: (extra) => appGraphClient(broker, TENANT, base(extra)),
    userClient: (user = CASEWORKER, extra) => userGraphClient(broker, userToken(user), TENANT, base(extra)),
    userToken,
    close: async () => {
      await graph.close();
      await idp.close();
    },
  };
}

/** Deterministic bytes of a given size (a repeating pattern, so corruption is visible). */
export function bytes(size: number, seed = 7): Buffer {
  const buf = Buffer.alloc(size);
  for (let i = 0; i < size; i++) buf[i] = (i * 31 + seed) & 0xff;
  return buf;
}
