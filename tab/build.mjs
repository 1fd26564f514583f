// Builds the Teams tab (tab/) to dist/tab/ with esbuild: one ES module entry with code
// splitting (MSAL loads only on the sign-in paths that need it), minified, plus index.html
// and the stylesheet. Called by scripts/build.js; `node tab/build.mjs --meta` prints sizes.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, '..', 'dist', 'tab');

export async function buildTab() {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const result = await build({
    entryPoints: { app: path.join(here, 'src', 'main.tsx') },
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    target: ['chrome110', 'edge110', 'safari16', 'firefox115'],
    minify: true,
    jsx: 'automatic',
    legalComments: 'linked',
    metafile: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  copyFileSync(path.join(here, 'index.html'), path.join(out, 'index.html'));
  copyFileSync(path.join(here, 'tab.css'), path.join(out, 'tab.css'));
  writeFileSync(path.join(out, 'meta.json'), JSON.stringify(result.metafile));
  return result.metafile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildTab().catch((error) => {
    console.error(`tab build failed: ${error.message}`);
    process.exit(1);
  });
}
