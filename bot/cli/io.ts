/** What a command needs from the process, passed in so tests can run commands in-process. */
export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The current instant; commands derive "today" in Europe/London from it. */
  now: () => Date;
}

/** One `ehcp-review` sub-command. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Returns the exit status: 0 fine, 2 bad input or usage, 1 unexpected failure. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** A problem with what the user typed or supplied; printed without a stack trace, exit status 2. */
export class UsageError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
    this.name = 'UsageError';
  }
}

/** Writes and waits for the stream to take it, so large outputs keep memory flat. */
export function write(stream: NodeJS.WritableStream, text: string | Uint8Array): Promise<void> | undefined {
  if (stream.write(text)) return undefined;
  return new Promise((resolve) => stream.once('drain', resolve));
}
