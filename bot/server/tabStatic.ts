import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

/**
 * Where the built tab is: dist/tab beside the compiled service, or the repository's dist/tab
 * when the service runs from source (the tests). Built by tab/build.mjs.
 */
export function builtTabDir(): string {
  const root = path.resolve(__dirname, '..', '..');
  return path.basename(root) === 'dist' ? path.join(root, 'tab') : path.join(root, 'dist', 'tab');
}

/** Hosts that may frame the tab: Teams, Outlook and Microsoft 365 on the web (Teams' own list for tabs). */
const frameAncestors = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://teams.cloud.microsoft',
  'https://*.cloud.microsoft',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://*.microsoft365.com',
];

export interface TabClientConfig {
  authMode: 'dev' | 'entra';
  /** The API's app registration: the tab asks NAA or Teams SSO for a token for it. */
  clientId: string | null;
}

/**
 * The Teams tab at /tab/ (index.html and its bundle) and /tab/config.json, which tells the
 * page how to sign in. The page may be framed only by Microsoft 365 hosts.
 */
export function tabRoutes(config: TabClientConfig, dir = builtTabDir()): Router {
  const router = Router();
  router.use('/tab', (_req, res, next) => {
    res.set('Content-Security-Policy', `frame-ancestors ${frameAncestors.join(' ')}`);
    next();
  });
  router.get('/tab/config.json', (_req, res) => {
    res.set('Cache-Control', 'no-store').json(config);
  });
  if (existsSync(dir)) {
    // express.static redirects /tab to /tab/ and serves index.html there.
    router.use('/tab', express.static(dir, { index: 'index.html', maxAge: 0 }));
    router.use('/tab', (req, res) => {
      res.status(404).type('text/plain').send(`${req.originalUrl} is not part of the tab.`);
    });
  } else {
    router.use('/tab', (_req, res) => {
      res.status(503).type('text/plain').send('The Teams tab has not been built: run `npm run build` (tab/build.mjs writes dist/tab).');
    });
  }
  return router;
}
