import { acceptAdviceFile, type AcceptAdviceDeps, TEAMS_FILE_DOWNLOAD_INFO } from '../../bot/advice/acceptAdviceFile';
import { graphAdviceStorage } from '../../bot/advice/storage';
import { readAuditEntries } from '../../bot/store/auditSeal/childKeys';
import type { Db } from '../../bot/store/db';
import { CLIENT_ID, type Harness, startHarness } from '../../testkit/graph-server/harness';
import type { SeedDrive } from '../../testkit/graph-server/state';
import type { People } from '../support/fixtures';
import { openTestStore, storeKinds, type TestStore } from '../../testkit/stores';
import { bookedReview, CHILD, TODAY } from './support/adviceCase';
import { type FileServer, startFileServer } from './support/fileServer';

const SITE = 'north.sharepoint.com,aa11,bb22';
const drive: SeedDrive = { id: 'b!northSenLibrary', siteId: SITE, items: [] };
const MAX = 2 * 1024 * 1024;
const pdf = (size = 5000) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size - 16, 0x20), Buffer.from('\n%%EOF\n')]);

let h: Harness;
let files: FileServer;
beforeAll(async () => {
  h = await startHarness({ graph: { drives: [drive], siteGrants: { [CLIENT_ID]: [SITE] } } });
  files = await startFileServer();
});
afterAll(async () => {
  await files.close();
  await h.close();
});

const attachment = (name: string, path: string, fileType?: string) => ({
  contentType: TEAMS_FILE_DOWNLOAD_INFO,
  name,
  content: { downloadUrl: files.url(path), uniqueId: '1a2b3c4d-0000-4000-8000-000000000001', ...(fileType ? { fileType } : {}) },
});
const storedFiles = () => [...h.graph.state.driveItems.values()].filter((i) => i.driveId === drive.id && !i.isFolder);

