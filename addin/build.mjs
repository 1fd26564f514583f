// Builds the Outlook add-in into dist/addin/ with esbuild:
// - taskpane.js: the task pane, an ES module bundle (msal-browser's nested app authentication in its
//   own chunk, loaded only where sign-in needs it), minified;
// - commands.js: the event handlers as ONE classic script at ES2016 with no import/export,
//   because classic Outlook on Windows runs that file alone with no DOM;
// - signin.js: the Office-dialog sign-in fallback;
// - taskpane.html, commands.html, signin.html.
// Called by scripts/build.js; `node addin/build.mjs` alone works too.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, '..', 'dist', 'addin');
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/**
 * `msal-nested-app`: msal-browser's nested app authentication classes from the package's own
 * files (its `exports` map offers them only behind a factory that bundles the whole standard
 * client too); see addin/src/auth/msalNestedApp.d.ts. The version is the one package-lock pins.
 */
const msalDist = path.join(path.dirname(createRequire(import.meta.url).resolve('@azure/msal-browser/package.json')), 'dist');
const msalNestedApp = {
  name: 'msal-nested-app',
  setup(b) {
    b.onResolve({ filter: /^msal-nested-app$/ }, () => ({ path: 'msal-nested-app', namespace: 'msal-nested-app' }));
    b.onLoad({ filter: /.*/, namespace: 'msal-nested-app' }, () => ({
      contents: [
        `export { NestedAppOperatingContext } from ${JSON.stringify(path.join(msalDist, 'operatingcontext/NestedAppOperatingContext.mjs'))};`,
        `export { NestedAppAuthController } from ${JSON.stringify(path.join(msalDist, 'controllers/NestedAppAuthController.mjs'))};`,
      ].join('\n'),
      resolveDir: msalDist,
      loader: 'js',
    }));
  },
};

/** Settings the pane reads from meta tags (the API's app registration for sign-in). */
const env = {
  apiBase: process.env.ADDIN_API_BASE ?? '',
  clientId: process.env.ADDIN_CLIENT_ID ?? process.env.ENTRA_CLIENT_ID ?? '',
  apiScope: process.env.ADDIN_API_SCOPE ?? (process.env.ENTRA_CLIENT_ID ? `api://${process.env.ENTRA_CLIENT_ID}/access_as_user` : ''),
};
const attr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

const page = (title, body, head = '') => `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<script src="${OFFICE_JS}"></script>
${head}
</head>
<body>
${body}
</body>
</html>
`;

export async function buildAddin({ outDir = out, quiet = false } = {}) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const common = { bundle: true, minify: true, legalComments: 'none', logLevel: quiet ? 'error' : 'warning', define: { 'process.env.NODE_ENV': '"production"' } };
  const pane = await build({
    ...common,
    entryPoints: { taskpane: path.join(here, 'src/taskpane/main.tsx') },
    outdir: outDir,
    format: 'esm',
    splitting: true,
    target: ['es2020', 'chrome100', 'edge100', 'safari15', 'firefox100'],
    jsx: 'automatic',
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    plugins: [msalNestedApp],
  });
  // The dialog's sign-in page on its own: built with the pane, chunks shared with it would keep
  // every msal export either uses, and the pane's nested app chunk would grow from 40 to 57 KB.
  await build({
    ...common,
    entryPoints: { signin: path.join(here, 'src/auth/dialog.ts') },
    outdir: outDir,
    format: 'esm',
    target: ['es2020', 'chrome100', 'edge100', 'safari15', 'firefox100'],
  });
  await build({
    ...common,
    entryPoints: [path.join(here, 'src/handlers/commands.ts')],
    outfile: path.join(outDir, 'commands.js'),
    format: 'iife',
    target: 'es2016',
    platform: 'neutral',
    mainFields: ['module', 'main'],
  });
  const meta = `<meta name="ehcp-api-base" content="${attr(env.apiBase)}">
<meta name="ehcp-client-id" content="${attr(env.clientId)}">
<meta name="ehcp-api-scope" content="${attr(env.apiScope)}">
<style>body{margin:0;font-family:'Segoe UI',system-ui,sans-serif}h1{font-size:1.25rem}h2{font-size:1.05rem;margin:.5rem 0}h3{font-size:.95rem}.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}</style>
<script type="module" src="taskpane.js"></script>`;
  writeFileSync(path.join(outDir, 'taskpane.html'), page('EHCP Review Assistant', '<div id="root"></div>', meta));
  writeFileSync(path.join(outDir, 'commands.html'), page('EHCP Review Assistant: meeting checks', '', '<script src="commands.js"></script>'));
  writeFileSync(path.join(outDir, 'signin.html'), page('Sign in: EHCP Review Assistant', '<main><p>Signing you in…</p></main>', '<script type="module" src="signin.js"></script>'));
  return { outDir, metafile: pane.metafile };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildAddin().catch((error) => {
    console.error(`addin build: ${error.message}`);
    process.exit(1);
  });
}
