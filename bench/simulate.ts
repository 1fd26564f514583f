import path from 'node:path';
import { measureNode } from './measure';
import { scaled } from './harness/scale';

const cli = path.join(__dirname, '../bot/cli/main.js');

/**
 * `ehcp-review simulate` as a council runs it, timed as a child process (Node start-up
 * included): the two runs alone (--no-officer-search), the whole command (both runs, the
 * reminder effect halved and doubled, and the officer search), and all of England.
 */
export async function simulateBenchmark(): Promise<void> {
  console.log('Simulation (ehcp-review simulate, one year, synthetic caseload)');
  console.log('  plans    what                                               seconds  peak MB');
  const cases: [number, string, string[]][] = [
    [scaled(5_000, 50), 'four runs: without, with, effect halved and doubled', ['--no-officer-search']],
    [scaled(5_000, 50), 'whole command: + effect halved/doubled + officer search', []],
    // All of England, staffed like the default council (20 officers per 5,000 plans).
    [scaled(640_000, 100), 'four runs, all of England, 2,560 officers', ['--no-officer-search', '--officers', String(scaled(2560, 1))]],
  ];
  for (const [plans, what, extra] of cases) {
    const m = await measureNode(cli, ['simulate', '--plans', String(plans), '--format', 'json', ...extra]);
    console.log(`  ${String(plans).padStart(7)}  ${what.padEnd(52)} ${m.seconds.toFixed(1).padStart(7)} ${m.peakMb.toFixed(0).padStart(8)}`);
  }
  console.log('  target: 5,000 plans over a year in under 10 s');
}
