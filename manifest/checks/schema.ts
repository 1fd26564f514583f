import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import type { Problem } from './problem';

/**
 * The official schema file @microsoft/app-manifest bundles for a manifest version, read from
 * disk. Passing it in keeps validation offline: without it, the library downloads any
 * schema it does not find locally.
 */
export function bundledSchema(manifestVersion: string): object {
  const root = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const file = path.join(root, 'build/json-schemas/teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
  // The package cleans the same two escapes before parsing (JSON has no \a or \v).
  return JSON.parse(readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b'));
}

/** Checks a manifest against the official schema for its `manifestVersion`, offline. */
export async function checkSchema(manifest: Record<string, unknown>): Promise<Problem[]> {
  const version = manifest.manifestVersion;
  if (typeof version !== 'string') return [{ check: 'schema', where: '/manifestVersion', message: 'is missing, so no schema can be chosen' }];
  let schema: object;
  try {
    schema = bundledSchema(version);
  } catch {
    return [{ check: 'schema', where: '/manifestVersion', message: `${version} has no schema in @microsoft/app-manifest; use 1.24` }];
  }
  // biome-ignore lint/suspicious/noExplicitAny: the library types the manifest by version; the schema is the check.
  const errors = await AppManifestUtils.validateAgainstSchema(manifest as any, schema as any);
  return errors.map((e) => {
    const [where, ...rest] = e.split(' ');
    return { check: 'schema' as const, where: where || '/', message: rest.join(' ') };
  });
}
