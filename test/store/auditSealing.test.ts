import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readAuditEntries } from '../../bot/store/auditSeal/childKeys';
import { openAuditVault, seal, unseal, vaultFromKey } from '../../bot/store/auditSeal/vault';
import type { Db, DbKind } from '../../bot/store/db';
import { migrate, schemaVersion } from '../../bot/store/migrate';
import { migrations } from '../../bot/store/migrations';
import { openPglite } from '../../bot/store/openPglite';
import { openPostgres, withSearchPath } from '../../bot/store/openPostgres';
import { storeKinds } from '../../testkit/stores';

describe('sealing under a key (AES-256-GCM)', () => {
  it('opens what it sealed, and refuses another key, another child or an altered value', () => {
    const key = randomBytes(32);
    const sealed = seal(key, '{"name":"Ada Lovelace"}', 'audit:7');
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+$/);
    expect(sealed).not.toContain('Ada');
    expect(unseal(key, sealed, 'audit:7')).toBe('{"name":"Ada Lovelace"}');
    expect(() => unseal(randomBytes(32), sealed, 'audit:7')).toThrow();
    expect(() => unseal(key, sealed, 'audit:8')).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('{"name":"Eve"}').toString('base64');
    expect(() => unseal(key, parts.join('.'), 'audit:7')).toThrow();
  });

  it('refuses a service key that is not 32 bytes, and says how to make one; a wrong one says which key to use', () => {
    expect(() => vaultFromKey(Buffer.alloc(16))).toThrow(/32 bytes written in base64.*openssl rand -base64 32/);
    const wrapped = vaultFromKey(randomBytes(32)).wrap(randomBytes(32), '7');
    expect(() => vaultFromKey(randomBytes(32)).unwrap(wrapped, '7')).toThrow(/not the one this store’s child keys were wrapped with/);
  });

  it('keeps the data folder’s key across opens, and AUDIT_KEY wins over it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ehcp-vault-'));
    try {
      const data = randomBytes(32);
      const wrapped = (await openAuditVault({ dataDir: dir })).wrap(data, '1');
      expect((await openAuditVault({ dataDir: dir })).unwrap(wrapped, '1')).toEqual(data);
      const given = randomBytes(32).toString('base64');
      expect(() => vaultFromKey(Buffer.from(given, 'base64')).unwrap(wrapped, '1')).toThrow();
      const fromEnv = await openAuditVault({ dataDir: dir, auditKey: given });
      expect(fromEnv.unwrap(fromEnv.wrap(data, '1'), '1')).toEqual(data);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A store at schema 330 (before crypto-shredding), opened with or without its audit key. */
async function storeAt330(kind: DbKind) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ehcp-seal-'));
  const before340 = migrations.filter((m) => m.version < 340);
  if (kind === 'pglite') {
    const open = async (withKey: boolean) => openPglite(path.join(dataDir, 'pglite'), withKey ? { vault: await openAuditVault({ dataDir }) } : {});
    const db = await open(false);
    await migrate(db, before340);
    return { db, reopen: async (withKey: boolean) => open(withKey), dispose: () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const base = process.env.TEST_DATABASE_URL as string;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = await openPostgres(base, { maxConnections: 1 });
  await admin.query(`create schema ${schema}`);
  const open = async (withKey: boolean) => openPostgres(withSearchPath(base, schema), withKey ? { vault: await openAuditVault({ dataDir }) } : {});
  const db = await open(false);
  await migrate(db, before340);
  return {
    db,
    reopen: open,
    async dispose() {
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describe.each(storeKinds)('migration 340 seals the audit entries written before it, on %s', (kind) => {
  it('seals each child’s entries under their key and re-keys them to the child’s id, drops the details of children no longer held, leaves the rest, and needs the key to run', async () => {
    const store = await storeAt330(kind);
    let db: Db = store.db;
    try {
      await db.exec(`
        insert into organisations (id, kind, name) values ('north-council', 'council', 'North Council');
        insert into children (council_id, la_reference, name, date_of_birth) values ('north-council', 'N-1', 'Ada Lovelace', '2016-03-01');
        insert into plans (child_id, issued_on) select id, '2026-01-05' from children;
        insert into review_cycles (id, plan_id, council_id, review_deadline, latest_meeting_date) select 'rev-1', id, 'north-council', '2027-01-04', '2026-12-01' from plans;
        insert into audit_log (actor_org, actor_user, actor_role, action, entity, entity_id, before, after) values
          ('north-council', 'officer', 'la-officer', 'child.imported', 'child', 'N-1', null, '{"childName": "Ada Lovelace"}'),
          ('north-council', 'senco', 'senco', 'contacts.replaced', 'child', (select id::text from children), '[]', '[{"name": "Pat Lovelace", "email": "pat@home.example"}]'),
          ('north-council', 'senco', 'senco', 'meeting.booked', 'review', 'rev-1', null, '{"invitees": [{"email": "pat@home.example"}]}'),
          ('north-council', 'officer', 'la-officer', 'child.imported', 'child', 'GONE-1', null, '{"childName": "Gone Child"}'),
          ('north-council', 'manager', 'la-manager', 'council-settings.replaced', 'council', 'north-council', null, '{"signatory": "Sam Manager"}');
      `);
      const rowsBefore = await db.query('select id, at, actor_user, action from audit_log order by id');

      // Without the key the migration cannot seal: it stops, and nothing of it stays.
      await expect(migrate(db)).rejects.toThrow(/Migration 340 seals the existing audit entries and needs the audit key/);
      expect(await schemaVersion(db)).toBe(330);
      expect(JSON.stringify(await db.query('select * from audit_log'))).toContain('Ada Lovelace');

      await db.close();
      db = await store.reopen(true);
      await migrate(db);
      expect(await schemaVersion(db)).toBe(migrations.at(-1)?.version);
      const stored = JSON.stringify(await db.query('select * from audit_log'));
      for (const personal of ['Ada Lovelace', 'Pat Lovelace', 'pat@home.example', 'Gone Child', '"N-1"']) expect(stored).not.toContain(personal);
      expect(stored).toContain('Sam Manager');
      // Who, what and when are as written; the child's entries now name the child's row id.
      expect(await db.query('select id, at, actor_user, action from audit_log order by id')).toEqual(rowsBefore);
      const childId = (await db.query<{ id: string }>('select id::text from children'))[0]?.id;
      const opened = await readAuditEntries(db, 'true');
      expect(opened.map((e) => [e.action, e.entity_id, e.after])).toEqual([
        ['child.imported', childId, { childName: 'Ada Lovelace' }],
        ['contacts.replaced', childId, [{ name: 'Pat Lovelace', email: 'pat@home.example' }]],
        ['meeting.booked', 'rev-1', { invitees: [{ email: 'pat@home.example' }] }],
        ['child.imported', 'GONE-1', null],
        ['council-settings.replaced', 'north-council', { signatory: 'Sam Manager' }],
      ]);
      // The log is append-only again.
      await expect(db.query("update audit_log set action = 'forged'")).rejects.toThrow(/append-only: UPDATE/);
    } finally {
      await db.close();
      await store.dispose();
    }
  });
});
