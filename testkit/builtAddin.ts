import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The repository root, from the source (test/addin) or the build (dist/test/addin). */
function repositoryRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

export const addinDist = path.join(repositoryRoot(), 'dist', 'addin');

/** dist/addin as `npm test` builds it before jest; built here when a test runs alone. */
export function builtAddin(): string {
  if (!existsSync(path.join(addinDist, 'taskpane.html')) || !existsSync(path.join(addinDist, 'commands.js'))) {
    execFileSync(process.execPath, [path.join(repositoryRoot(), 'addin', 'build.mjs')], { stdio: 'inherit' });
  }
  return addinDist;
}

export function builtFile(name: string): string {
  return readFileSync(path.join(builtAddin(), name), 'utf8');
}
