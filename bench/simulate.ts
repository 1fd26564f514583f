import path from 'node:path';
import { measureNode } from './measure';
import { scaled } from './harness/scale';
import { againstTarget } from './harness/against';

const cli = path.join(__dirname, '../bot/cli/main.js');

/**
 * `ehcp-review simulate` as a council runs it, timed as a child process (Node start-up
 * included): the six runs alone (--no-search), the whole command (both runs, each
 * assumption about the product halved and doubled, the smallest-changes table and the
 * officer range), and all of England.
 */
export async function simulateBenchmark(): Promise<void> {
  console.log('Simulation (ehcp-review simulate, one year, synthetic caseload)');
  console.log('  plans    what                                               seconds  peak MB');
  const cases: [number, string, string[]][] = [
    [scaled(5_000, 50), 'six runs: without, with, two assumptions halved/doubled', ['--no-search']],
    [scaled(5_000, 50), 'whole command: + smallest changes + officer range', []],
    // All of England, staffed like the default council (20 officers per 5,000 plans).
    [scaled(640_000, 100), 'six runs, all of England, 2,560 officers', ['--no-search', '--officers', String(scaled(2560, 1))]],
  ];
  for (const [plans, what, extra] of cases) {
    const m = await measureNode(cli, ['simulate', '--plans', String(plans), '--format', 'json', ...extra]);
    const target = what.startsWith('six runs:') ? `   ${againstTarget(m.seconds, { what: '5,000 plans over a year under', value: 10, unit: 's' })}` : '';
    console.log(`  ${String(plans).padStart(7)}  ${what.padEnd(52)} ${m.seconds.toFixed(1).padStart(7)} ${m.peakMb.toFixed(0).padStart(8)}${target}`);
  }
}
