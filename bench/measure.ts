import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Measured {
  seconds: number;
  peakMb: number;
}

/** Runs a Node script as a child, timing it and reading its peak memory. */
export async function measureNode(script: string, args: string[], stdoutFile?: string): Promise<Measured> {
  const rssFile = path.join(tmpdir(), `bench-rss-${process.pid}-${Date.now()}`);
  const started = process.hrtime.bigint();
  const { openSync, closeSync } = await import('node:fs');
  const fd = stdoutFile ? openSync(stdoutFile, 'w') : 'ignore';
  const child = spawn(process.execPath, ['--require', path.join(__dirname, 'reportPeakMemory.js'), script, ...args], {
    stdio: ['ignore', fd, 'pipe'],
    env: { ...process.env, BENCH_RSS_FILE: rssFile },
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    if (stderr.length < 2000) stderr += d;
  });
  const code: number = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  if (typeof fd === 'number') closeSync(fd);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0) throw new Error(`${path.basename(script)} ${args.join(' ')} exited ${code}: ${stderr.slice(0, 500)}`);
  const peakMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
  rmSync(rssFile, { force: true });
  return { seconds, peakMb };
}
