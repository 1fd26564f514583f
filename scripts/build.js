#!/usr/bin/env node
// Compiles shared/ and bot/ to dist/ so `npx ehcp-review` and `npm start` run plain
// Node. Run by `npm install` (prepare), `npm test` and `npm run bench`.
const { execFileSync } = require('node:child_process');
const { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync } = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
// typescript 7's package exports hide bin/, so resolve it from the package root.
const tsc = path.join(path.dirname(require.resolve('typescript/package.json')), 'bin/tsc');
try {
  execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
} catch {
  console.error('build: TypeScript reported errors (see above); run `npm run typecheck` to list them.');
  process.exit(1);
}
// The Outlook add-in: task pane, event handlers and sign-in page into dist/addin/ (esbuild).
try {
  execFileSync(process.execPath, [path.join(root, 'addin/build.mjs')], { stdio: 'inherit', cwd: root });
} catch {
  console.error('build: the add-in did not build (see above); run `node addin/build.mjs` to see the errors alone.');
  process.exit(1);
}
// The Teams tab (tab/): its own esbuild bundle in dist/tab/, served by the service at /tab/.
try {
  execFileSync(process.execPath, [path.join(root, 'tab/build.mjs')], { stdio: 'inherit', cwd: root });
} catch {
  console.error('build: the Teams tab did not build (see above); run `node tab/build.mjs` to retry it alone.');
  process.exit(1);
}
const cli = path.join(root, 'dist/bot/cli/main.js');
if (existsSync(cli)) chmodSync(cli, 0o755);

// The add-in's ribbon and XML-manifest icons (drawn in manifest/icons.ts), served with the
// add-in under /addin/assets/ as both manifests declare.
const assets = path.join(root, 'dist/addin/assets');
mkdirSync(assets, { recursive: true });
for (const icon of readdirSync(path.join(root, 'manifest/icons')).filter((f) => /^icon-\d+\.png$/.test(f))) {
  copyFileSync(path.join(root, 'manifest/icons', icon), path.join(assets, icon));
}
