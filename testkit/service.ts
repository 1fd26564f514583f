import type { Role } from '../bot/auth';
import { signDevToken } from '../bot/auth';
import { loadConfig } from '../bot/config/env';
import type { Db, DbKind } from '../bot/store/db';
import { silentLogger } from '../bot/log/logger';
import { type RunningService, type StartServiceOptions, startService } from '../bot/server/startService';
import { openTestStore } from './stores';

/**
 * The moment every test service's clock starts from unless a test sets its own (an `options.now`
 * or CLOCK_START): a Monday in term, so a test's "today" is the same whatever day it runs.
 */
export const TEST_CLOCK_START = '2026-12-07T10:00:00Z';

/** Today in London on the test clock, for seeding the data a test's service reads. */
export const TEST_TODAY = '2026-12-07';

export interface TestService {
  url: string;
  dataDir: string;
  service: RunningService;
  /** A development token for the service's key. */
  token(role: Role, orgId: string, userId?: string): Promise<string>;
  /** JSON request with a bearer token; answers status, headers and parsed body. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read the JSON bodies they assert on without restating every response type.
  call(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; headers: Headers; body: any }>;
  stop(): Promise<void>;
}

/**
 * The real service (express, dev auth, the store) in this process on a free port, over a
 * fresh store that `prepare` fills first. `env` adds settings (e.g. AUTH_MODE=entra);
 * `options` gives the service a logger or a mailer on the local Graph. The clock is fixed
 * ({@link TEST_CLOCK_START}) unless the test gives one.
 */
export async function startTestService(
  kind: DbKind,
  prepare: (db: Db) => Promise<void> = async () => {},
  env: Record<string, string> = {},
  options: StartServiceOptions = {},
): Promise<TestService> {
  const store = await openTestStore(kind);
  try {
    await prepare(store.db);
  } finally {
    // The service opens the store itself; PGlite allows one opener at a time.
    await store.db.close();
  }
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: store.location.dataDir, DATABASE_URL: store.location.databaseUrl, SEED_DEMO: 'false', LOG_LEVEL: 'warn', REMINDERS: 'off', ...(options.now ? {} : { CLOCK_START: TEST_CLOCK_START }), ...(store.location.databaseUrl ? { AUTH_MODE: 'dev' } : {}), ...env });
  const service = await startService(config, { logger: silentLogger, ...options });
  const call = jsonCaller(service.url);
  return {
    url: service.url,
    dataDir: store.location.dataDir,
    service,
    token: (role, orgId, userId) => signDevToken({ dataDir: store.location.dataDir, role, orgId, userId }),
    call,
    async stop() {
      await service.stop();
      await store.dispose();
    },
  };
}

/** `TestService.call` for the service at `baseUrl`: JSON in and out, with a bearer token. */
export function jsonCaller(baseUrl: string): TestService['call'] {
  return async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (typeof options.body === 'string') body = options.body;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json')) parsed = text ? JSON.parse(text) : null;
    return { status: res.status, headers: res.headers, body: parsed };
  };
}
