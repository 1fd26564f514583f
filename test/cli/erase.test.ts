import { readAuditEntries } from '../../bot/store/auditSeal/childKeys';
import { openAuditVault } from '../../bot/store/auditSeal/vault';
import type { Db } from '../../bot/store/db';
import { openPglite } from '../../bot/store/openPglite';
import { pgliteDir } from '../../bot/store/openStore';
import { openTestStore, storeKinds } from '../../testkit/stores';
import { importRows, registerPeople } from '../support/fixtures';
import { cli } from './runCli';

describe.each(storeKinds)('ehcp-review erase on %s', (kind) => {
  it('says what would go and the confirmation, erases only with it, and refuses an unknown child, a missing reason or a wrong confirmation', async () => {
    const store = await openTestStore(kind);
    const people = await registerPeople(store.db);
    await importRows(store.db, people.officer, ['N-100,Ada Lovelace,north-school,2026-01-05,,2016-03-01,5,,,', 'N-200,Ben Okafor,north-school,2026-02-10,,2016-05-01,5,,,']);
    // PGlite is one opener's: the command opens the folder itself, the test looks afterwards.
    if (kind === 'pglite') await store.db.close();
    const env = { DATA_DIR: store.location.dataDir, ...(store.location.databaseUrl ? { DATABASE_URL: store.location.databaseUrl } : {}) };
    const run = (args: string[]) => cli(['erase', '--council', 'north-council', '--operator', 'dpo', ...args], { env });
    const inspect = async <T>(fn: (db: Db) => Promise<T>): Promise<T> => {
      if (kind === 'postgres') return fn(store.db);
      const db = await openPglite(pgliteDir(store.location.dataDir), { vault: await openAuditVault({ dataDir: store.location.dataDir }) });
      try {
        return await fn(db);
      } finally {
        await db.close();
      }
    };
    try {
      const reason = ['--reason', 'duplicate record created at import'];
      expect(await run(['--child', 'N-100'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--reason is required') });
      expect(await run(['--child', 'N-999', ...reason])).toMatchObject({ code: 2, stderr: expect.stringContaining('N-999') });
      const asked = await run(['--child', 'N-100', ...reason]);
      expect(asked).toMatchObject({ code: 0, stdout: expect.stringContaining('Nothing erased yet') });
      const confirmation = /--confirm (erase-[0-9a-f]{12})/.exec(asked.stdout)?.[1] as string;
      expect(confirmation).toBeDefined();
      expect(await run(['--child', 'N-100', ...reason, '--confirm', 'erase-000000000000'])).toMatchObject({ code: 2, stderr: expect.stringContaining('nothing was erased') });
      expect(await inspect((db) => db.query("select name from children where la_reference = 'N-100'"))).toEqual([{ name: 'Ada Lovelace' }]);

      const done = await run(['--child', 'N-100', ...reason, '--confirm', confirmation]);
      expect(done).toMatchObject({ code: 0, stdout: expect.stringMatching(/Erased N-100 of north-council: it is now erased-\d+/) });
      await inspect(async (db) => {
        expect(await db.query('select la_reference, name from children order by id')).toEqual([
          { la_reference: expect.stringMatching(/^erased-\d+$/), name: 'Erased child' },
          { la_reference: 'N-200', name: 'Ben Okafor' },
        ]);
        expect((await readAuditEntries(db, "action = 'child.erased'")).map((e) => [e.actor_user, e.entity])).toEqual([['cli:dpo', 'erasure']]);
        // The import's entry about the child keeps who and when; what it said is shredded.
        expect((await readAuditEntries(db, "action = 'child.imported'")).map((e) => e.erased ?? false)).toEqual([true, false]);
      });
    } finally {
      await store.dispose();
    }
    // Each command opens the store afresh (PGlite takes seconds to open on a busy machine).
  }, 180_000);
});
