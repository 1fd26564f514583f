import type { Role } from '../bot/auth';
import { signDevToken } from '../bot/auth';
import type { Db, DbKind } from '../bot/store/db';
import { type Instances, startInstances } from '../bench/harness/instances';
import { killAllServices } from '../bench/harness/service';
import { jsonCaller, startTestService, TEST_CLOCK_START, type TestService } from './service';
import { openTestStore, storeKinds } from './stores';

/**
 * How an API test's service runs: in the test's process on one store, or as two built
 * service processes on one PostgreSQL behind one round-robin port (bench/harness/roundRobin.ts),
 * each request to the next process, as behind a council's load balancer.
 */
export type ServiceShape = DbKind | 'two processes on postgres';

/** Every shape an API test runs in: the stores of {@link storeKinds}, and two processes when PostgreSQL is there. */
export const serviceShapes: ServiceShape[] = [...storeKinds, ...(process.env.TEST_DATABASE_URL ? (['two processes on postgres'] as const) : [])];

/** What an API test needs of its service, whatever its shape. */
export interface ApiUnderTest extends Pick<TestService, 'url' | 'dataDir' | 'token' | 'call' | 'stop'> {
  /** The store, for what the test checks was (or was not) written. */
  db: Db;
}

/**
 * {@link startTestService} in the given shape. Two processes cannot take the in-process
 * options (a logger, a mailer): only `now`, given to them as CLOCK_START, so their clock
 * starts where the in-process one stands.
 */
export async function startServiceShape(shape: ServiceShape, prepare: (db: Db) => Promise<void> = async () => {}, env: Record<string, string> = {}, options: { now?: () => Date } = {}): Promise<ApiUnderTest> {
  if (shape !== 'two processes on postgres') {
    const svc = await startTestService(shape, prepare, env, options);
    return { ...svc, db: svc.service.db, stop: () => svc.stop() };
  }
  const store = await openTestStore('postgres');
  let instances: Instances;
  try {
    await prepare(store.db);
    instances = await startInstances(2, {
      dataDir: store.location.dataDir,
      databaseUrl: store.location.databaseUrl,
      env: { SEED_DEMO: 'false', CLOCK_START: options.now ? options.now().toISOString() : TEST_CLOCK_START, ...env },
    });
  } catch (error) {
    await killAllServices();
    await store.dispose();
    throw error;
  }
  return {
    url: instances.url,
    dataDir: store.location.dataDir,
    db: store.db,
    token: (role: Role, orgId: string, userId?: string) => signDevToken({ dataDir: store.location.dataDir, role, orgId, userId }),
    call: jsonCaller(instances.url),
    async stop() {
      try {
        await instances.stop();
      } finally {
        await store.dispose();
      }
    },
  };
}
