import { PassThrough, Readable } from 'node:stream';
import path from 'node:path';
import { runCli } from '../../bot/cli/main';

export const root = path.join(__dirname, '../..');

/** Runs the CLI in-process with captured output, as a user at a non-terminal would. */
export async function cli(
  args: string[],
  options: { stdin?: string; stdoutTTY?: boolean; env?: NodeJS.ProcessEnv; cwd?: string; now?: () => Date } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough() as PassThrough & { isTTY?: boolean };
  const stderr = new PassThrough() as PassThrough & { isTTY?: boolean };
  if (options.stdoutTTY) stdout.isTTY = true;
  let out = '';
  let err = '';
  stdout.on('data', (d) => {
    out += d;
  });
  stderr.on('data', (d) => {
    err += d;
  });
  const code = await runCli(args, {
    stdin: Readable.from([options.stdin ?? '']),
    stdout,
    stderr,
    env: options.env ?? {},
    cwd: options.cwd ?? root,
    now: options.now ?? (() => new Date('2026-11-24T10:00:00Z')),
  });
  return { code, stdout: out, stderr: err };
}
