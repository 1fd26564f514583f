import { Pool, types } from 'pg';
import { DATE_OID, type Db, type Queryable } from './db';

/** Serialisation failures and deadlocks: PostgreSQL asks the client to run the whole transaction again. */
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 5;

/**
 * Connects to a PostgreSQL server (`DATABASE_URL`). A schema can be chosen in the URL
 * with `?options=-c%20search_path%3Dname`, which the tests use to isolate themselves.
 */
export async function openPostgres(connectionString: string, options: { maxConnections?: number } = {}): Promise<Db> {
  const pool = new Pool({
    connectionString,
    max: options.maxConnections ?? 20,
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === DATE_OID ? (value: string) => value : types.getTypeParser(oid, format))) as typeof types.getTypeParser },
  });
  // An idle client losing its server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const client = await pool.connect().catch((error: unknown) => {
    void pool.end();
    throw new Error(`Cannot reach PostgreSQL at ${redactUrl(connectionString)}: ${(error as Error).message}. Check DATABASE_URL and that the server is running.`);
  });
  client.release();

  const query = async <T>(sql: string, params?: readonly unknown[]) => (await pool.query(sql, params as unknown[] | undefined)).rows as T[];
  let closed: Promise<void> | undefined;
  return {
    kind: 'postgres',
    query,
    exec: async (sql) => {
      await pool.query(sql);
    },
    async transaction(fn) {
      for (let attempt = 1; ; attempt++) {
        const conn = await pool.connect();
        const tx: Queryable = {
          query: async (sql, params) => (await conn.query(sql, params as unknown[] | undefined)).rows,
          exec: async (sql) => {
            await conn.query(sql);
          },
        };
        try {
          await conn.query('BEGIN');
          const result = await fn(tx);
          await conn.query('COMMIT');
          conn.release();
          return result;
        } catch (error) {
          await conn.query('ROLLBACK').catch(() => {});
          conn.release();
          const code = (error as { code?: string }).code;
          if (!code || !RETRYABLE.has(code) || attempt >= MAX_ATTEMPTS) throw error;
        }
      }
    },
    close: () => {
      closed ??= pool.end();
      return closed;
    },
  };
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
