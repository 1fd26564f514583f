import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const addinDist = path.join(__dirname, '..', '..', 'dist', 'addin');

/** dist/addin as `npm test` builds it before jest; built here when a test runs alone. */
export function builtAddin(): string {
  if (!existsSync(path.join(addinDist, 'taskpane.html')) || !existsSync(path.join(addinDist, 'commands.js'))) {
    execFileSync(process.execPath, [path.join(__dirname, '..', '..', 'addin', 'build.mjs')], { stdio: 'inherit' });
  }
  return addinDist;
}

export function builtFile(name: string): string {
  return readFileSync(path.join(builtAddin(), name), 'utf8');
}
