import { type RoundRobin, startRoundRobin } from './roundRobin';
import { type ServiceOptions, type ServiceProcess, startServiceProcess } from './service';

/** Several service processes on one PostgreSQL, behind one port. */
export interface Instances {
  /** The round robin's address: what clients use. */
  url: string;
  processes: ServiceProcess[];
  proxy: RoundRobin;
  /** SIGKILLs every process at once (the whole deployment down), then closes the proxy. */
  kill(): Promise<void>;
  /** Stops every process gracefully, then the proxy. */
  stop(): Promise<void>;
}

/**
 * `count` built services on the store of `options` (PostgreSQL: PGlite is one process's),
 * with the round robin in front. The first starts alone, so it alone migrates and seeds;
 * the others then start together, as a rolling deployment's would on a migrated database.
 */
export async function startInstances(count: number, options: ServiceOptions): Promise<Instances> {
  if (count > 1 && !options.databaseUrl) throw new Error('several service processes need PostgreSQL (DATABASE_URL): PGlite opens in one process only');
  const startAll = async () => {
    const first = await startServiceProcess(options);
    const rest = await Promise.all(Array.from({ length: count - 1 }, () => startServiceProcess(options)));
    return [first, ...rest];
  };
  const processes = await startAll();
  const proxy = await startRoundRobin(processes.map((p) => p.url));
  const instances: Instances = {
    url: proxy.url,
    processes,
    proxy,
    kill: async () => {
      // The proxy cuts the clients' connections as each process dies, then goes too.
      await Promise.all(processes.map((p) => p.kill()));
      await proxy.close();
    },
    stop: async () => {
      try {
        await Promise.all(processes.map((p) => p.stop()));
      } finally {
        await proxy.close();
      }
    },
  };
  return instances;
}
