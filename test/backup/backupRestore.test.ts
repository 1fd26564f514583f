import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { signDevToken } from '../../bot/auth';
import { migrations } from '../../bot/store/migrations';
import { openPostgres, withSearchPath } from '../../bot/store/openPostgres';
import { TEST_CLOCK_START, TEST_TODAY } from '../../testkit/service';
import { caseloadCsv, caseloadRow, issuedNineMonthsAgo } from '../../bench/harness/caseload';
import { createHttpClient } from '../../bench/harness/http';
import { openPgliteInChild } from '../../bench/harness/pgliteChild';
import { killAllServices, repoRoot, startServiceProcess } from '../../bench/harness/service';
import { defaultPostgresUrl, pgliteTarget, postgresTarget, type StoreTarget } from '../../bench/harness/stores';
import { pgliteDir } from '../../bot/store/openStore';

const run = promisify(execFile);
const cli = path.join(repoRoot, 'dist', 'bot', 'cli', 'main.js');
const NEWEST = migrations.at(-1)?.version;

interface Load {
  /** References whose import was acknowledged (200) before the backup began. */
  ackedBefore: string[];
  ackedTotal: number;
  stop(): Promise<void>;
}

/**
 * Imports one new child at a time, as fast as the service acknowledges, until stopped: each
 * acknowledged import is a committed write the backup must keep if it was acknowledged
 * before the backup began.
 */
function writeLoad(url: string, token: string, today: string, backupStarted: () => boolean): Load {
  const client = createHttpClient(url, token, 4);
  const acked: { ref: string; beforeBackup: boolean }[] = [];
  let stopping = false;
  const lanes = Array.from({ length: 4 }, async (_, lane) => {
    for (let i = 0; !stopping; i++) {
      const ref = `BK-${lane}-${i}`;
      const answer = await client.send('POST', '/api/caseload/import', { body: caseloadCsv([caseloadRow(ref, i, issuedNineMonthsAgo(today), today)]), contentType: 'text/csv' });
      const startedBefore = !backupStarted();
      if (answer.status !== 200) throw new Error(`import of ${ref} answered ${answer.status}: ${answer.text}`);
      acked.push({ ref, beforeBackup: startedBefore });
    }
  });
  return {
    get ackedBefore() {
      return acked.filter((a) => a.beforeBackup).map((a) => a.ref);
    },
    get ackedTotal() {
      return acked.length;
    },
    async stop() {
      stopping = true;
      await Promise.all(lanes);
      client.close();
    },
  };
}

