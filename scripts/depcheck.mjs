#!/usr/bin/env node
// Runs the dependency rules (.dependency-cruiser.cjs) over the project's source folders
// that exist (addin/ and tab/ arrive in later issues). Part of `npm test`.
// Through dependency-cruiser's API: its command line refuses Node 20, which this project
// supports (engines >= 20.19); the API itself runs on it.
// Usage: node scripts/depcheck.mjs [ROOT]   (ROOT defaults to the repository)
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = process.argv[2] ? path.resolve(process.argv[2]) : path.join(here, '..');
process.chdir(root);
const config = createRequire(import.meta.url)(path.join(here, '../.dependency-cruiser.cjs'));
const folders = ['shared', 'bot', 'bench', 'test', 'testkit', 'addin', 'tab', 'manifest', 'scripts'].filter((f) => existsSync(path.join(root, f)));
const tsConfig = existsSync(path.join(root, 'tsconfig.json')) ? extractTSConfig(path.join(root, 'tsconfig.json')) : undefined;
const { output, exitCode } = await cruise(folders, { ...config.options, ruleSet: { forbidden: config.forbidden }, validate: true, outputType: 'err' }, {}, tsConfig ? { tsConfig } : {});
// dependency-cruiser warns that typescript 7 has no compiler API; it parses with swc
// instead (parser: 'swc' in the config), which reads every import, type-only ones too.
const text = typeof output === 'string' ? output.replace(/\n*‼ missing-tsc-transpiler:[\s\S]*$/, '\n') : '';
process.stdout.write(text);
process.exit(exitCode);
