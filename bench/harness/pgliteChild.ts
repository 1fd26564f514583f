import path from 'node:path';
import type { Queryable } from '../../bot/store/db';
import { startLineChild } from './lineChild';
import { repoRoot } from './service';

// Runs in the child: the built openPglite, one JSON request per line in, one answer per line out.
const CHILD = `
const { openPglite } = require(process.argv[1]);
const readline = require('node:readline');
openPglite(process.argv[2]).then((db) => {
  process.stdout.write(JSON.stringify({ ready: true }) + '\\n');
  const lines = readline.createInterface({ input: process.stdin });
  let queue = Promise.resolve();
  lines.on('line', (line) => {
    const { id, sql, params, exec } = JSON.parse(line);
    queue = queue.then(async () => {
      try {
        const result = exec ? (await db.exec(sql), []) : await db.query(sql, params);
        process.stdout.write(JSON.stringify({ id, result }) + '\\n');
      } catch (error) {
        process.stdout.write(JSON.stringify({ id, error: error.message }) + '\\n');
      }
    });
  });
  lines.on('close', () => queue.then(() => db.close()).then(() => process.exit(0)));
}, (error) => { process.stderr.write(error.message); process.exit(1); });
`;

/**
 * Opens a PGlite folder in a child Node process and queries it from here. Jest's module
 * loader cannot run PGlite's dynamic imports, so the crash test reads its PGlite store
 * through the built `openPglite` in plain Node instead.
 */
export async function openPgliteInChild(dir: string): Promise<Queryable & { close(): Promise<void> }> {
  const child = await startLineChild('the PGlite reader', CHILD, path.join(repoRoot, 'dist/bot/store/openPglite.js'), [dir]);
  return {
    query: <T>(sql: string, params?: readonly unknown[]) => child.request<T[]>({ sql, params }),
    exec: async (sql: string) => {
      await child.request({ sql, exec: true });
    },
    close: () => child.close(),
  };
}