describe.each(storeKinds)('acceptAdviceFile on %s', (kind) => {
  let store: TestStore;
  let db: Db;
  let people: People;
  let reviewId: string;
  let deps: AcceptAdviceDeps;
  beforeEach(async () => {
    store = await openTestStore(kind);
    db = store.db;
    ({ people, reviewId } = await bookedReview(db));
    await db.query("insert into advice_drives (council_id, drive_id) values ('north-council', $1)", [drive.id]);
    deps = {
      db,
      storage: graphAdviceStorage(() => h.appClient()),
      today: () => TODAY,
      maxBytes: MAX,
      isAllowedDownloadUrl: (url) => url.hostname === '127.0.0.1',
    };
    for (const item of storedFiles()) h.graph.state.driveItems.delete(item.id);
  });
  afterEach(() => store.dispose());

  const itemsAndAudit = async () => ({
    items: await db.query('select * from advice_items where review_id = $1', [reviewId]),
    audit: (await readAuditEntries(db, "action = 'advice.received'")).map((a) => ({ after: a.after })),
  });

  it('saves a PDF from the health professional in the review folder and records the item with its audit entry', async () => {
    files.serve('/ep-report', { content: pdf() });
    const sender = { ...people.professional, displayName: 'Dr Eve Parker' };
    const result = await acceptAdviceFile(deps, sender, attachment('Amara Bello EP report.pdf', '/ep-report', 'pdf'));
    expect(result).toMatchObject({ ok: true, fileName: '2026-09-01 health - A.B. EP report.pdf', circulatedBy: '2026-10-05' });
    expect(result.message).toBe(
      'Thank you. I have saved “2026-09-01 health - A.B. EP report.pdf” as your advice for the review of A.B. (NTH-0042). It will be circulated to everyone invited by Mon 5 Oct 2026.',
    );
    const [saved] = storedFiles();
    expect(h.graph.state.pathOf(saved?.id ?? '')).toBe('EHCP reviews/NTH-0042/Review due 2026-11-30/2026-09-01 health - A.B. EP report.pdf');
    expect(saved?.content.equals(pdf())).toBe(true);
    const { items, audit } = await itemsAndAudit();
    expect(items).toEqual([
      expect.objectContaining({ from_role: 'health', author: 'Dr Eve Parker', received_on: '2026-09-01', drive_id: drive.id, item_id: saved?.id, file_name: saved?.name }),
    ]);
    expect(Number(items[0]?.recorded_by)).toBe(people.professional.personId);
    expect(audit).toEqual([{ after: expect.objectContaining({ via: 'teams-chat', itemId: saved?.id }) }]);
    expect(files.authorizations).toEqual([]);
    for (const text of [result.message, saved?.name ?? '']) {
      expect(text).not.toContain(CHILD.name);
      expect(text).not.toMatch(/Amara|Bello|2015-03-07/);
    }
    // Once the request has its advice it is no longer open.
    files.serve('/again', { content: pdf() });
    expect(await acceptAdviceFile(deps, sender, attachment('again.pdf', '/again'))).toMatchObject({ ok: false, reason: 'no-open-request' });
  });

  it('refuses a file from someone with no open advice request, and stores nothing', async () => {
    files.serve('/nurse', { content: pdf() });
    const result = await acceptAdviceFile(deps, people.otherProfessional, attachment('notes.pdf', '/nurse'));
    expect(result).toEqual({ ok: false, reason: 'no-open-request', message: expect.stringContaining('I have no open advice request for you, so nothing was kept') });
    expect(storedFiles()).toEqual([]);
    expect((await itemsAndAudit()).items).toEqual([]);
  });

  it('refuses the wrong kind of file, by name and by its bytes, and stores nothing', async () => {
    files.serve('/sheet', { content: Buffer.from('PK\u0003\u0004 xl/workbook.xml') });
    files.serve('/exe', { content: Buffer.from('MZ\u0090\u0000 this is a program') });
    const byName = await acceptAdviceFile(deps, people.professional, attachment('marks.xlsx', '/sheet', 'xlsx'));
    const byBytes = await acceptAdviceFile(deps, people.professional, attachment('report.pdf', '/exe', 'pdf'));
    for (const result of [byName, byBytes]) {
      expect(result).toEqual({ ok: false, reason: 'wrong-type', message: expect.stringMatching(/^I can only take a PDF, a Word document or a photo \(JPEG, PNG or HEIC\)\. /) });
    }
    expect(storedFiles()).toEqual([]);
    expect((await itemsAndAudit()).items).toEqual([]);
  });

  it('refuses an oversized file, by its Content-Length or part-way through a chunked download, and stores nothing', async () => {
    const big = pdf(20 * 1024 * 1024);
    files.serve('/big', { content: big });
    files.serve('/big-chunked', { content: big, chunked: true });
    const declared = await acceptAdviceFile(deps, people.professional, attachment('scan.pdf', '/big'));
    const streamed = await acceptAdviceFile(deps, people.professional, attachment('scan.pdf', '/big-chunked'));
    for (const result of [declared, streamed]) expect(result).toEqual({ ok: false, reason: 'too-large', message: expect.stringContaining('larger than 2 MB, so nothing was kept') });
    // The chunked one was cut off soon after the limit, not read to its 20 MB end.
    expect(files.sent.get('/big-chunked')).toBeLessThan(big.length / 2);
    expect(storedFiles()).toEqual([]);
    expect((await itemsAndAudit()).items).toEqual([]);
  });

  it('refuses a message whose attachment is not a Teams file, and a download URL off SharePoint', async () => {
    const card = await acceptAdviceFile(deps, people.professional, { contentType: 'application/vnd.microsoft.card.adaptive', content: {} });
    expect(card).toMatchObject({ ok: false, reason: 'not-a-file' });
    const strict = { ...deps, isAllowedDownloadUrl: undefined };
    const internal = await acceptAdviceFile(strict, people.professional, attachment('report.pdf', '/ep-report'));
    expect(internal).toMatchObject({ ok: false, reason: 'download-failed' });
    expect(storedFiles()).toEqual([]);
  });
});
