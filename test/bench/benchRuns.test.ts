import { spawn } from 'node:child_process';
import path from 'node:path';

const repo = path.join(__dirname, '..', '..');

/**
 * `npm run bench` must keep running to its end (it broke once at the bot benchmark and hid
 * every figure after it). This runs the built entry with BENCH_SCALE=0.001: every benchmark,
 * on both stores when TEST_DATABASE_URL is set, with sizes a thousand times smaller. The
 * figures mean nothing here; that each benchmark starts, finishes and reports does.
 */
describe('npm run bench', () => {
  test('runs every benchmark to its end at a tiny scale', async () => {
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, [path.join(repo, 'dist', 'bench', 'run.js')], {
        cwd: repo,
        env: { ...process.env, BENCH_SCALE: '0.001', NODE_OPTIONS: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      child.on('close', (code) => resolve({ code, output }));
    });
    // The end of the output says which benchmark stopped and why.
    if (code !== 0) throw new Error(`npm run bench exited ${code}:\n${output.slice(-3000)}`);
    for (const heading of ['Caseload planner', 'Attach 10 advice files', 'Service API', 'Two service processes', 'Teams bot', 'Outlook add-in task pane', 'Dashboard:', 'Simulation']) {
      expect(output).toContain(heading);
    }
    // Requests that failed are counted in each load line; none may fail.
    const errors = [...output.matchAll(/(\d+) errors\)/g)].map((m) => Number(m[1]));
    expect(errors.length).toBeGreaterThanOrEqual(4);
    expect(errors.filter((n) => n > 0)).toEqual([]);
    if (process.env.TEST_DATABASE_URL) {
      expect(output).not.toMatch(/skipped/);
      expect(output).toMatch(/PostgreSQL POST \/api\/messages/);
      expect(output).toContain('Reminders:');
      expect(output).toMatch(/two processes +POST \/api\/reviews\/\{id\}\/meeting .*\[baseline, same run: one process/);
    }
  }, 600_000);
});
