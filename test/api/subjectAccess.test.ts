import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { graphAdviceStorage } from '../../bot/advice/storage';
import { exportChild } from '../../bot/app/subjectAccess/exportChild';
import { silentLogger } from '../../bot/log/logger';
import { registerOrganisation } from '../../bot/store/organisations';
import type { SeedDrive } from '../../testkit/graph-server/state';
import { cli } from '../cli/runCli';
import { CLIENT_ID, type Harness, startHarness, TENANT } from '../../testkit/graph-server/harness';
import { importRows, registerPeople, type People } from '../support/fixtures';
import { startTestService, type TestService } from '../../testkit/service';
import { openTestStore, storeKinds, type TestStore } from '../../testkit/stores';

const SITE = 'north.sharepoint.com,aa11,bb22';
const drive: SeedDrive = { id: 'b!northSenLibrary', siteId: SITE, items: [] };
const NOW = new Date('2026-11-16T10:00:00Z');
const ADVICE = Buffer.from('%PDF-1.7 speech and language advice for Ada');

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

/** Two children of North and one of South, with contacts, an invitation each and an access record. */
async function seed(db: TestStore['db']): Promise<{ people: People; ids: Record<string, string> }> {
  const people = await registerPeople(db);
  await db.transaction((tx) => registerOrganisation(tx, { id: 'north-council', kind: 'council', name: 'North Council', entraTenantId: TENANT }));
  const ids = await importRows(db, people.officer, ['N-100,Ada Lovelace,north-school,2026-01-05,,2016-03-01,5,,,', 'N-200,Ben Okafor,north-school,2026-02-10,,2016-05-01,5,,,']);
  await importRows(db, people.southOfficer, ['S-100,Cara Jones,south-school,2026-01-20,,2016-04-01,5,,,']);
  for (const [ref, parent] of [['N-100', 'Pat Lovelace'], ['N-200', 'Mo Okafor'], ['S-100', 'Sam Jones']] as const) {
    await db.query("insert into case_contacts (child_id, role, name, email) select id, 'parent', $2, 'family@home.example' from children where la_reference = $1", [ref, parent]);
    await db.query("insert into access_records (council_id, actor_user, face, action, la_reference) select council_id, 'officer', 'api', 'review.read', la_reference from children where la_reference = $1", [ref]);
  }
  return { people, ids };
}

describe.each(storeKinds)('the subject access export on %s', (kind) => {
  let store: TestStore;
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ graph: { drives: [drive], siteGrants: { [CLIENT_ID]: [SITE] } } });
  });
  afterAll(() => h?.close());
  beforeEach(async () => {
    store = await openTestStore(kind);
  });
  afterEach(() => store.dispose());

  it('holds every kind of record about the child, the advice file from SharePoint, matching hashes, and nothing about anyone else', async () => {
    const { people, ids } = await seed(store.db);
    const storage = graphAdviceStorage(() => h.appClient());
    const saved = await storage.save({ tenantId: TENANT, driveId: drive.id, path: ['EHCP reviews', 'N-100', 'Advice'] }, 'Speech and language.pdf', ADVICE, 'application/pdf');
    await store.db.query("insert into advice_items (review_id, from_role, author, received_on, drive_id, item_id, file_name) values ($1, 'health', 'Dr Heal', '2026-10-01', $2, $3, 'Speech and language.pdf')", [ids['N-100'], saved.driveId, saved.itemId]);

    const { zip, fileName, manifest } = await exportChild({ db: store.db, logger: silentLogger, storage, now: () => NOW }, { principal: people.manager, face: 'api' }, 'N-100');
    expect(fileName).toBe('subject-access-N-100-2026-11-16.zip');
    const files = unzipSync(zip);
    const names = Object.keys(files).sort();
    for (const kindFile of ['children', 'plans', 'review_cycles', 'case_contacts', 'invitations', 'advice_requests', 'advice_items', 'meetings', 'reports', 'decisions', 'amendments', 'letters_sent', 'decision_letters', 'representations', 'reminder_outbox', 'audit_log', 'access_records']) {
      expect(names).toContain(`${kindFile}.json`);
    }
    expect(names).toContain('summary.html');
    expect(names).toContain('manifest.json');
    const advicePath = names.find((n) => n.startsWith('files/advice-')) as string;
    expect(Buffer.from(files[advicePath] as Uint8Array)).toEqual(ADVICE);

    // The manifest names every other file with its size and SHA-256, and they match.
    expect(JSON.parse(text(files['manifest.json']))).toEqual(manifest);
    expect(manifest.files.map((f) => f.path).sort()).toEqual(names.filter((n) => n !== 'manifest.json'));
    for (const f of manifest.files) expect({ path: f.path, sha256: sha256(files[f.path] as Uint8Array), bytes: files[f.path]?.byteLength }).toEqual({ path: f.path, sha256: f.sha256, bytes: f.bytes });
    expect(manifest.notFetched).toEqual([]);

    const all = names.map((n) => text(files[n])).join('\n');
    expect(JSON.parse(text(files['children.json']))).toMatchObject([{ name: 'Ada Lovelace', la_reference: 'N-100' }]);
    expect(JSON.parse(text(files['case_contacts.json']))).toMatchObject([{ name: 'Pat Lovelace' }]);
    expect(JSON.parse(text(files['access_records.json']))).toHaveLength(1);
    // The audit entries come opened with the child's key (they are stored sealed), and without the sealed text.
    const audit = JSON.parse(text(files['audit_log.json'])) as { action: string; after: unknown; sealed?: unknown }[];
    expect(audit.find((a) => a.action === 'child.imported')).toMatchObject({ after: { childName: 'Ada Lovelace' } });
    expect(audit.every((a) => a.sealed === undefined)).toBe(true);
    expect(text(files['summary.html'])).toContain('Records held about Ada Lovelace (N-100)');
    for (const other of ['Ben Okafor', 'N-200', 'Mo Okafor', 'Cara Jones', 'S-100', 'Sam Jones', ids['N-200'] as string]) expect(all).not.toContain(other);

    // The export is audited, and is itself an access record about the child.
    expect(await store.db.query("select actor_user, a.entity_id = c.id::text as by_child_id from audit_log a join children c on c.la_reference = 'N-100' where action = 'child.subject-access-exported'")).toEqual([{ actor_user: 'manager', by_child_id: true }]);
    expect(await store.db.query("select actor_user, face, action from access_records where la_reference = 'N-100' order by id")).toEqual([
      { actor_user: 'officer', face: 'api', action: 'review.read' },
      { actor_user: 'manager', face: 'api', action: 'case.exported' },
    ]);
  });

  it('lists a file it cannot fetch with the reason, and refuses an unknown child, another council’s child and anyone but the LA manager, writing nothing', async () => {
    const { people, ids } = await seed(store.db);
    await store.db.query("insert into advice_items (review_id, from_role, received_on, drive_id, item_id, file_name) values ($1, 'health', '2026-10-01', 'b!northSenLibrary', '01MISSING', 'Lost.pdf')", [ids['N-100']]);
    const { manifest } = await exportChild({ db: store.db, logger: silentLogger, now: () => NOW }, { principal: people.manager, face: 'api' }, 'N-100');
    expect(manifest.notFetched).toEqual([expect.objectContaining({ kind: 'advice', fileName: 'Lost.pdf', driveId: 'b!northSenLibrary', itemId: '01MISSING', reason: expect.stringContaining('no Graph settings') })]);

    const before = await store.db.query('select count(*)::int as n from audit_log');
    const deps = { db: store.db, logger: silentLogger, now: () => NOW };
    await expect(exportChild(deps, { principal: people.manager, face: 'api' }, 'N-999')).rejects.toMatchObject({ code: 'not-found' });
    await expect(exportChild(deps, { principal: people.manager, face: 'api' }, 'S-100')).rejects.toMatchObject({ code: 'not-found' });
    await expect(exportChild(deps, { principal: people.officer, face: 'api' }, 'N-100')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(exportChild(deps, { principal: people.manager, face: 'api' }, 'bad ref')).rejects.toMatchObject({ code: 'invalid-input' });
    expect(await store.db.query('select count(*)::int as n from audit_log')).toEqual(before);
  });
});

