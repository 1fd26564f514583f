import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Queryable } from '../../bot/store/db';
import { repoRoot } from './service';

// Runs in the child: the built openPglite, one JSON request per line in, one answer per line out.
const CHILD = `
const { openPglite } = require(process.argv[1]);
const readline = require('node:readline');
openPglite(process.argv[2]).then((db) => {
  const lines = readline.createInterface({ input: process.stdin });
  let queue = Promise.resolve();
  lines.on('line', (line) => {
    const { id, sql, params, exec } = JSON.parse(line);
    queue = queue.then(async () => {
      try {
        const rows = exec ? (await db.exec(sql), []) : await db.query(sql, params);
        process.stdout.write(JSON.stringify({ id, rows }) + '\\n');
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
  const opener = path.join(repoRoot, 'dist/bot/store/openPglite.js');
  if (!existsSync(opener)) throw new Error(`${opener} is missing: run \`npm run build\` first (npm test does).`);
  const child = spawn(process.execPath, ['-e', CHILD, opener, dir], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
  const waiting = new Map<number, { resolve: (rows: unknown[]) => void; reject: (e: Error) => void }>();
  createInterface({ input: child.stdout }).on('line', (line) => {
    const answer = JSON.parse(line) as { id: number; rows?: unknown[]; error?: string };
    const w = waiting.get(answer.id);
    waiting.delete(answer.id);
    if (answer.error !== undefined) w?.reject(new Error(answer.error));
    else w?.resolve(answer.rows ?? []);
  });
  void exited.then((code) => {
    for (const w of waiting.values()) w.reject(new Error(`the PGlite reader exited (${code}): ${stderr}`));
    waiting.clear();
  });
  let next = 0;
  const send = (request: { sql: string; params?: readonly unknown[]; exec?: boolean }) =>
    new Promise<unknown[]>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      child.stdin.write(`${JSON.stringify({ id, ...request })}\n`);
    });
  return {
    query: async <T>(sql: string, params?: readonly unknown[]) => (await send({ sql, params })) as T[],
    exec: async (sql: string) => {
      await send({ sql, exec: true });
    },
    close: async () => {
      child.stdin.end();
      const code = await exited;
      if (code !== 0) throw new Error(`the PGlite reader failed (${code}): ${stderr}`);
    },
  };
}
