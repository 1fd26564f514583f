import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { graphAdviceStorage } from '../../bot/advice/storage';
import { drainGraphDeletions } from '../../bot/app/retention/deleteFiles';
import { applyRetentionEverywhere } from '../../bot/app/retention/runRetention';
import { runDailyPass } from '../../bot/store/reminders/dailyPass';
import { readAuditEntries } from '../../bot/store/auditSeal/childKeys';
import type { Db, Queryable } from '../../bot/store/db';
import type { Logger } from '../../bot/log/logger';
import { registerOrganisation } from '../../bot/store/organisations';
import { CLIENT_ID, type Harness, startHarness, TENANT } from '../../testkit/graph-server/harness';
import type { SeedDrive } from '../../testkit/graph-server/state';
import { startTestService, type TestService } from '../../testkit/service';
import { storeKinds } from '../../testkit/stores';
import { booking } from '../support/meetingAndAdvice';
import { importRows, registerPeople } from '../support/fixtures';

const SITE = 'north.sharepoint.com,aa11,bb22';
const drive: SeedDrive = { id: 'b!northSenLibrary', siteId: SITE, items: [] };

/** Every table of the store's schema as text, one line per row: what "nowhere in the database" is checked against. */
async function dumpEveryTable(db: Queryable): Promise<Record<string, string[]>> {
  const tables = await db.query<{ table_name: string }>("select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1");
  const dump: Record<string, string[]> = {};
  for (const { table_name } of tables) dump[table_name] = (await db.query<{ row: string }>(`select t::text as row from "${table_name}" t order by 1`)).map((r) => r.row);
  return dump;
}

/** Where each of `terms` occurs (table: row), case-insensitively. */
function occurrences(dump: Record<string, string[]>, terms: string[]): string[] {
  return Object.entries(dump).flatMap(([table, rows]) => rows.flatMap((row) => terms.filter((t) => row.toLowerCase().includes(t.toLowerCase())).map((t) => `${table}: ${t} in ${row.slice(0, 160)}`)));
}

/** Files under `dir` (the store's own folder excepted) that contain any of `terms`. */
function filesHolding(dir: string, terms: string[], skip: string): string[] {
  const found: string[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const full = path.join(at, name);
      if (full === skip) continue;
      const stat = statSync(full);
      if (stat.isDirectory()) walk(full);
      else if (stat.isFile()) {
        const text = readFileSync(full, 'latin1').toLowerCase();
        for (const t of terms) if (text.includes(t.toLowerCase())) found.push(`${full}: ${t}`);
      }
    }
  };
  walk(dir);
  return found;
}

/** The numbers a dashboard answer shows, by where they are (list lengths too): what must not move. */
function countsOf(value: unknown, at = ''): Record<string, number> {
  if (typeof value === 'number') return { [at]: value };
  if (Array.isArray(value)) return { [`${at}.length`]: value.length };
  if (value && typeof value === 'object') return Object.assign({}, ...Object.entries(value).map(([k, v]) => countsOf(v, `${at}.${k}`)));
  return {};
}

// The child and their family as held before the erasure; the identities that must be gone after it.
const CHILD = { ref: 'N-100', name: 'Ada Lovelace', dob: '2016-03-01', renamed: 'Ada Byron-Lovelace', newDob: '2016-03-02', upn: 'A123456789012' };
const FAMILY = ['Pat Lovelace', 'pat.lovelace@home.example'];
const IDENTITIES = [CHILD.ref, CHILD.name, CHILD.dob, CHILD.renamed, CHILD.newDob, CHILD.upn, 'Lovelace', ...FAMILY];

