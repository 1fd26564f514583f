import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import type { PackageSettings } from '../bot/config/env';
import { type AppManifest, buildAppManifest } from './appManifest';
import { buildAddinXml } from './addinXml';
import { checkAddinXml } from './checks/addinXml';
import { checkBotId, type ServiceIdentity } from './checks/botId';
import { checkEventHandlers } from './checks/eventHandlers';
import { checkHttps } from './checks/https';
import { checkIcons } from './checks/icons';
import type { Problem } from './checks/problem';
import { checkRequirementSets, readAddinSources, type SourceFile } from './checks/requirementSets';
import { checkSchema } from './checks/schema';
import { addinSourceDir, builtCommandsScript } from './contract';
import { teamsIcons } from './icons';

/** One generated app package: the manifest, the files beside it in the zip, and the XML manifest. */
export interface AppPackage {
  manifest: AppManifest;
  /** Icons by file name, as they go into the zip beside manifest.json. */
  icons: Map<string, Buffer>;
  /** The add-in-only XML manifest (not in the zip: Outlook on Mac and mobile take it separately). */
  addinXml: string;
}

/** The repository root (this file is manifest/appPackage.ts, or dist/manifest/appPackage.js). */
export const repoRoot = existsSync(path.join(__dirname, '../package.json')) ? path.join(__dirname, '..') : path.join(__dirname, '../..');

export function packageVersion(root = repoRoot): string {
  return (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Builds the package for `settings` from the committed icons in manifest/icons/. */
export function buildPackage(settings: PackageSettings, root = repoRoot): AppPackage {
  const version = packageVersion(root);
  const icons = new Map<string, Buffer>();
  for (const spec of [teamsIcons.color, teamsIcons.outline]) icons.set(spec.file, readFileSync(path.join(root, 'manifest/icons', spec.file)));
  return { manifest: buildAppManifest(settings, version), icons, addinXml: buildAddinXml(settings, version) };
}

/** What the checks compare the package with, beyond the package itself. */
export interface CheckContext {
  /** The ids the service runs with. */
  service: ServiceIdentity;
  /** The built event-handler script; undefined until the add-in is built. */
  commandsScript?: { text: string; file: string } | undefined;
  /** The add-in's source files (none until the add-in exists). */
  addinSources: readonly SourceFile[];
}

/** The context from the repository: dist/addin/commands.js and addin/src/ where they exist. */
export function repositoryContext(service: ServiceIdentity, root = repoRoot): CheckContext {
  const scriptPath = path.join(root, builtCommandsScript);
  return {
    service,
    commandsScript: existsSync(scriptPath) ? { text: readFileSync(scriptPath, 'utf8'), file: builtCommandsScript } : undefined,
    addinSources: readAddinSources(path.join(root, addinSourceDir)),
  };
}

/** Every check, offline: the official schema, then the project's own. */
export async function checkPackage(pkg: AppPackage, ctx: CheckContext): Promise<Problem[]> {
  const m = pkg.manifest;
  return [
    ...(await checkSchema(m)),
    ...checkHttps(m),
    ...checkIcons(m, pkg.icons),
    ...checkEventHandlers(m.extensions?.[0], ctx.commandsScript),
    ...checkRequirementSets(m.extensions?.[0], ctx.addinSources),
    ...checkBotId(m, ctx.service),
    ...checkAddinXml(pkg.addinXml, m),
  ];
}

/** The zip the Teams admin centre and the Microsoft 365 admin centre (Integrated apps) take. */
export async function zipPackage(pkg: AppPackage): Promise<Buffer> {
  const zip = new JSZip();
  // A fixed date keeps the zip's bytes the same for the same manifest.
  const date = new Date('2026-01-01T00:00:00Z');
  zip.file('manifest.json', `${JSON.stringify(pkg.manifest, null, 2)}\n`, { date });
  for (const [name, bytes] of pkg.icons) zip.file(name, bytes, { date });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
}

/** Reads a package zip back (for `check`): the manifest and the icons it holds. */
export async function readPackageZip(bytes: Buffer): Promise<{ manifest: AppManifest; icons: Map<string, Buffer> }> {
  const zip = await JSZip.loadAsync(bytes);
  const entry = zip.file('manifest.json');
  if (!entry) throw new Error('the zip has no manifest.json at its top level');
  const manifest = JSON.parse(await entry.async('string')) as AppManifest;
  const icons = new Map<string, Buffer>();
  for (const [name, file] of Object.entries(zip.files)) if (name !== 'manifest.json' && !file.dir) icons.set(name, await file.async('nodebuffer'));
  return { manifest, icons };
}
