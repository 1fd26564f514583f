#!/usr/bin/env node
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { appRegistrationRoles } from '../bot/auth/appRoles';
import { ConfigError, loadPackageSettings, type PackageTarget } from '../bot/config/env';
import { buildPackage, checkPackage, readPackageZip, repoRoot, repositoryContext, zipPackage } from './appPackage';
import { formatProblems } from './checks/problem';
import { allIcons, drawIcon } from './icons';

const usage = `Usage:
  npm run manifest -- --env dev|prod [--out DIR]   write manifest.json, icons and addin.xml, checked
  npm run package -- --env dev|prod [--out DIR]    the same, plus the app package zip for the admin centres
  node dist/manifest/cli.js check FILE.zip [--xml addin.xml]
                                                   check a package against this environment's service settings
  node dist/manifest/cli.js icons                  redraw manifest/icons/*.png

Settings come from the environment (see env.template, "App package"); --env dev fills in
https://localhost:PORT and placeholder ids. Default --out: dist/appPackage/ENV.`;

interface Io {
  env: NodeJS.ProcessEnv;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  root: string;
}

/** Runs one manifest command; returns the exit status (0 fine, 1 the package has problems, 2 usage or settings). */
export async function runManifestCli(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  let parsed: ReturnType<typeof parseArgs<{ options: { env: { type: 'string' }; out: { type: 'string' }; xml: { type: 'string' } }; allowPositionals: true; args: string[] }>>;
  try {
    parsed = parseArgs({ args: rest, options: { env: { type: 'string' }, out: { type: 'string' }, xml: { type: 'string' } }, allowPositionals: true });
  } catch (e) {
    io.stderr(`${(e as Error).message}\n\n${usage}\n`);
    return 2;
  }
  const target = (parsed.values.env ?? 'dev') as PackageTarget;
  if (target !== 'dev' && target !== 'prod') {
    io.stderr(`--env: "${target}" is not one of dev, prod\n`);
    return 2;
  }
  try {
    if (command === 'icons') {
      for (const spec of allIcons) writeFileSync(path.join(io.root, 'manifest/icons', spec.file), drawIcon(spec));
      io.stdout(`Drew ${allIcons.length} icons in manifest/icons/\n`);
      return 0;
    }
    const settings = loadPackageSettings(io.env, target);
    const service = { botClientId: settings.botClientId, entraClientId: settings.entraClientId };
    if (command === 'check') {
      const file = parsed.positionals[0];
      if (!file) {
        io.stderr(`check: name the package zip\n\n${usage}\n`);
        return 2;
      }
      const { manifest, icons } = await readPackageZip(readFileSync(path.resolve(file)));
      const xml = parsed.values.xml ? readFileSync(path.resolve(parsed.values.xml), 'utf8') : undefined;
      const problems = await checkPackage({ manifest, icons, addinXml: xml ?? '' }, repositoryContext(service, io.root));
      // Without --xml there is no XML manifest to check beside the zip.
      const shown = xml ? problems : problems.filter((p) => p.check !== 'xml');
      if (shown.length) {
        io.stderr(`${file} has problems:\n${formatProblems(shown)}\n`);
        return 1;
      }
      io.stdout(`${file}: manifest ${manifest.version} for ${manifest.validDomains[0]} passes every check\n`);
      return 0;
    }
    if (command !== 'manifest' && command !== 'package') {
      io.stderr(`${usage}\n`);
      return command === undefined || command === '--help' ? 0 : 2;
    }
    const pkg = buildPackage(settings, io.root);
    const ctx = repositoryContext(service, io.root);
    const problems = await checkPackage(pkg, ctx);
    if (problems.length) {
      io.stderr(`The generated package has problems:\n${formatProblems(problems)}\n`);
      return 1;
    }
    const out = path.resolve(io.root, parsed.values.out ?? path.join('dist/appPackage', target));
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'manifest.json'), `${JSON.stringify(pkg.manifest, null, 2)}\n`);
    for (const [name, bytes] of pkg.icons) writeFileSync(path.join(out, name), bytes);
    writeFileSync(path.join(out, 'addin.xml'), pkg.addinXml);
    // The app roles for the API's app registration (paste into its manifest's appRoles).
    writeFileSync(path.join(out, 'entra-app-roles.json'), `${JSON.stringify(appRegistrationRoles(), null, 2)}\n`);
    if (settings.placeholders.length) io.stderr(`Note: ${settings.placeholders.join(', ')} not set; development placeholders used (fine for a local look, not for sideloading).\n`);
    if (!ctx.commandsScript) io.stderr(`Note: ${'dist/addin/commands.js'} is not built yet, so the event handler names were not checked against it.\n`);
    if (command === 'manifest') {
      io.stdout(`Wrote ${path.join(out, 'manifest.json')} and ${path.join(out, 'addin.xml')} (${target}, ${settings.baseUrl})\n`);
      return 0;
    }
    const zipPath = path.join(out, `ehcp-review-assistant-${target}-${pkg.manifest.version}.zip`);
    writeFileSync(zipPath, await zipPackage(pkg));
    io.stdout(
      [
        `App package: ${zipPath}`,
        `  upload it in the Teams admin centre (Teams apps > Manage apps > Upload new app) or the Microsoft 365 admin centre (Settings > Integrated apps > Upload custom apps)`,
        `Add-in-only XML manifest (Outlook on Mac and mobile): ${path.join(out, 'addin.xml')}`,
        '',
      ].join('\n'),
    );
    return 0;
  } catch (e) {
    if (e instanceof ConfigError) {
      io.stderr(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) {
  runManifestCli(process.argv.slice(2), { env: process.env, stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s), root: repoRoot }).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`manifest: unexpected failure: ${(e as Error).stack}\n`);
      process.exitCode = 1;
    },
  );
}
