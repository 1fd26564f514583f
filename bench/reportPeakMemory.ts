import { writeFileSync } from 'node:fs';

// Preloaded (node --require) into a benchmarked child: writes its peak resident
// memory in kB to the file named by BENCH_RSS_FILE when it exits.
const target = process.env.BENCH_RSS_FILE;
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
