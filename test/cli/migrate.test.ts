import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrations } from '../../bot/store/migrations';
import { openPglite } from '../../bot/store/openPglite';
import { cli } from './runCli';

// The newest migration this build knows; written from the list so each new migration does not break these tests.
const latest = migrations.length;

// Each case starts a cold process (the service seeds the demo on PGlite): about 45 s when
// the shared 2-core machine is busy, past jest's default 30 s.
jest.setTimeout(180_000);

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
      expect(stdout).toBe(`PGlite (embedded) in ${path.join(dir, 'pglite')}: schema at version ${latest}\n`);
    }
  });

  it('refuses a store newer than this build with exit status 2 and what to do', async () => {
    await cli(['migrate', '--data-dir', dir]);
    const db = await openPglite(path.join(dir, 'pglite'));
    await db.query("insert into schema_migrations (version, name, checksum) values ($1, 'future', 'x')", [latest + 1]);
    await db.close();
    const { code, stderr } = await cli(['migrate', '--data-dir', dir]);
    expect(code).toBe(2);
    expect(stderr).toContain(`schema version ${latest + 1}, newer than this build knows (${latest}); run the newer version`);
  });
});
