import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * A child Node process spoken to in JSON lines. The child's script writes one line when it
 * is ready (`{"ready": ...}`), then answers each request line (`{"id", ...}`) with a line
 * naming the same id (`{"id", "result"}` or `{"id", "error"}`); stdin closing asks it to
 * finish and exit 0.
 */
export interface LineChild {
  /** What the child said when it was ready. */
  ready: unknown;
  request<T>(body: Record<string, unknown>): Promise<T>;
  /** Ends the child's input and waits for it; a failed exit is an error naming what it printed. */
  close(): Promise<void>;
}

/**
 * Starts `script` (run with `node -e`, `module` and `args` as its argv) and waits until it
 * is ready. `what` names it in errors. `module` is a built file the script requires; it is
 * checked first, as a missing build is the usual reason a child fails.
 */
export async function startLineChild(what: string, script: string, module: string, args: string[] = []): Promise<LineChild> {
  if (!existsSync(module)) throw new Error(`${module} is missing: run \`npm run build\` first (npm test does).`);
  const child = spawn(process.execPath, ['-e', script, module, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += String(d);
  });
  const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
  const failed = (code: number) => new Error(`${what} exited (${code}): ${stderr.slice(0, 500)}`);
  let ready: (value: unknown) => void = () => {};
  const readied = new Promise<unknown>((resolve, reject) => {
    ready = resolve;
    void exited.then((code) => reject(failed(code)));
  });
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (e: Error) => void }>();
  createInterface({ input: child.stdout }).on('line', (line) => {
    const answer = JSON.parse(line) as { ready?: unknown; id?: number; result?: unknown; error?: string };
    if (answer.id === undefined) return ready(answer.ready);
    const w = waiting.get(answer.id);
    waiting.delete(answer.id);
    if (answer.error !== undefined) w?.reject(new Error(answer.error));
    else w?.resolve(answer.result);
  });
  void exited.then((code) => {
    for (const w of waiting.values()) w.reject(failed(code));
    waiting.clear();
  });
  let next = 0;
  return {
    ready: await readied,
    request: <T>(body: Record<string, unknown>) =>
      new Promise<T>((resolve, reject) => {
        const id = next++;
        waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.stdin.write(`${JSON.stringify({ ...body, id })}\n`);
      }),
    close: async () => {
      if (child.exitCode === null) child.stdin.end();
      const code = await exited;
      if (code !== 0) throw failed(code);
    },
  };
}