describe.each(storeKinds)('GET /api/children/{laReference}/subject-access on %s', (kind) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService(kind, async (db) => {
      await seed(db);
    });
  });
  afterAll(() => svc?.stop());

  it('answers the LA manager with the zip, and 404/403 otherwise', async () => {
    const manager = await svc.token('la-manager', 'north-council', 'manager');
    const res = await fetch(`${svc.url}/api/children/N-100/subject-access`, { headers: { authorization: `Bearer ${manager}`, 'x-ehcp-face': 'tab' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="subject-access-N-100-\d{4}-\d{2}-\d{2}\.zip"$/);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(JSON.parse(text(files['children.json']))).toMatchObject([{ la_reference: 'N-100' }]);
    expect((await svc.call('GET', '/api/children/S-100/subject-access', { token: manager })).status).toBe(404);
    expect((await svc.call('GET', '/api/children/N-100/subject-access', { token: await svc.token('la-officer', 'north-council', 'officer') })).status).toBe(403);
    expect(await svc.service.db.query("select face from access_records where action = 'case.exported'")).toEqual([{ face: 'tab' }]);
  });
});

// The command opens the store itself; on PostgreSQL it runs beside the test's own connection.
const cliKinds = process.env.TEST_DATABASE_URL ? (['postgres'] as const) : [];
describe.each(cliKinds)('ehcp-review export on %s', (kind) => {
  it('writes the zip for one child, names what it wrote, and refuses an unknown child or missing options', async () => {
    const store = await openTestStore(kind);
    const dir = mkdtempSync(path.join(tmpdir(), 'ehcp-sar-'));
    try {
      await seed(store.db);
      const env = { DATABASE_URL: store.location.databaseUrl as string, DATA_DIR: store.location.dataDir };
      const out = path.join(dir, 'n100.zip');
      const done = await cli(['export', '--child', 'N-100', '--council', 'north-council', '--out', out, '--operator', 'dpo'], { env });
      expect(done).toMatchObject({ code: 0, stdout: expect.stringContaining('Exported N-100 of north-council') });
      const files = unzipSync(new Uint8Array(readFileSync(out)));
      expect(JSON.parse(text(files['manifest.json']))).toMatchObject({ laReference: 'N-100', exportedBy: 'cli:dpo' });
      const unknown = await cli(['export', '--child', 'N-999', '--council', 'north-council', '--out', out], { env });
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('N-999 was not found');
      const missing = await cli(['export', '--child', 'N-100'], { env });
      expect(missing.stderr).toContain('--council, --out are required');
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await store.dispose();
    }
  });
});
