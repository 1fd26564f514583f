import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { root } from './runCli';

// The built command, as `npx ehcp-review` runs it (npm test builds dist/ first).
const bin = path.join(root, 'dist/bot/cli/main.js');
const run = (args: string[], input?: string) => spawnSync(process.execPath, [bin, ...args], { cwd: root, input, encoding: 'utf8' });

describe('the built ehcp-review command', () => {
  it('prints a timeline from standard input and exits 0', () => {
    const r = run(['timeline', '-'], '{"planIssued":"2026-03-01"}');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).latestMeetingDate).toBe('2027-01-31');
  });
  it('exits 2 for malformed JSON with one line and no stack trace', () => {
    const r = run(['timeline', '-'], '{"planIssued": }');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
  it('exits 2 with the bad rows on stderr and the good rows on stdout', () => {
    const r = run(['plan', 'examples/caseload-with-errors.csv', '--today', '2026-11-24']);
    expect(r.status).toBe(2);
    expect(r.stdout.split('\n')[1]).toBe('ELM-001,overdue,2026-11-30,2026-11-02,2026-09-07,');
    expect(r.stderr).toContain('line 3 (id ELM-002)');
  });
  it('is declared as the package bin', () => {
    expect(require(path.join(root, 'package.json')).bin['ehcp-review']).toBe('dist/bot/cli/main.js');
  });
});
