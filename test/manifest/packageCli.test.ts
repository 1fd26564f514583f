import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readPackageZip } from '../../manifest/appPackage';
import { checkSchema } from '../../manifest/checks/schema';
import { runManifestCli } from '../../manifest/cli';
import { prodEnv } from './support';

const root = path.join(__dirname, '../..');

async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runManifestCli(args, { env, root, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('npm run package', () => {
  let out: string;
  beforeEach(() => {
    out = mkdtempSync(path.join(tmpdir(), 'ehcp-package-'));
  });
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  it('builds a zip of manifest.json and the two icons that passes the official schema, and prints where it is', async () => {
    const { code, stdout } = await run(['package', '--env', 'prod', '--out', out], prodEnv);
    expect(code).toBe(0);
    const zipPath = path.join(out, 'ehcp-review-assistant-prod-0.1.0.zip');
    expect(stdout).toContain(`App package: ${zipPath}`);
    expect(stdout).toContain(`Add-in-only XML manifest (Outlook on Mac and mobile): ${path.join(out, 'addin.xml')}`);
    const { manifest, icons } = await readPackageZip(readFileSync(zipPath));
    expect([...icons.keys()].sort()).toEqual(['color.png', 'outline.png']);
    expect(await checkSchema(manifest)).toEqual([]);
    expect([manifest.bots.length, manifest.staticTabs[0]?.entityId, manifest.extensions.length]).toEqual([1, 'dashboard', 1]);
  });

  it('works with no settings at all (a fresh clone), as a development package, and says which ids are placeholders', async () => {
    const { code, stderr } = await run(['package', '--out', out]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/Note: MANIFEST_APP_ID, BOT_CLIENT_ID, ENTRA_CLIENT_ID, MANIFEST_PRIVACY_URL, MANIFEST_TERMS_URL not set/);
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.staticTabs[0].contentUrl).toBe('https://localhost:3978/tab/');
    const roles = JSON.parse(readFileSync(path.join(out, 'entra-app-roles.json'), 'utf8'));
    expect(roles.map((r: { value: string }) => r.value)).toEqual(['SENCO', 'LA.Officer', 'LA.Manager', 'Professional']);
  });

  it('refuses a production package with missing settings, exit status 2, naming each variable', async () => {
    const { code, stderr } = await run(['package', '--env', 'prod', '--out', out], { PUBLIC_URL: 'https://ehcp.north.gov.uk' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/MANIFEST_APP_ID: is required[\s\S]*BOT_CLIENT_ID: is required[\s\S]*ENTRA_CLIENT_ID: is required/);
  });

  it('checks an existing package against the service’s settings: a different BOT_CLIENT_ID fails, naming it', async () => {
    await run(['package', '--env', 'prod', '--out', out], prodEnv);
    const zip = path.join(out, 'ehcp-review-assistant-prod-0.1.0.zip');
    expect((await run(['check', zip, '--env', 'prod', '--xml', path.join(out, 'addin.xml')], prodEnv)).code).toBe(0);
    const other = await run(['check', zip, '--env', 'prod'], { ...prodEnv, BOT_CLIENT_ID: '99999999-9999-4999-8999-999999999999' });
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/\[bot-id\] \/bots\/0\/botId: is b0b0b0b0-1111-4222-8333-444455556666, but the service runs with BOT_CLIENT_ID=99999999/);
  });
});
