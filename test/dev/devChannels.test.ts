import { existsSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { CliIo } from '../../bot/cli/io';
import { runCli } from '../../bot/cli/main';
import { loadConfig } from '../../bot/config/env';
import { rememberConversation } from '../../bot/store/conversations';
import { seedDemoData } from '../../bot/store/seed/demoSeed';
import { type ConnectorServer, startConnectorServer } from '../../testkit/bot-framework/connectorServer';
import { startTestService, type TestService } from '../../testkit/service';

// Monday 7 December 2026, 09:00 in London: the demo's reminders for that day are due.
const TODAY = '2026-12-07';
const NOW = new Date(`${TODAY}T09:00:00Z`);
const ENTRA = { AUTH_MODE: 'entra', ENTRA_CLIENT_ID: '11111111-1111-4111-8111-111111111111', ENTRA_ALLOWED_TENANTS: '22222222-2222-4222-8222-222222222222' };

/** Polls `check` until it gives a value or `ms` pass (the sweeper runs on its own timer). */
async function eventually<T>(check: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out waiting for the sweeper');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('development channels: reminders a person can see without a tenant', () => {
  test('config: on by default with development sign-in; never with Entra or in production', () => {
    expect(loadConfig({}).reminders).toMatchObject({ enabled: true, local: true });
    expect(loadConfig({}).devPages).toBe(true);
    expect(loadConfig({ REMINDERS: 'off' }).reminders.enabled).toBe(false);
    expect(loadConfig(ENTRA).reminders).toMatchObject({ enabled: false, local: false });
    expect(loadConfig(ENTRA).devPages).toBe(false);
    expect(loadConfig({ ...ENTRA, NODE_ENV: 'production' }).reminders).toMatchObject({ enabled: false, local: false });
    expect(loadConfig({ ...ENTRA, NODE_ENV: 'production' }).devPages).toBe(false);
    // REMINDERS=on needs a real channel outside development.
    expect(() => loadConfig({ ...ENTRA, REMINDERS: 'on' })).toThrow(/REMINDERS: is on but no channel is configured/);
  });

  describe('on the demo council', () => {
    let svc: TestService;
    let connector: ConnectorServer;
    beforeAll(async () => {
      connector = await startConnectorServer();
      svc = await startTestService(
        'pglite',
        async (db) => {
          await seedDemoData(db, TODAY);
          // demo-senco-1 has chatted with the bot in a local Agents Playground.
          const [senco] = await db.query<{ id: number }>("select id::int as id from people where entra_object_id = 'demo-senco-1'");
          await db.transaction((tx) =>
            rememberConversation(tx, {
              conversationId: 'a:playground-senco-1',
              conversationType: 'personal',
              serviceUrl: connector.serviceUrl,
              tenantId: '00000000-0000-0000-0000-0000000000001',
              botId: '28:playground',
              personId: senco?.id ?? null,
              aadObjectId: 'demo-senco-1',
            }),
          );
        },
        { REMINDERS: 'on', REMINDERS_SWEEP_INTERVAL_MS: '100' },
        { now: () => NOW },
      );
    }, 120_000);
    afterAll(async () => {
      await svc?.stop();
      await connector?.close();
    });

    test('email reminders land in the local mailbox at /dev/mail, with initials only and working links', async () => {
      const list = await eventually(async () => {
        const res = await svc.call('GET', '/dev/mail.json');
        return res.body.messages.length > 0 ? res.body : undefined;
      });
      expect(list.development).toBe(true);
      expect(list.folder).toBe(path.join(svc.dataDir, 'dev-mail'));
      const first = list.messages[0];
      expect(first).toMatchObject({ channel: 'email', to: expect.stringContaining('@') });
      const message = (await svc.call('GET', `/dev/mail/${first.id}.json`)).body;
      // The subject names the child by initials and council reference (e.g. "A.E. (DEMO-0007)").
      expect(message.subject).toMatch(/[A-Z]\.[A-Z]\. \(DEMO-\d{4}\)/);
      const links = [...message.html.matchAll(/href="([^"]+)"/g)].map((m: RegExpMatchArray) => (m[1] as string).replace(/&amp;/g, '&'));
      expect(links.length).toBeGreaterThan(0);
      for (const link of links) expect(link.startsWith(svc.url)).toBe(true);
      // Each link opens against this service (the tab, or a one-time advice link's page).
      for (const link of links.slice(0, 3)) expect((await fetch(link)).status).toBe(200);

      const page = await fetch(`${svc.url}/dev/mail`);
      const html = await page.text();
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(html).toContain('Development only.');
      expect(html).toContain(`/dev/mail/${first.id}`);
      const shown = await (await fetch(`${svc.url}/dev/mail/${first.id}`)).text();
      expect(shown).toContain('<iframe title="The message as it would be sent" sandbox=');
      expect((await svc.call('GET', '/dev/mail/..%2F..%2Fetc%2Fpasswd.json')).status).toBe(404);
    });

    test('a person who chatted with the bot in a local Playground gets the Teams message there', async () => {
      const call = await eventually(async () => connector.calls.find((c) => c.conversationId === 'a:playground-senco-1'));
      expect(call.method).toBe('POST');
      expect(call.body).toMatchObject({ type: 'message' });
      const sent = JSON.stringify(call.body);
      expect(sent).toMatch(/DEMO-\d{4}/);
    });
  });

  test.each([
    ['Entra sign-in', ENTRA],
    ['NODE_ENV=production', { ...ENTRA, NODE_ENV: 'production' }],
  ])('with %s /dev/* answers 404, no local channel or folder is used, and the tour refuses', async (_what, env) => {
    const svc = await startTestService('pglite', async (db) => void (await seedDemoData(db, TODAY)), { ...env, REMINDERS_SWEEP_INTERVAL_MS: '100' }, { now: () => NOW });
    try {
      for (const p of ['/dev/mail', '/dev/mail.json', '/dev/anything']) expect((await fetch(`${svc.url}${p}`)).status).toBe(404);
      expect(svc.service.reminders).toBeUndefined();
      expect(existsSync(path.join(svc.dataDir, 'dev-mail'))).toBe(false);
      expect(existsSync(path.join(svc.dataDir, 'dev-files'))).toBe(false);
      let err = '';
      const stderr = new PassThrough().on('data', (c: Buffer) => (err += c.toString('utf8')));
      const io: CliIo = { stdin: new PassThrough(), stdout: new PassThrough(), stderr, env: {}, cwd: process.cwd(), now: () => NOW };
      expect(await runCli(['tour', '--url', svc.url, '--data-dir', svc.dataDir, '--no-pause'], io)).toBe(1);
      expect(err).toContain(`${svc.url}/dev/mail answers 404: the service is not in development mode (AUTH_MODE=entra or NODE_ENV=production).`);
    } finally {
      await svc.stop();
    }
  }, 120_000);
});
