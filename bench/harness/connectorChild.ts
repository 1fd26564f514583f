import path from 'node:path';
import { startLineChild } from './lineChild';
import { repoRoot } from './service';

// Runs in the child: the built connector stand-in; any request is answered with the number of activities sent to it.
const CHILD = `
const { startConnectorServer } = require(process.argv[1]);
const readline = require('node:readline');
startConnectorServer().then((connector) => {
  process.stdout.write(JSON.stringify({ ready: connector.serviceUrl }) + '\\n');
  const lines = readline.createInterface({ input: process.stdin });
  lines.on('line', (line) => process.stdout.write(JSON.stringify({ id: JSON.parse(line).id, result: connector.sentActivities().length }) + '\\n'));
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
  const child = await startLineChild('the connector stand-in', CHILD, path.join(repoRoot, 'dist/testkit/bot-framework/connectorServer.js'));
  return { serviceUrl: child.ready as string, sent: () => child.request<number>({}), close: () => child.close() };
}
