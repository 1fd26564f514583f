import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot } from './service';

// Runs in the child: the built connector stand-in; a line "count" in, the number of activities sent out.
const CHILD = `
const { startConnectorServer } = require(process.argv[1]);
const readline = require('node:readline');
startConnectorServer().then((connector) => {
  process.stdout.write(JSON.stringify({ serviceUrl: connector.serviceUrl }) + '\\n');
  const lines = readline.createInterface({ input: process.stdin });
  lines.on('line', () => process.stdout.write(JSON.stringify({ sent: connector.sentActivities().length }) + '\\n'));
  lines.on('close', () => connector.close().then(() => process.exit(0)));
}, (error) => { process.stderr.write(error.message); process.exit(1); });
`;

/** The connector stand-in in its own process: what it costs to receive a reply is Microsoft's, not the service's. */
export interface ConnectorChild {
  serviceUrl: string;
  /** How many activities the connector has received. */
  sent(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Starts testkit's Bot Connector stand-in in a child Node process. The bot benchmark runs
 * the service in its own process beside the load generator, as the read it is compared with
 * does; with the connector there too, every reply was also parsed and recorded on the
 * service's one thread (#21: a third of a turn's CPU was the reply, both ends of it).
 */
export async function startConnectorChild(): Promise<ConnectorChild> {
  const module = path.join(repoRoot, 'dist/testkit/bot-framework/connectorServer.js');
  if (!existsSync(module)) throw new Error(`${module} is missing: run \`npm run build\` first.`);
  const child = spawn(process.execPath, ['-e', CHILD, module], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += String(d);
  });
  const lines = createInterface({ input: child.stdout });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      waiting.push(resolve);
      child.once('exit', (code) => reject(new Error(`the connector stand-in exited (${code}): ${stderr.slice(0, 300)}`)));
    });
  const { serviceUrl } = JSON.parse(await nextLine()) as { serviceUrl: string };
  return {
    serviceUrl,
    async sent() {
      const answer = nextLine();
      child.stdin.write('count\n');
      return (JSON.parse(await answer) as { sent: number }).sent;
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
}
