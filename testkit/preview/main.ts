#!/usr/bin/env node
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createJsonLogger } from '../../bot/log/logger';
import { startAddinPreview } from './addinPreview';

/**
 * `npm run preview:addin`: the Outlook add-in in a browser, for development and evaluation
 * (testkit/preview/addinPreview.ts). Its own service on ./data/preview (PGlite allows one
 * opener, so it can run beside `npm start`), PREVIEW_PORT (default 3980) for the page.
 */
async function main() {
  const dataDir = path.resolve(process.env.PREVIEW_DATA_DIR ?? path.join('data', 'preview'));
  mkdirSync(dataDir, { recursive: true });
  const logger = createJsonLogger({ level: 'warn' });
  const preview = await startAddinPreview({ dataDir, port: Number(process.env.PREVIEW_PORT ?? 3980), logger });
  process.stdout.write(
    [
      '',
      `Outlook add-in preview (development only): ${preview.url}`,
      `  a stand-in for Outlook's new-appointment window with the real task pane; its service: ${preview.service.url} (demo council, ${dataDir})`,
      '  Try: pick DEMO-0008 (its review is late), choose a date, book, make it a Teams meeting, then press Send.',
      '',
    ].join('\n'),
  );
  const stop = () => preview.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
  process.stderr.write(`The preview could not start: ${error.message}\n`);
  process.exit(1);
});
