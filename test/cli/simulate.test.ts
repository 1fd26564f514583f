import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, root } from './runCli';

// The built command, as `npx ehcp-review` runs it (npm test builds dist/ first): it shares
// its runs with a worker thread, which runs only from the compiled files.
const built = (args: string[]) =>
  new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'dist/bot/cli/main.js'), ...args], { cwd: root });
    let stdout = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout }));
  });

const dir = mkdtempSync(path.join(tmpdir(), 'ehcp-simulate-'));
const file = (name: string, text: string) => {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
};

describe('ehcp-review simulate', () => {
  it('prints both runs, the DfE comparison, the backlog and the officer answer as a table', async () => {
    const r = await cli(['simulate', '--plans', '800', '--seed', '3']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^EHCP annual reviews simulated: 800 plans, 2025-01-01 to 2025-12-31, seed 3, 20 officers/);
    for (const label of ['Reviews concluded within 12 months', 'Reports within 2 weeks of the meeting', 'Decisions within 4 weeks of the meeting', 'Amended plans finalised in time', 'DfE 2025', 'final-plan']) {
      expect(r.stdout).toContain(label);
    }
    expect(r.stdout).toContain('Ages 10-14');
    // No DfE all-ages row offline: every plan is shown against the brief's headline, labelled as not a DfE row.
    expect(r.stdout).toContain("against the project brief's all-ages headline (not a DfE row)");
    expect(r.stdout).toMatch(/Not completed +\d+\.\d% +\d+\.\d% +about 25\.0%\n/);
    expect(r.stdout).toMatch(/Decisions within 4 weeks \(of those completed\) +\d+\.\d% +\d+\.\d% +under 50\.0%\n/);
    expect(r.stdout).toContain("the DfE's all-ages row is to be entered in bot/simulate/dfeFigures.ts when obtained");
    expect(r.stdout).toMatch(/Smallest changes that reach each target with the product/);
    expect(r.stdout).toMatch(/95\.0% of decisions within 4 weeks:\n {4}more officers/);
    expect(r.stdout).toMatch(/98\.0% of reviews concluded within 12 months:/);
    expect(r.stdout).toMatch(/Officers for 95% of decisions within 4 weeks, by the capacity assumed/);
    expect(r.stdout).toMatch(/ {3}2\.2 decisions per officer-week/);
    expect(r.stdout).toMatch(/ {3}8\.8 decisions per officer-week/);
  });

  it('gives the same answer built, its runs shared with a worker thread, as run here in one thread', async () => {
    const args = ['simulate', '--plans', '500', '--seed', '4', '--format', 'json'];
    const [here, there] = await Promise.all([cli(args), built(args)]);
    expect(there.code).toBe(0);
    expect(here.code).toBe(0);
    const json = JSON.parse(there.stdout);
    expect(json.officerRange).toHaveLength(3);
    expect(json.runs.reportsInMeetingDoubled.value).toBe(0.6);
    expect(there.stdout).toBe(here.stdout);
  }, 120_000);

  it('writes JSON with the documented keys and a chart, the same for the same seed', async () => {
    const chart = path.join(dir, 'chart.svg');
    const a = await cli(['simulate', '--plans', '600', '--format', 'json', '--chart', chart, '--no-search']);
    const b = await cli(['simulate', '--plans', '600', '--format', 'json', '--no-search']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const json = JSON.parse(a.stdout);
    expect(Object.keys(json)).toEqual(['seed', 'plans', 'period', 'parameters', 'dfe2025', 'calibration', 'runs', 'backlog', 'smallestChanges', 'officerRange']);
    expect(Object.keys(json.runs)).toEqual(['baseline', 'product', 'productEffectHalved', 'productEffectDoubled', 'reportsInMeetingHalved', 'reportsInMeetingDoubled']);
    expect(json.runs.productEffectHalved.value).toBe(0.2);
    expect(json.runs.productEffectDoubled.value).toBe(0.8);
    expect(json.runs.reportsInMeetingHalved.value).toBe(0.15);
    expect(Object.keys(json.runs.baseline.dfe)).toEqual(['completed', 'completedEarly', 'notCompleted', 'decisions4w', 'expected']);
    expect(json.dfe2025.allAges).toBeNull();
    expect(json.dfe2025.briefHeadline).toMatchObject({ notCompleted: 0.25, decisions4wBelow: 0.5 });
    expect(json.calibration).toBeNull();
    expect(json.smallestChanges).toBeNull();
    expect(json.officerRange).toBeNull();
    expect(json.parameters.delays.report).toBe('lognormal(12, 40)');
    expect(json.backlog.baseline[0]).toEqual({ weekStarting: '2025-01-01', waiting: expect.objectContaining({ booking: expect.any(Number), decision: expect.any(Number) }) });
    const svg = readFileSync(chart, 'utf8');
    expect(svg).toMatch(/^<\?xml/);
    expect(svg).toContain('<title id="title">');
    expect(a.stderr).toContain('chart written to');
  });

  it('refuses impossible parameters with one line per problem naming it, exit status 2', async () => {
    const params = file('bad.json', JSON.stringify({ council: { decisionsPerOfficerWeek: -2 }, delays: { advice: 'lognormal(5' } }));
    const r = await cli(['simulate', '--params', params, '--officers=-3', '--seed', 'x']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--seed: "x" must be a whole number');
    const again = await cli(['simulate', '--params', params, '--officers=-3']);
    expect(again.code).toBe(2);
    expect(again.stderr.trim().split('\n')).toEqual([
      'ehcp-review simulate: --officers: -3 is out of range; use 1 to 100000',
      'ehcp-review simulate: council.decisionsPerOfficerWeek: -2 is out of range; use 0.1 to any higher number',
      'ehcp-review simulate: delays.advice: "lognormal(5" is not a distribution: it should look like name(numbers); write one of fixed(x), uniform(min, max), normal(mean, sd), lognormal(median, p90), exponential(mean)',
    ]);
    const notJson = await cli(['simulate', '--params', file('bad.txt', '{council: 1')]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/--params: .* is not valid JSON/);
  });

  it('fits a council’s own figures with --calibrate and says how well, or refuses figures it cannot read', async () => {
    const r = await cli(['simulate', '--plans', '600', '--no-search', '--calibrate', 'completed=55%,completedEarly=10%,notCompleted=35%']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Calibrated to the council's figures/);
    expect(r.stdout).toMatch(/ {2}completed +55\.0% -> +\d+\.\d% {2}(fitted|NOT FITTED: .+)/);
    const bad = await cli(['simulate', '--plans', '600', '--calibrate', 'completed=0.6,early=0.1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--calibrate: "early" is not a figure; use completed, completedEarly, notCompleted, decisions4w');
  });

  it('refuses a caseload file with errors, naming each line, and simulates nothing', async () => {
    const r = await cli(['simulate', 'examples/caseload-with-errors.csv']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('line 3 (id ELM-002): planIssued: "2025-02-30" is not a real calendar date');
    expect(r.stderr).toContain('fix the 4 problems above; nothing was simulated');
  });

  it('simulates a council’s own caseload in the planner’s format', async () => {
    const r = await cli(['simulate', 'examples/caseload.csv', '--from', '2026-09-01', '--to', '2027-08-31', '--format', 'json', '--no-search']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.plans).toBe(20);
    expect(json.runs.baseline.expectedReviews).toBeGreaterThan(0);
  });
});
