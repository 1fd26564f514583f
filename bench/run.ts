import { cpus, loadavg } from 'node:os';
import { botBenchmark } from './bot';
import { addinBenchmark } from './addin';
import { graphBenchmark } from './graph';
import { plannerBenchmark } from './planner';
import { remindersBenchmark } from './reminders';
import { serviceBenchmark } from './service';
import { tabBenchmark } from './tab';
import { simulateBenchmark } from './simulate';
import { twoProcessesBenchmark } from './twoProcesses';

/** Every benchmark of `npm run bench`, in order; add one by adding a line here. */
const benchmarks: [string, () => Promise<void>][] = [
  ['planner', plannerBenchmark],
  ['graph', graphBenchmark],
  ['service', serviceBenchmark],
  ['two-processes', twoProcessesBenchmark],
  ['bot', botBenchmark],
  ['reminders', remindersBenchmark],
  ['addin', addinBenchmark],
  ['tab', tabBenchmark],
  ['simulate', simulateBenchmark],
];

async function main(): Promise<void> {
  const only = process.argv[2];
  for (const [name, run] of benchmarks) {
    if (only && only !== name) continue;
    // The machine is shared: each benchmark says how busy it was as it started.
    console.log(`[${name}: ${new Date().toISOString().slice(11, 19)} UTC, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores]`);
    await run();
    console.log('');
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
