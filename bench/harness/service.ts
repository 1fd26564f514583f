import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

/** The repository root, found from this file both as source (bench/harness) and built (dist/bench/harness). */
export const repoRoot = (() => {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
})();

/** The built service, as `npm start` runs it (`npm test` and `npm run bench` build it first). */
export const serviceMain = path.join(repoRoot, 'dist/bot/server/main.js');

export interface ServiceOptions {
  dataDir: string;
  /** PostgreSQL instead of PGlite in `dataDir/pglite`. */
  databaseUrl?: string | undefined;
  /** How long start-up (migrating, seeding) may take. Default 60 s. */
  startTimeoutMs?: number;
  /** More settings (they win over the defaults above). */
  env?: Record<string, string> | undefined;
  /** Options for node itself, before the script (`--cpu-prof`, which NODE_OPTIONS may not carry). */
  nodeArgs?: string[] | undefined;
}

/** The service running as a child process on its own port. */
export interface ServiceProcess {
  url: string;
  pid: number;
  /** SIGTERM, then waits for the graceful shutdown to finish. */
  stop(): Promise<void>;
  /** SIGKILL now: nothing is flushed, requests in flight are cut off. Resolves when the process is gone. */
  kill(): Promise<void>;
  /** Whatever the process wrote on stderr (capped), for failure messages. */
  stderr(): string;
}

const running = new Set<ChildProcess>();

/** Kills every service this module started and has not seen exit (for afterAll, even after a failure). */
export async function killAllServices(): Promise<void> {
  await Promise.all([...running].map((child) => killChild(child, 'SIGKILL')));
}

/** A port nobody listens on now: bound on port 0, read, released (the service cannot report port 0 back). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts `dist/bot/server/main.js` with the demo seeded and waits until `/readyz` answers 200. */
export async function startServiceProcess(options: ServiceOptions): Promise<ServiceProcess> {
  if (!existsSync(serviceMain)) throw new Error(`${serviceMain} is missing: run \`npm run build\` first (npm test does).`);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: options.dataDir,
    DATABASE_URL: options.databaseUrl ?? '',
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'true',
    AUTH_MODE: 'dev',
    NODE_ENV: 'development',
    // The development channels would otherwise deliver the demo's reminders to dev-mail/.
    REMINDERS: 'off',
    ...options.env,
  };
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), serviceMain], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => {
    if (stdout.length < 20_000) stdout += d;
  });
  child.stderr?.on('data', (d) => {
    if (stderr.length < 20_000) stderr += d;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the service exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${stderr || stdout}`);
    }
    if (stdout.includes('EHCP Review Assistant is running at')) {
      const ready = await fetch(`${url}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ready) break;
    }
    if (Date.now() > deadline) {
      await killChild(child, 'SIGKILL');
      throw new Error(`the service was not ready within ${options.startTimeoutMs ?? 60_000} ms:\n${stderr || stdout}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    pid: child.pid ?? -1,
    stop: async () => {
      await killChild(child, 'SIGTERM');
      if (child.exitCode !== 0) throw new Error(`the service did not stop cleanly (exit ${child.exitCode ?? child.signalCode}):\n${stderr}`);
    },
    kill: () => killChild(child, 'SIGKILL'),
    stderr: () => stderr,
  };
}

function killChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
