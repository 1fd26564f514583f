import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrations } from '../../bot/store/migrations';
import { openPglite } from '../../bot/store/openPglite';
import { cli } from './runCli';

// Each test creates a PGlite store from nothing (twice or three times): slow on a busy machine.
jest.setTimeout(180_000);
// Versions are assigned per branch (PLAN.md), so the newest is not the count.
const newest = migrations.at(-1)?.version ?? 0;

describe('ehcp-review migrate', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ehcp-migrate-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the embedded store in the data folder and says which version it is at, twice alike', async () => {
    for (let run = 0; run < 2; run++) {
      const { code, stdout } = await cli(['migrate', '--data-dir', dir]);
      expect(code).toBe(0);
      expect(stdout).toBe(`PGlite (embedded) in ${path.join(dir, 'pglite')}: schema at version ${newest}\n`);
    }
  });

  it('refuses a store newer than this build with exit status 2 and what to do', async () => {
    await cli(['migrate', '--data-dir', dir]);
    const db = await openPglite(path.join(dir, 'pglite'));
    await db.query("insert into schema_migrations (version, name, checksum) values ($1, 'future', 'x')", [newest + 1]);
    await db.close();
    const { code, stderr } = await cli(['migrate', '--data-dir', dir]);
    expect(code).toBe(2);
    expect(stderr).toMatch(new RegExp(`schema version ${newest + 1}, newer than this build knows \\(${newest}\\); run the newer version`));
  });
});
