#!/usr/bin/env node
import { commands } from './commands';
import { type CliIo, UsageError } from './io';

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: ehcp-review <command> [options]',
    '',
    'EHCP annual review timelines and caseload planning (SEND Code of Practice 2015, 9.166-9.210).',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `ehcp-review <command> --help` for a command’s options.',
  ].join('\n');
}

/** Runs the CLI and returns its exit status; never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${overview()}\n`);
    return name === undefined ? 2 : 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.stderr.write(`ehcp-review: unknown command "${name}"\n\n${overview()}\n`);
    return 2;
  }
  const command = entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`${e.lines.map((l) => `ehcp-review ${command.name}: ${l}`).join('\n')}\n`);
      return 2;
    }
    const message = e instanceof Error ? e.message : String(e);
    io.stderr.write(`ehcp-review ${command.name}: unexpected failure: ${message}\n`);
    // Required here, not at the top: the settings schema loads zod, which only this path needs.
    const { cliSettings } = require('../config/env') as typeof import('../config/env');
    if (cliSettings(io.env).debug && e instanceof Error && e.stack) io.stderr.write(`${e.stack}\n`);
    else io.stderr.write('Set EHCP_DEBUG=1 to see the details.\n');
    return 1;
  }
}

if (require.main === module) {
  const io: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), now: () => new Date() };
  // A closed pipe (`ehcp-review plan big.csv | head`) is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  });
  runCli(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
