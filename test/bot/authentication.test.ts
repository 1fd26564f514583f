import { loadConfig } from '../../bot/config/env';
import { storeKinds } from '../../testkit/stores';
import { BOT_ID, type BotHarness, OTHER_TENANT, people, startBotHarness } from '../../testkit/bot-framework/botHarness';

// Authentication ON: channel tokens signed by a local test issuer whose Bot Framework
// OpenID metadata and keys are served on 127.0.0.1. A refused request reaches no handler,
// so the connector hears nothing.
describe.each(storeKinds)('/api/messages authentication (%s)', (kind) => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness(kind);
  });
  afterAll(() => h.stop());

  const refused = async (token: string | null) => {
    const before = h.connector.calls.length;
    const res = await h.post(h.message(people.officer, 'help'), { token });
    expect(res.status).toBe(401);
    expect(h.connector.calls.length).toBe(before);
  };

  it('answers a message carrying a valid channel token, through the connector', async () => {
    const before = h.connector.sentActivities().length;
    const res = await h.post(h.message(people.officer, 'help'));
    expect(res.status).toBe(200);
    const sent = h.connector.sentActivities().slice(before);
    expect(sent).toHaveLength(1);
    expect(String(sent[0]?.text)).toContain('my reviews');
    expect(h.connector.calls.at(-1)?.authorization).toMatch(/^Bearer ey/);
  });

  it('refuses a request without a token', () => refused(null));

  it('refuses an expired token (an hour old, well past the five minutes of clock skew allowed)', async () => {
    await refused(await h.channelToken({ expiresIn: -3600 }));
  });

  it('refuses a token without an expiry', async () => {
    await refused(await h.channelToken({ claims: { exp: undefined } }));
  });

  it('refuses a token from another issuer', async () => {
    await refused(await h.channelToken({ claims: { iss: 'https://sts.example.net/' } }));
  });

  it('refuses a token with an Entra issuer, which the SDK would otherwise check without the serviceurl claim', async () => {
    await refused(await h.channelToken({ claims: { iss: 'https://login.microsoftonline.com/11111111-2222-4333-8444-555555555555/v2.0', tid: '11111111-2222-4333-8444-555555555555' } }));
  });

  it('refuses a token for another bot (wrong audience)', async () => {
    await refused(await h.channelToken({ appId: '00000000-0000-4000-8000-000000000001' }));
  });

  it('refuses a token whose serviceurl claim is not the activity’s serviceUrl', async () => {
    await refused(await h.channelToken({ serviceUrl: 'https://smba.trafficmanager.net/evil/' }));
  });

  it('refuses a token without a serviceurl claim', async () => {
    await refused(await h.channelToken({ claims: { serviceurl: undefined } }));
  });

  it('refuses a token signed with a key the issuer does not publish', async () => {
    await refused(await h.channelToken({ key: await h.authority.unpublishedKey(h.authority.published[0]?.kid) }));
  });

  it('refuses a request from this machine without a token: loopback is trusted only in local development', () => refused(null));

  it('refuses an activity without a serviceUrl even with a valid token', async () => {
    const activity = h.message(people.officer, 'help');
    delete activity.serviceUrl;
    const res = await h.post(activity);
    expect(res.status).toBe(401);
  });
});

describe('local development: token-less requests from the loopback interface', () => {
  it('are accepted with no bot or Entra settings, and from.aadObjectId of a demo person acts as them', async () => {
    const h = await startBotHarness('pglite', { env: { BOT_CLIENT_ID: '', BOT_OPENID_METADATA_URL: '' }, tenantless: true });
    try {
      const res = await h.post(h.message({ aadObjectId: 'demo-officer', mri: '29:1-local', tenantId: 'playground-tenant' }, 'overdue'), { token: null });
      expect(res.status).toBe(200);
      const sent = await h.connector.waitForActivities(1);
      // demo-officer is an LA officer: the overdue list is a card, not the refusal SENCOs get.
      expect(sent[0]?.attachments).toBeDefined();
      expect(h.connector.calls.at(-1)?.authorization).toBeUndefined();
    } finally {
      await h.stop();
    }
  });

  it('are refused with NODE_ENV=production (the bot is off without BOT_CLIENT_ID)', async () => {
    const h = await startBotHarness('pglite', {
      env: { BOT_CLIENT_ID: '', NODE_ENV: 'production', AUTH_MODE: 'entra', ENTRA_CLIENT_ID: '5b1c8e3a-0d4f-4a6e-9c2b-7e8f9a0b1c2d', ENTRA_ALLOWED_TENANTS: OTHER_TENANT },
    });
    try {
      const res = await h.post(h.message(people.officer, 'help'), { token: null });
      expect(res.status).toBe(503);
      expect(h.connector.calls).toHaveLength(0);
    } finally {
      await h.stop();
    }
  });

  it('are refused when Entra sign-in is configured, even outside production', async () => {
    const h = await startBotHarness('pglite', { env: { BOT_CLIENT_ID: '', AUTH_MODE: 'entra', ENTRA_CLIENT_ID: '5b1c8e3a-0d4f-4a6e-9c2b-7e8f9a0b1c2d', ENTRA_ALLOWED_TENANTS: OTHER_TENANT } });
    try {
      const res = await h.post(h.message(people.officer, 'help'), { token: null });
      expect(res.status).not.toBe(200);
      expect(h.connector.calls).toHaveLength(0);
    } finally {
      await h.stop();
    }
  });

  it('config: local only in development with no Entra or bot settings', () => {
    expect(loadConfig({}).bot.auth).toBe('local');
    expect(loadConfig({ BOT_CLIENT_ID: BOT_ID }).bot.auth).toBe('bot-framework');
    expect(loadConfig({ ENTRA_CLIENT_ID: BOT_ID, ENTRA_ALLOWED_TENANTS: 't' }).bot.auth).toBe('off');
    expect(loadConfig({ NODE_ENV: 'production', ENTRA_CLIENT_ID: BOT_ID, ENTRA_ALLOWED_TENANTS: 't' }).bot.auth).toBe('off');
  });

  it('config: the service listens on 127.0.0.1 by default in development, every interface in production', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'production', ENTRA_CLIENT_ID: BOT_ID, ENTRA_ALLOWED_TENANTS: 't' }).host).toBe('0.0.0.0');
  });
});
