import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { Logger } from '../../bot/log/logger';
import { openTestStore, type TestStore } from '../../testkit/stores';
import { adminSocketPath, MAX_SOCKET_PATH_BYTES, refuseIfInUse, startAdminSocket } from '../../bot/server/adminSocket';

const warnings: string[] = [];
const logger: Logger = { info: () => {}, warn: (m) => void warnings.push(m), error: () => {} };

function get(socketPath: string, urlPath: string): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path: urlPath }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the operator socket in the data folder', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore('pglite');
  }, 60_000);
  afterAll(() => store.dispose());

  test('answers GET /backup with the store as a gzipped tar and its SHA-256, only to its owner, and refuses a second service', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ehcp-admin-'));
    try {
      const admin = await startAdminSocket(store.db, dataDir, logger);
      const socket = adminSocketPath(dataDir);
      const backup = await get(socket, '/backup');
      expect(backup.status).toBe(200);
      expect(backup.headers['content-type']).toBe('application/gzip');
      expect(backup.body.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
      expect(backup.headers['x-sha256']).toBe(createHash('sha256').update(backup.body).digest('hex'));
      expect(Number(backup.headers['x-schema-version'])).toBeGreaterThan(0);
      expect((await get(socket, '/anything')).status).toBe(404);
      expect((await import('node:fs')).statSync(socket).mode & 0o777).toBe(0o600);
      await expect(refuseIfInUse(dataDir)).rejects.toThrow(/Another service is running on the data folder/);
      await admin.close();
      expect(existsSync(socket)).toBe(false);
      await expect(refuseIfInUse(dataDir)).resolves.toBeUndefined();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('a data folder too deep for a Unix socket gets none (Node would put it at a cut path elsewhere)', async () => {
    const base = mkdtempSync(path.join(tmpdir(), 'ehcp-deep-'));
    const deep = path.join(base, 'd'.repeat(MAX_SOCKET_PATH_BYTES));
    mkdirSync(deep);
    try {
      const admin = await startAdminSocket(store.db, deep, logger);
      expect(warnings.at(-1)).toMatch(/the data folder path is too long/);
      expect(readdirSync(deep)).toEqual([]);
      expect(readdirSync(base)).toEqual([path.basename(deep)]);
      await admin.close();
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