async function waitFor(check: () => boolean, ms = 60_000) {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Checks a restored store: every write acknowledged before the backup, whole, at this build's schema. */
async function expectRestored(query: (sql: string) => Promise<Record<string, unknown>[]>, ackedBefore: string[]) {
  const [version] = await query('select max(version)::int as v from schema_migrations');
  expect(version?.v).toBe(NEWEST);
  const rows = await query(
    "select c.la_reference as ref, count(r.id)::int as reviews from children c join plans p on p.child_id = c.id left join review_cycles r on r.plan_id = p.id where c.la_reference like 'BK-%' group by c.la_reference",
  );
  const restored = new Map(rows.map((r) => [r.ref as string, r.reviews as number]));
  expect(ackedBefore.filter((ref) => !restored.has(ref))).toEqual([]);
  // An import writes the plan and its review in one transaction: no plan came back without its review.
  expect([...restored.entries()].filter(([, reviews]) => reviews !== 1)).toEqual([]);
}

describe('backup and restore while the service takes writes', () => {
  afterAll(() => killAllServices());

  test('embedded store: ehcp-review backup from the running service, restore into a new folder', async () => {
    const target: StoreTarget = pgliteTarget('ehcp-backup');
    const restoreDir = mkdtempSync(path.join(tmpdir(), 'ehcp-restore-'));
    const file = path.join(target.dataDir, '..', `${path.basename(target.dataDir)}.tar.gz`);
    try {
      const today = TEST_TODAY;
      const token = await signDevToken({ dataDir: target.dataDir, role: 'la-officer', orgId: 'demo-council', userId: 'backup-officer' });
      const service = await startServiceProcess({ dataDir: target.dataDir, startTimeoutMs: 120_000, env: { CLOCK_START: TEST_CLOCK_START } });
      let started = false;
      const load = writeLoad(service.url, token, today, () => started);
      await waitFor(() => load.ackedTotal >= 20);
      started = true;
      const before = load.ackedBefore;
      const backup = await run(process.execPath, [cli, 'backup', '--out', file, '--data-dir', target.dataDir]);
      expect(backup.stdout).toMatch(/from the running service .*schema version \d+/);
      // Writes carried on during the backup.
      const during = load.ackedTotal;
      await waitFor(() => load.ackedTotal > during + 2);
      await load.stop();
      // The same data folder cannot be opened by a second service while the first runs.
      await expect(startServiceProcess({ dataDir: target.dataDir, startTimeoutMs: 60_000 })).rejects.toThrow(/Another service is running on the data folder/);
      await service.stop();
      expect(existsSync(path.join(target.dataDir, 'admin.sock'))).toBe(false);

      // The audit entries about children are sealed under the old folder's key: without it the restore is refused and leaves nothing.
      await expect(run(process.execPath, [cli, 'restore', '--from', file, '--data-dir', restoreDir])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--audit-key OLD_DATA_DIR/audit-key') });
      expect(existsSync(pgliteDir(restoreDir))).toBe(false);
      const restored = await run(process.execPath, [cli, 'restore', '--from', file, '--data-dir', restoreDir, '--audit-key', path.join(target.dataDir, 'audit-key')]);
      expect(restored.stdout).toContain(`schema version ${NEWEST}`);
      expect(readFileSync(path.join(restoreDir, 'audit-key'), 'utf8')).toBe(readFileSync(path.join(target.dataDir, 'audit-key'), 'utf8'));
      const db = await openPgliteInChild(pgliteDir(restoreDir));
      try {
        await expectRestored((sql) => db.query(sql), before);
      } finally {
        await db.close();
      }
      // A restore never overwrites a store.
      await expect(run(process.execPath, [cli, 'restore', '--from', file, '--data-dir', restoreDir, '--audit-key', path.join(target.dataDir, 'audit-key')])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('already holds a database') });
    } finally {
      rmSync(file, { force: true });
      rmSync(restoreDir, { recursive: true, force: true });
      await target.dispose();
    }
  }, 300_000);

  const postgresUrl = process.env.TEST_DATABASE_URL;
  (postgresUrl ? test : test.skip)('PostgreSQL: pg_dump mid-load and pg_restore into a new database', async () => {
    const url = postgresUrl ?? defaultPostgresUrl;
    const target = await postgresTarget(url, 'ehcp_backup');
    const schema = new URL(target.databaseUrl as string).searchParams.get('options')?.match(/search_path=([a-z0-9_]+)/)?.[1];
    const database = `ehcp_restore_${process.pid}_${randomBytes(3).toString('hex')}`;
    const file = path.join(target.dataDir, 'dump.pgc');
    const admin = new Client({ connectionString: url });
    await admin.connect();
    try {
      expect(schema).toBeTruthy();
      const today = TEST_TODAY;
      const token = await signDevToken({ dataDir: target.dataDir, role: 'la-officer', orgId: 'demo-council', userId: 'backup-officer' });
      const service = await startServiceProcess({ dataDir: target.dataDir, databaseUrl: target.databaseUrl, startTimeoutMs: 120_000, env: { CLOCK_START: TEST_CLOCK_START } });
      let started = false;
      const load = writeLoad(service.url, token, today, () => started);
      await waitFor(() => load.ackedTotal >= 20);
      started = true;
      const before = load.ackedBefore;
      // The documented path (docs/deploy.md): a consistent snapshot while writes go on.
      await run('pg_dump', ['--format=custom', `--schema=${schema}`, `--file=${file}`, url]);
      await load.stop();
      await service.stop();
      await admin.query(`create database ${database}`);
      const restoredUrl = new URL(url);
      restoredUrl.pathname = `/${database}`;
      await run('pg_restore', ['--no-owner', `--dbname=${restoredUrl.toString()}`, file]);
      const db = await openPostgres(withSearchPath(restoredUrl.toString(), schema as string), { maxConnections: 1 });
      try {
        await expectRestored((sql) => db.query(sql), before);
      } finally {
        await db.close();
      }
    } finally {
      await admin.query(`drop database if exists ${database} with (force)`).catch(() => undefined);
      await admin.end();
      await target.dispose();
    }
  }, 300_000);
});
