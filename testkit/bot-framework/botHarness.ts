import { randomUUID } from 'node:crypto';
import { londonToday } from '../../shared';

/** The harness's fixed clock (a test may give its own as `service.now`): the demo is seeded for this day and the service reads it. */
const FIXED_NOW = new Date('2027-03-10T10:00:00Z');
import type { Db, DbKind } from '../../bot/store/db';
import type { StartServiceOptions } from '../../bot/server/startService';
import { seedDemoData } from '../../bot/store/seed/demoSeed';
import { registerOrganisation, registerPerson } from '../../bot/store/organisations';
import type { TeamsBotOptions } from '../../bot/teams';
import { type EntraTestAuthority, startEntraTestAuthority, unsecuredJwt } from '../entraTestAuthority';
import { type ConnectorServer, startConnectorServer } from './connectorServer';
import { startTestService, type TestService } from '../service';

export const BOT_ID = '7d4b9c2e-1f3a-4b5c-8d6e-9f0a1b2c3d4e';
export const DEMO_TENANT = '11111111-2222-4333-8444-555555555555';
export const OTHER_TENANT = '99999999-8888-4777-8666-555555555555';

/** The people the tests chat as: the demo's, plus an officer of another council. */
export const people = {
  officer: { aadObjectId: 'demo-officer', mri: '29:1-demo-officer', tenantId: DEMO_TENANT },
  manager: { aadObjectId: 'demo-manager', mri: '29:1-demo-manager', tenantId: DEMO_TENANT },
  senco: { aadObjectId: 'demo-senco-1', mri: '29:1-demo-senco-1', tenantId: DEMO_TENANT },
  ep: { aadObjectId: 'demo-ep', mri: '29:1-demo-ep', tenantId: DEMO_TENANT },
  otherOfficer: { aadObjectId: 'other-officer', mri: '29:1-other-officer', tenantId: OTHER_TENANT },
  stranger: { aadObjectId: 'ffffffff-0000-4000-8000-000000000000', mri: '29:1-stranger', tenantId: DEMO_TENANT },
  /** demo-officer's object id, but in another tenant: not the same person. */
  officerElsewhere: { aadObjectId: 'demo-officer', mri: '29:1-imposter', tenantId: OTHER_TENANT },
} as const;
export interface Person {
  aadObjectId: string;
  mri: string;
  tenantId: string;
}

export interface BotHarness {
  svc: TestService;
  connector: ConnectorServer;
  authority: EntraTestAuthority;
  today: string;
  /** POSTs an activity to /api/messages with a valid channel token (or `token`, or none if null). */
  post(activity: Record<string, unknown>, options?: { token?: string | null }): Promise<{ status: number; body: unknown }>;
  channelToken(overrides?: Partial<Parameters<EntraTestAuthority['issueChannelToken']>[0]>): Promise<string>;
  /** A message from `who` in their personal chat (or `conversation`). */
  message(who: Person, text: string, extra?: Record<string, unknown>): Record<string, unknown>;
  /** An adaptiveCard/action invoke from `who` on the card in message `replyToId`. */
  cardAction(who: Person, verb: string, data: Record<string, unknown>, extra?: Record<string, unknown>): Record<string, unknown>;
  personalConversation(who: Person): string;
  /** Every response body /api/messages gave (invoke responses carry cards too). */
  readonly responses: unknown[];
  /** Throws if any card or message the bot sent or answered names a child in full. */
  expectNoChildNames(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The real service with the bot's authentication ON: a local test issuer serving Bot
 * Framework OpenID metadata and keys on 127.0.0.1, a recording Bot Connector the replies
 * go to, and the demo caseload with the demo organisations in a test tenant.
 */
export async function startBotHarness(
  kind: DbKind,
  options: {
    env?: Record<string, string>;
    teams?: TeamsBotOptions;
    tenantless?: boolean;
    /** More of the service's options (a mailer on the local Graph). */
    service?: Omit<StartServiceOptions, 'teams'>;
    /** Runs after the demo is seeded (a council set up to mail its letters). */
    prepare?: (db: Db) => Promise<void>;
  } = {},
): Promise<BotHarness> {
  const authority = await startEntraTestAuthority();
  const connector = await startConnectorServer();
  const now = options.service?.now ?? (() => FIXED_NOW);
  const today = londonToday(now());
  const svc = await startTestService(
    kind,
    async (db) => {
      await seedDemoData(db, today);
      await db.transaction(async (tx) => {
        if (!options.tenantless) await tx.query("update organisations set entra_tenant_id = $1 where id like 'demo-%'", [DEMO_TENANT]);
        await registerOrganisation(tx, { id: 'other-council', kind: 'council', name: 'Other Borough Council (fictional)', entraTenantId: OTHER_TENANT });
        await registerPerson(tx, { orgId: 'other-council', entraObjectId: 'other-officer', role: 'la-officer', email: 'officer@other.example' });
      });
      await options.prepare?.(db);
    },
    { BOT_CLIENT_ID: BOT_ID, BOT_OPENID_METADATA_URL: authority.botFrameworkMetadataUrl, ...options.env },
    { ...options.service, now, teams: { outboundToken: async () => unsecuredJwt({ aud: 'https://api.botframework.com', exp: Math.floor(Date.now() / 1000) + 3600 }), ...options.teams } },
  ).catch(async (error: Error) => {
    await connector.close();
    await authority.close();
    throw error;
  });
  const channelToken: BotHarness['channelToken'] = (o = {}) => authority.issueChannelToken({ appId: BOT_ID, serviceUrl: connector.serviceUrl, ...o });
  const personalConversation = (who: Person) => `a:personal-${who.aadObjectId}-${who.tenantId.slice(0, 4)}`;
  const base = (who: Person, extra: Record<string, unknown>) => ({
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: who.mri, aadObjectId: who.aadObjectId, name: 'Test user' },
    recipient: { id: `28:${BOT_ID}`, name: 'EHCP Review Assistant' },
    conversation: { id: personalConversation(who), conversationType: 'personal', tenantId: who.tenantId },
    channelData: { tenant: { id: who.tenantId } },
    ...extra,
  });
  const responses: unknown[] = [];
  return {
    svc,
    connector,
    authority,
    today,
    responses,
    async expectNoChildNames() {
      const names = (await svc.service.db.query<{ name: string }>('select name from children')).map((r) => r.name);
      const sent = JSON.stringify([connector.calls.map((c) => c.body), responses]);
      if (names.length === 0) throw new Error('no children in the store to check against');
      for (const name of names) if (sent.includes(name)) throw new Error(`a card or message names ${name} in full`);
    },
    async post(activity, o = {}) {
      const token = o.token === undefined ? await channelToken() : o.token;
      const res = await fetch(`${svc.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(activity),
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {}
      responses.push(body);
      return { status: res.status, body };
    },
    channelToken,
    message: (who, text, extra = {}) => ({ type: 'message', text, ...base(who, extra) }),
    cardAction: (who, verb, data, extra = {}) => ({
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data: { action: verb, ...data } }, trigger: 'manual' },
      ...base(who, extra),
    }),
    personalConversation,
    async stop() {
      await svc.stop();
      await connector.close();
      await authority.close();
    },
  };
}
