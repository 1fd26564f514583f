import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { ConfigError, loadPackageSettings } from '../../bot/config/env';
import { buildPackage, checkPackage, repositoryContext } from '../../manifest/appPackage';
import { formatProblems } from '../../manifest/checks/problem';
import { allIcons, drawIcon } from '../../manifest/icons';
import { context, prodEnv, prodPackage } from './support';

const root = path.join(__dirname, '../..');

describe('the app package generated from manifest/', () => {
  it('passes the official 1.24 schema and every project check for production, offline', async () => {
    const problems = await checkPackage(prodPackage(), context());
    expect(formatProblems(problems)).toBe('');
  });

  it('passes for development too, with the repository as it is (built script and add-in source where they exist)', async () => {
    const settings = loadPackageSettings({ PORT: '3978' }, 'dev');
    const problems = await checkPackage(buildPackage(settings), repositoryContext({ botClientId: settings.botClientId, entraClientId: settings.entraClientId }));
    expect(formatProblems(problems)).toBe('');
  });

  it('declares the bot in personal, team and group chat with its commands and files, the dashboard tab, SSO and the Outlook extension', () => {
    const m = prodPackage().manifest;
    expect(m.bots[0]).toMatchObject({ botId: prodEnv.BOT_CLIENT_ID, scopes: ['personal', 'team', 'groupChat'], supportsFiles: true });
    expect(JSON.stringify(m.bots[0]?.commandLists)).toContain('"record decision"');
    expect(m.staticTabs[0]).toMatchObject({ entityId: 'dashboard', contentUrl: 'https://ehcp.north.gov.uk/tab/', scopes: ['personal'] });
    // The review's side panel in Teams meetings (#24), validated with the rest against the 1.24 schema above.
    expect(m.configurableTabs).toEqual([
      { configurationUrl: 'https://ehcp.north.gov.uk/tab/?config=meeting', canUpdateConfiguration: true, scopes: ['groupChat'], context: ['meetingSidePanel', 'meetingChatTab', 'meetingDetailsTab'] },
    ]);
    expect(m.webApplicationInfo).toMatchObject({ id: prodEnv.ENTRA_CLIENT_ID, resource: `api://ehcp.north.gov.uk/${prodEnv.ENTRA_CLIENT_ID}` });
    expect(m.webApplicationInfo.nestedAppAuthInfo?.[0]?.redirectUri).toBe('brk-multihub://ehcp.north.gov.uk');
    expect(m.validDomains).toEqual(['ehcp.north.gov.uk']);
    const ext = m.extensions[0]!;
    expect(ext.runtimes.map((r) => r.code)).toEqual([
      { page: 'https://ehcp.north.gov.uk/addin/taskpane.html' },
      { page: 'https://ehcp.north.gov.uk/addin/commands.html', script: 'https://ehcp.north.gov.uk/addin/commands.js' },
    ]);
    expect(JSON.stringify(ext.ribbons)).toContain('"meetingDetailsOrganizer"');
    expect(ext.autoRunEvents).toEqual([
      {
        requirements: { capabilities: [{ name: 'Mailbox', minVersion: '1.11' }] },
        events: [
          { type: 'appointmentTimeChanged', actionId: 'onAppointmentTimeChangedHandler' },
          { type: 'appointmentAttendeesChanged', actionId: 'onAppointmentAttendeesChangedHandler' },
        ],
      },
      {
        requirements: { capabilities: [{ name: 'Mailbox', minVersion: '1.12' }] },
        events: [{ type: 'appointmentSending', actionId: 'onAppointmentSendHandler', options: { sendMode: 'softBlock' } }],
      },
    ]);
  });

  it('uses https://localhost:PORT and placeholder ids for development, and says which ids are placeholders', () => {
    const s = loadPackageSettings({ PORT: '4443' }, 'dev');
    expect(s.baseUrl).toBe('https://localhost:4443');
    expect(s.placeholders).toEqual(['MANIFEST_APP_ID', 'BOT_CLIENT_ID', 'ENTRA_CLIENT_ID', 'MANIFEST_PRIVACY_URL', 'MANIFEST_TERMS_URL']);
    expect(buildPackage(s).manifest.validDomains).toEqual(['localhost:4443']);
  });

  it('refuses a production package without its ids or with a plain-HTTP address, naming each variable', () => {
    expect(() => loadPackageSettings({}, 'prod')).toThrow(ConfigError);
    try {
      loadPackageSettings({ ...prodEnv, PUBLIC_URL: 'http://ehcp.north.gov.uk', BOT_CLIENT_ID: '' }, 'prod');
    } catch (e) {
      expect((e as ConfigError).problems).toEqual([
        'PUBLIC_URL: must start with https:// (Teams and Outlook load only HTTPS pages), not http://',
        "BOT_CLIENT_ID: is required for a production package (the Azure Bot's Microsoft Entra app id)",
      ]);
      return;
    }
    throw new Error('expected a ConfigError');
  });

  it('adds the council’s own privacy notice domain to validDomains', () => {
    const pkg = buildPackage(loadPackageSettings({ ...prodEnv, MANIFEST_PRIVACY_URL: 'https://www.north.gov.uk/privacy/ehcp' }, 'prod'));
    expect(pkg.manifest.validDomains).toEqual(['ehcp.north.gov.uk', 'www.north.gov.uk']);
  });

  it('ships the icons manifest/icons.ts draws, byte for byte (redraw with `node dist/manifest/cli.js icons`)', () => {
    for (const spec of allIcons) {
      const committed = PNG.sync.read(readFileSync(path.join(root, 'manifest/icons', spec.file)));
      expect([spec.file, committed.width, committed.height]).toEqual([spec.file, spec.size, spec.size]);
      expect(committed.data.equals(PNG.sync.read(drawIcon(spec)).data)).toBe(true);
    }
  });

  it('has the ribbon icons the build copies to dist/addin/assets/ for the service to serve', () => {
    for (const size of [16, 32, 64, 80, 128]) expect(existsSync(path.join(root, 'dist/addin/assets', `icon-${size}.png`))).toBe(true);
  });
});