describe.each(storeKinds)('erasing a child (Article 17) on %s', (kind) => {
  let h: Harness;
  let svc: TestService;
  const logged: string[] = [];
  const logger: Logger = {
    info: (msg, fields) => void logged.push(JSON.stringify({ msg, ...fields })),
    warn: (msg, fields) => void logged.push(JSON.stringify({ msg, ...fields })),
    error: (msg, fields) => void logged.push(JSON.stringify({ msg, ...fields })),
  };
  let ids: Record<string, string>;
  let tokens: Record<'manager' | 'officer' | 'senco' | 'southManager', string>;
  let fileIds: string[];
  const db = (): Db => svc.service.db;

  beforeAll(async () => {
    h = await startHarness({ graph: { drives: [drive], siteGrants: { [CLIENT_ID]: [SITE] } } });
    const storage = graphAdviceStorage(() => h.appClient());
    svc = await startTestService(
      kind,
      async (seedDb) => {
        const people = await registerPeople(seedDb);
        await seedDb.transaction((tx) => registerOrganisation(tx, { id: 'north-council', kind: 'council', name: 'North Council', entraTenantId: TENANT }));
        ids = await importRows(seedDb, people.officer, [`${CHILD.ref},${CHILD.name},north-school,2026-01-05,,${CHILD.dob},5,,,`, 'N-200,Ben Okafor,north-school,2026-02-10,,2016-05-01,5,,,']);
        await importRows(seedDb, people.southOfficer, ['S-100,Cara Jones,south-school,2026-01-20,,2016-04-01,5,,,']);
        for (const [ref, name, email] of [[CHILD.ref, FAMILY[0], FAMILY[1]], ['N-200', 'Mo Okafor', 'mo@home.example']] as const) {
          await seedDb.query("insert into case_contacts (child_id, role, name, email) select id, 'parent', $2, $3 from children where la_reference = $1", [ref, name, email]);
        }
      },
      { CLOCK_START: '2026-11-16T10:00:00Z', LOG_LEVEL: 'info' },
      { logger, adviceStorage: storage },
    );
    tokens = {
      manager: await svc.token('la-manager', 'north-council', 'manager'),
      officer: await svc.token('la-officer', 'north-council', 'officer'),
      senco: await svc.token('senco', 'north-school', 'senco'),
      southManager: await svc.token('la-manager', 'south-council', 'south-manager'),
    };
    // A first sign-in registers the person; done here, so the refusals below are compared with a settled store.
    for (const token of Object.values(tokens)) expect((await svc.call('GET', '/api/reviews', { token })).status).toBe(200);
    const review = ids[CHILD.ref] as string;
    // What a year of the child's review leaves: a booking (invitations, requests, reminders), a
    // correction, advice, a report, letters kept in SharePoint, representations, reads and exports.
    expect((await svc.call('POST', `/api/reviews/${review}/meeting`, { token: tokens.senco, body: { ...booking, invitees: booking.invitees.map((i) => (i.role === 'parent' ? { ...i, email: FAMILY[1] } : i)) } })).status).toBe(201);
    expect((await svc.call('POST', `/api/children/${CHILD.ref}/rectify`, { token: tokens.officer, body: { name: CHILD.renamed, dateOfBirth: CHILD.newDob, upn: CHILD.upn, reason: 'corrected from the birth certificate' }, headers: { 'idempotency-key': 'rectify-1' } })).status).toBe(200);
    const folder = { tenantId: TENANT, driveId: drive.id, path: ['EHCP reviews', CHILD.ref, 'Review due 2027-01-05'] };
    const advice = await storage.save(folder, `${CHILD.renamed} speech and language.pdf`, Buffer.from(`%PDF-1.7 advice about ${CHILD.renamed}`), 'application/pdf');
    const letter = await storage.save(folder, 'Decision letter.pdf', Buffer.from(`%PDF-1.7 Dear ${FAMILY[0]}`), 'application/pdf');
    const report = await storage.save(folder, 'Review report.pdf', Buffer.from(`%PDF-1.7 report on ${CHILD.renamed}`), 'application/pdf');
    fileIds = [advice.itemId, letter.itemId, report.itemId];
    const officerId = (await db().query<{ id: string }>("select id::text from people where entra_object_id = 'officer'"))[0]?.id;
    await db().query("insert into advice_items (review_id, from_role, author, received_on, drive_id, item_id, file_name) values ($1, 'health', 'Dr Heal', '2026-11-10', $2, $3, $4)", [review, advice.driveId, advice.itemId, `${CHILD.renamed} speech and language.pdf`]);
    await db().query(
      `insert into letters_sent (review_id, mailing, kind, title, letter_date, channel, recipients, file_name, pdf_sha256, bytes, drive_id, item_id, sent_by)
       values ($1, 'm-1', 'decision', $2, '2026-11-12', 'email', $3, 'Decision letter.pdf', $4, 10, $5, $6, $7)`,
      [review, `Decision letter for ${CHILD.renamed}`, JSON.stringify([{ role: 'parent', name: FAMILY[0], email: FAMILY[1] }]), 'a'.repeat(64), letter.driveId, letter.itemId, officerId],
    );
    await db().query("insert into review_reports (review_id, variant, content, files) values ($1, 'general', $2, $3)", [review, JSON.stringify({ child: CHILD.renamed, views: `${FAMILY[0]} says Ada is happier` }), JSON.stringify([{ name: 'Review report.pdf', driveId: report.driveId, itemId: report.itemId }])]);
    await db().query("insert into representations (review_id, received_on, summary, recorded_by) values ($1, '2026-11-13', $2, $3)", [review, `${FAMILY[0]} asks for more support`, officerId]);
    expect((await svc.call('GET', `/api/reviews/${review}`, { token: tokens.officer })).status).toBe(200);
    expect((await svc.call('GET', `/api/children/${CHILD.ref}/subject-access`, { token: tokens.manager })).status).toBe(200);
  });
  afterAll(async () => {
    await svc?.stop();
    await h?.close();
  });

  const erase = (ref: string, body: unknown, token = tokens.manager, headers: Record<string, string> = {}) => svc.call('POST', `/api/children/${ref}/erase`, { token, body, headers });
  const REASON = 'the council was told the record was created in error';

  it('holds the child’s identities in many tables before (so the search below means something)', async () => {
    const before = occurrences(await dumpEveryTable(db()), IDENTITIES);
    const tables = new Set(before.map((o) => o.split(':')[0]));
    for (const t of ['children', 'case_contacts', 'invitations', 'advice_items', 'letters_sent', 'review_reports', 'representations', 'access_records', 'idempotency_keys']) expect(tables).toContain(t);
    // The audit log holds the child's details only sealed: the name is in no stored audit row.
    expect(tables).not.toContain('audit_log');
    expect((await readAuditEntries(db(), "action = 'child.rectified'"))[0]?.after).toMatchObject({ name: CHILD.renamed });
  });

  it('refuses an unknown child, another council’s child, a non-manager, no reason, a reason naming the child, a wrong confirmation and a stale ETag, changing nothing', async () => {
    const before = await dumpEveryTable(db());
    const first = await erase(CHILD.ref, { reason: REASON });
    expect(first).toMatchObject({ status: 200, body: { laReference: CHILD.ref, confirmation: expect.stringMatching(/^erase-[0-9a-f]{12}$/), sharePointFiles: 3 } });
    expect(first.body.wouldErase).toMatchObject({ children: 1, case_contacts: 1, invitations: 5, advice_items: 1, letters_sent: 1, review_reports: 1, representations: 1 });
    const refusals = [
      [await erase('N-999', { reason: REASON, confirm: first.body.confirmation }), 404, 'not-found'],
      [await erase('S-100', { reason: REASON }), 404, 'not-found'],
      [await erase(CHILD.ref, { reason: REASON, confirm: first.body.confirmation }, tokens.southManager), 404, 'not-found'],
      [await erase(CHILD.ref, { reason: REASON, confirm: first.body.confirmation }, tokens.officer), 403, 'forbidden'],
      [await erase(CHILD.ref, { reason: REASON, confirm: first.body.confirmation }, tokens.senco), 403, 'forbidden'],
      [await erase(CHILD.ref, { confirm: first.body.confirmation }), 400, 'invalid-input'],
      [await erase(CHILD.ref, { reason: '  ', confirm: first.body.confirmation }), 400, 'invalid-input'],
      [await erase(CHILD.ref, { reason: `duplicate of ${CHILD.renamed}'s other record`, confirm: first.body.confirmation }), 400, 'invalid-input'],
      [await erase(CHILD.ref, { reason: REASON, confirm: 'erase-000000000000' }), 409, 'erasure-not-confirmed'],
      [await erase('N-200', { reason: REASON, confirm: first.body.confirmation }), 409, 'erasure-not-confirmed'],
      [await erase(CHILD.ref, { reason: REASON, confirm: first.body.confirmation }, tokens.manager, { 'if-match': '"child.N-100.0000000000000000"' }), 412, 'stale-write'],
    ] as const;
    for (const [res, status, code] of refusals) expect({ status: res.status, error: res.body?.error }).toEqual({ status, error: code });
    expect(refusals[5][0].body.problems).toEqual([{ field: 'reason', message: 'is required' }]);
    expect(refusals[6][0].body.problems).toEqual([{ field: 'reason', message: expect.stringContaining('say why the council erases this child') }]);
    expect(refusals[7][0].body.problems).toEqual([{ field: 'reason', message: expect.stringContaining('names the child or their family') }]);
    expect(await dumpEveryTable(db())).toEqual(before);
  });

  it('erases the child: no name, date of birth, reference or family detail left in any table, product file or later log line; counts kept; SharePoint files deleted', async () => {
    const council = async () => ({
      sen2: (await svc.call('GET', '/api/reports/sen2.csv?from=2026-01-01&to=2026-12-31', { token: tokens.manager })).body as string,
      timeliness: countsOf((await svc.call('GET', '/api/reports/timeliness?from=2026-01-01&to=2026-12-31', { token: tokens.manager })).body),
      today: countsOf((await svc.call('GET', '/api/dashboard/today', { token: tokens.manager })).body),
      sen2Census: countsOf((await svc.call('GET', '/api/dashboard/sen2', { token: tokens.manager })).body),
      workload: countsOf((await svc.call('GET', '/api/dashboard/workload', { token: tokens.manager })).body),
    });
    const before = await council();
    // Each view has figures to keep, and the SEN2 file has the child's row.
    for (const view of [before.timeliness, before.today, before.sen2Census, before.workload]) expect(Object.keys(view).length).toBeGreaterThan(0);
    expect(before.sen2).toContain(CHILD.ref);
    const auditBefore = Number((await db().query<{ n: string }>('select count(*) as n from audit_log'))[0]?.n);
    const first = await erase(CHILD.ref, { reason: REASON });
    const done = await erase(CHILD.ref, { reason: REASON, confirm: first.body.confirmation }, tokens.manager, { 'idempotency-key': 'erase-1' });
    expect(done).toMatchObject({ status: 200, body: { erased: true, reference: expect.stringMatching(/^erased-\d+$/), sharePointFilesQueued: 3 } });
    const loggedBefore = logged.length;

    // Nowhere in the database: every table of the schema, as text.
    const dump = await dumpEveryTable(db());
    expect(occurrences(dump, IDENTITIES)).toEqual([]);
    // ... while everyone else is untouched, and the case rows stay for the counts.
    expect(occurrences(dump, ['Ben Okafor', 'Mo Okafor', 'Cara Jones', 'N-200', 'S-100']).length).toBeGreaterThan(4);
    expect(await db().query('select name, date_of_birth, upn, erased_at is not null as erased from children where la_reference = $1', [done.body.reference])).toEqual([{ name: 'Erased child', date_of_birth: null, upn: null, erased: true }]);
    expect(await db().query<{ stage: string }>('select stage from review_cycles where id = $1', [ids[CHILD.ref]])).toEqual([{ stage: 'booked' }]);

    // The audit log: nothing rewritten, one tombstone more; the child's entries keep who, what and when, their details unreadable.
    expect(Number((await db().query<{ n: string }>('select count(*) as n from audit_log'))[0]?.n)).toBe(auditBefore + 1);
    const rectified = await readAuditEntries(db(), "action = 'child.rectified'");
    expect(rectified).toEqual([expect.objectContaining({ actor_user: 'officer', action: 'child.rectified', before: null, after: null, erased: true })]);
    const [tombstone] = await readAuditEntries(db(), "action = 'child.erased'");
    expect(tombstone).toMatchObject({ actor_user: 'manager', entity: 'erasure', after: { rule: 'UK GDPR Article 17', reason: REASON, reference: done.body.reference, filesQueued: 3 } });

    // The SharePoint files went through Graph (DELETE, 204), and nothing waits.
    for (const id of fileIds) expect(h.graph.state.driveItems.has(id)).toBe(false);
    expect(await db().query('select * from graph_deletions')).toEqual([]);

    // Counts unchanged: the SEN2 return has the same rows with the identity columns changed only.
    const after = await council();
    const lines = (csv: string) => csv.trim().split('\n');
    expect(lines(after.sen2)).toHaveLength(lines(before.sen2).length);
    const anonymous = (csv: string) => lines(csv).slice(1).map((l) => l.split(',').slice(2).join(',')).sort();
    expect(anonymous(after.sen2)).toEqual(anonymous(before.sen2));
    expect(after.timeliness).toEqual(before.timeliness);
    expect(after.today).toEqual(before.today);
    expect(after.sen2Census).toEqual(before.sen2Census);
    expect(after.workload).toEqual(before.workload);

    // No log line after it names them: the reads above, the case's review, its access records, the daily jobs.
    expect((await svc.call('GET', `/api/reviews/${ids[CHILD.ref]}`, { token: tokens.officer })).status).toBe(200);
    expect((await svc.call('GET', `/api/audit?child=${done.body.reference}`, { token: tokens.manager })).status).toBe(200);
    await applyRetentionEverywhere(db(), '2026-11-16', { dryRun: false, logger });
    // The reminders' daily pass writes again for everyone else, and nothing about the erased child's review.
    const pass = await runDailyPass(db(), { today: '2026-11-16', now: new Date('2026-11-16T10:00:00Z'), owner: 'test', leaseMs: 60_000, force: true });
    expect(pass.reviews).toBeGreaterThan(0);
    expect(await db().query('select count(*)::int as n from reminder_outbox where review_id = $1', [ids[CHILD.ref]])).toEqual([{ n: 0 }]);
    expect((await db().query<{ n: number }>('select count(*)::int as n from reminder_outbox where review_id = $1', [ids['N-200']]))[0]?.n).toBeGreaterThan(0);
    await drainGraphDeletions({ db: db(), logger });
    expect(logged.length).toBeGreaterThan(loggedBefore + 5);
    expect(logged.slice(loggedBefore).filter((line) => IDENTITIES.some((t) => line.toLowerCase().includes(t.toLowerCase())))).toEqual([]);
    // The child is unknown by the old reference everywhere.
    expect((await svc.call('GET', `/api/children/${CHILD.ref}/subject-access`, { token: tokens.manager })).status).toBe(404);
    expect((await svc.call('POST', `/api/children/${CHILD.ref}/rectify`, { token: tokens.officer, body: { name: 'Someone', reason: 'checking' } })).status).toBe(404);
    // Nor can the anonymised row be given a name again, or erased twice.
    expect((await svc.call('POST', `/api/children/${done.body.reference}/rectify`, { token: tokens.officer, body: { name: 'Someone', reason: 'checking' } })).status).toBe(404);
    expect((await erase(done.body.reference, { reason: REASON })).status).toBe(404);
    expect((await svc.call('GET', '/api/reviews?q=Lovelace', { token: tokens.officer })).body.items).toEqual([]);
    // No file the product wrote in its data folder (the signing and audit keys, the dev mailbox) holds them.
    expect(filesHolding(svc.dataDir, IDENTITIES, path.join(svc.dataDir, 'pglite'))).toEqual([]);
    // A repeat of the erasure with its key answers the first answer, which names no one.
    const again = await erase(CHILD.ref, { reason: REASON, confirm: first.body.confirmation }, tokens.manager, { 'idempotency-key': 'erase-1' });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });
});
