import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';

/**
 * The planner's baseline: reads a CSV file and writes the same bytes, record by
 * record (split at line ends, as any CSV tool must), with the same 1 MiB reads and
 * batched writes as the planner. `--raw` copies whole chunks without splitting.
 * Usage: node copyBaseline.js IN OUT [--raw]
 */
async function main(): Promise<void> {
  const [input, output, mode] = process.argv.slice(2);
  if (!input || !output) throw new Error('usage: copyBaseline IN OUT [--raw]');
  const out = createWriteStream(output);
  let carry = '';
  let pending = '';
  for await (const chunk of createReadStream(input, { highWaterMark: 1 << 20 })) {
    if (mode === '--raw') {
      if (!out.write(chunk)) await once(out, 'drain');
      continue;
    }
    const text = carry + (chunk as Buffer).toString('utf8');
    let pos = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', pos)) {
      pending += `${text.slice(pos, nl)}\n`;
      pos = nl + 1;
    }
    carry = text.slice(pos);
    if (pending.length > 1 << 16) {
      if (!out.write(pending)) await once(out, 'drain');
      pending = '';
    }
  }
  out.end(pending + carry);
  await once(out, 'close');
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
