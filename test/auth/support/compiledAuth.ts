import { execFile } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.join(__dirname, '../../..');

/**
 * Compiles bot/auth alone to plain CommonJS in a temp directory, so a test can run it in
 * separate Node processes (jest's transform exists only inside jest). Compiling just this
 * module keeps the test independent of dist/ and of other work in progress in the repo.
 */
export async function compileAuthModule(): Promise<{ index: string; cleanup(): Promise<void> }> {
  const out = await mkdtemp(path.join(tmpdir(), 'ehcp-auth-build-'));
  // typescript 7's package exports hide bin/, so resolve it from the package root (as scripts/build.js does).
  const tsc = path.join(path.dirname(require.resolve('typescript/package.json')), 'bin/tsc');
  const flags = ['--ignoreConfig', '--outDir', out, '--rootDir', '.', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--strict', '--skipLibCheck', '--types', 'node'];
  await run(process.execPath, [tsc, 'bot/auth/index.ts', ...flags], { cwd: root });
  // The compiled files find jose and zod by walking up to a node_modules.
  await symlink(path.join(root, 'node_modules'), path.join(out, 'node_modules'), 'dir');
  return { index: path.join(out, 'bot/auth/index.js'), cleanup: () => rm(out, { recursive: true, force: true }) };
}
