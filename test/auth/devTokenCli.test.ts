import { access, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createDevVerifier, devKeyPath } from '../../bot/auth';
import { cli } from '../cli/runCli';
import { claimsOf } from '../../testkit/entraTestAuthority';
import { tempDataDirs } from './support/tempDataDir';

const dirs = tempDataDirs();
afterEach(() => dirs.cleanup());

/** The in-process CLI with the environment and working directory under the test's control. */
const cliWith = (args: string[], env: NodeJS.ProcessEnv, cwd: string) => cli(args, { env, cwd, now: () => new Date() });

const exists = (file: string) => access(file).then(
  () => true,
  () => false,
);

describe('ehcp-review dev-token', () => {
  it('prints only the token and a newline, which the service accepts as that role and organisation', async () => {
    const dataDir = await dirs.make();
    const r = await cli(['dev-token', '--role', 'senco', '--org', 'demo-school-1', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const verifier = await createDevVerifier({ dataDir });
    await expect(verifier.verify(`Bearer ${r.stdout.trim()}`)).resolves.toEqual({ mode: 'dev', tenantId: null, userId: 'dev-senco-demo-school-1', role: 'senco', orgId: 'demo-school-1' });
  });

  it('puts a one-line hint on standard error: how long, which DATA_DIR, and not in production', async () => {
    const dataDir = await dirs.make();
    const r = await cli(['dev-token', '--role', 'la-manager', '--org', 'demo-la', '--data-dir', dataDir]);
    expect(r.stderr).toBe(`ehcp-review dev-token: valid for 8 hours against the service using DATA_DIR=${dataDir}; it is refused when NODE_ENV=production.\n`);
  });

  it('carries --user, --email and --name, and lasts --hours', async () => {
    const dataDir = await dirs.make();
    const r = await cli(['dev-token', '--role', 'professional', '--org', 'demo-school-1', '--user', 'ed-psych-7', '--email', 'ep@la.example', '--name', 'Dr Lee', '--hours', '0.5', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    const claims = claimsOf(r.stdout.trim());
    expect(claims).toMatchObject({ sub: 'ed-psych-7', email: 'ep@la.example', name: 'Dr Lee', ehcp_role: 'professional' });
    expect((claims.exp as number) - (claims.iat as number)).toBe(1800);
    expect(r.stderr).toContain('valid for 0.5 hours');
  });

  it('uses DATA_DIR, resolved against the working directory, when there is no --data-dir', async () => {
    const cwd = await dirs.make();
    const r = await cliWith(['dev-token', '--role', 'senco', '--org', 'demo-school-1'], { DATA_DIR: 'state' }, cwd);
    expect(r.code).toBe(0);
    expect(await exists(devKeyPath(path.join(cwd, 'state')))).toBe(true);
    expect(r.stderr).toContain(`DATA_DIR=${path.join(cwd, 'state')};`);
  });

  it('uses ./data under the working directory when DATA_DIR is not set', async () => {
    const cwd = await dirs.make();
    const r = await cliWith(['dev-token', '--role', 'senco', '--org', 'demo-school-1'], {}, cwd);
    expect(r.code).toBe(0);
    expect(await exists(devKeyPath(path.join(cwd, 'data')))).toBe(true);
  });

  it('refuses with exit 2 when NODE_ENV=production, printing no token and writing no key', async () => {
    const cwd = await dirs.make();
    const r = await cliWith(['dev-token', '--role', 'senco', '--org', 'demo-school-1'], { NODE_ENV: 'production' }, cwd);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'ehcp-review dev-token: development tokens are refused when NODE_ENV=production; sign in with Microsoft Entra ID instead\n' });
    expect(await exists(devKeyPath(path.join(cwd, 'data')))).toBe(false);
  });

  it.each([
    ['a role that is not one of the four', ['--role', 'admin', '--org', 'x'], 'ehcp-review dev-token: --role: "admin" is not one of senco, la-officer, la-manager, professional'],
    ['no --role', ['--org', 'x'], 'ehcp-review dev-token: --role is required: one of senco, la-officer, la-manager, professional'],
    ['no --org', ['--role', 'senco'], 'ehcp-review dev-token: --org is required: the id of the organisation the token acts for (for example demo-school-1)'],
    ['an empty --org', ['--role', 'senco', '--org', ' '], 'ehcp-review dev-token: --org is required: the id of the organisation the token acts for (for example demo-school-1)'],
    ['--hours 0', ['--role', 'senco', '--org', 'x', '--hours', '0'], 'ehcp-review dev-token: --hours: "0" is not a number of hours above 0 and at most 720 (for example 8 or 0.5)'],
    ['--hours that is not a number', ['--role', 'senco', '--org', 'x', '--hours', 'eight'], 'ehcp-review dev-token: --hours: "eight" is not a number of hours above 0 and at most 720 (for example 8 or 0.5)'],
    ['--hours beyond 30 days', ['--role', 'senco', '--org', 'x', '--hours', '721'], 'ehcp-review dev-token: --hours: "721" is not a number of hours above 0 and at most 720 (for example 8 or 0.5)'],
  ])('refuses %s with exit 2 and one clear line', async (_, args, message) => {
    const r = await cli(['dev-token', ...args, '--data-dir', await dirs.make()]);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `${message}\n` });
  });

  it('refuses an unknown option with exit 2 and the usage', async () => {
    const r = await cli(['dev-token', '--role', 'senco', '--org', 'x', '--tenant', 'y', '--data-dir', await dirs.make()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown option '--tenant'/);
    expect(r.stderr).toContain('Usage: ehcp-review dev-token');
  });

  it('refuses a damaged key file with exit 2 and says to delete it', async () => {
    const dataDir = await dirs.make();
    await writeFile(devKeyPath(dataDir), 'not json');
    const r = await cli(['dev-token', '--role', 'senco', '--org', 'x', '--data-dir', dataDir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/dev-auth-key\.json is not a development signing key this service wrote; delete it/);
  });

  it('is listed in the overview and explains itself with --help', async () => {
    expect((await cli(['--help'])).stdout).toMatch(/dev-token\s+a development bearer token/);
    const help = await cli(['dev-token', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('TOKEN=$(npx ehcp-review dev-token --role senco --org demo-school-1)');
  });
});
