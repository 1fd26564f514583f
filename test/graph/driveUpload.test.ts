import { ensureFolder, saveFile } from '../../bot/graph/driveUpload';
import { GraphCallError } from '../../bot/graph/errors';
import type { SeedDrive } from '../../testkit/graph-server/state';
import { bytes, CLIENT_ID, type Harness, startHarness } from '../../testkit/graph-server/harness';

const SEN_SITE = 'contoso.sharepoint.com,5a1b,9c2d';
const OTHER_SITE = 'contoso.sharepoint.com,ffff,0000';
const drive: SeedDrive = { id: 'b!senLibrary01', siteId: SEN_SITE, items: [{ name: 'EHCP reviews' }] };
const ungranted: SeedDrive = { id: 'b!otherLibrary', siteId: OTHER_SITE, items: [] };

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ graph: { drives: [drive, ungranted], siteGrants: { [CLIENT_ID]: [SEN_SITE] } } });
});
afterAll(() => h.close());
beforeEach(() => {
  h.graph.requests.length = 0;
  h.graph.faults.clear();
});

const folderPath = ['EHCP reviews', 'DEMO-0007', 'Review due 2027-02-28'];

test('ensureFolder creates the missing levels once, and finds them in one request the second time', async () => {
  const first = await ensureFolder(h.appClient(), drive.id, folderPath);
  expect(h.graph.state.pathOf(first.itemId ?? '')).toBe('EHCP reviews/DEMO-0007/Review due 2027-02-28');
  const created = h.graph.requests.filter((r) => r.method === 'POST').map((r) => (r.json as { name: string }).name);
  expect(created).toEqual(['DEMO-0007', 'Review due 2027-02-28']);
  h.graph.requests.length = 0;
  expect(await ensureFolder(h.appClient(), drive.id, folderPath)).toEqual(first);
  expect(h.graph.requests).toHaveLength(1);
});

test('saveFile puts a small file in one PUT as the app with Sites.Selected, and never replaces a file of the same name', async () => {
  const folder = await ensureFolder(h.appClient(), drive.id, folderPath);
  const one = await saveFile(h.appClient(), folder, 'report.pdf', bytes(2000, 1), 'application/pdf');
  const two = await saveFile(h.appClient(), folder, 'report.pdf', bytes(3000, 2), 'application/pdf');
  expect([one.name, two.name]).toEqual(['report.pdf', 'report (2).pdf']);
  expect(h.graph.state.driveItems.get(one.itemId)?.content.equals(bytes(2000, 1))).toBe(true);
  expect(h.graph.state.driveItems.get(two.itemId)?.content.equals(bytes(3000, 2))).toBe(true);
  const puts = h.graph.requests.filter((r) => r.method === 'PUT');
  expect(puts.map((r) => r.query.get('@microsoft.graph.conflictBehavior'))).toEqual(['fail', 'fail', 'fail']);
  expect(puts.map((r) => r.status)).toEqual([201, 409, 201]);
});

test('saveFile sends a 9 MiB file through an upload session in 4 MiB chunks and resumes after a dropped chunk', async () => {
  const folder = await ensureFolder(h.appClient(), drive.id, folderPath);
  const content = bytes(9 * 1024 * 1024, 5);
  h.graph.faults.add({ target: 'upload', method: 'PUT', times: 1, action: { type: 'drop', afterBodyBytes: 1024 } });
  const saved = await saveFile(h.appClient(), folder, 'big scan.pdf', content, 'application/pdf');
  expect(saved.size).toBe(content.length);
  expect(h.graph.state.driveItems.get(saved.itemId)?.content.equals(content)).toBe(true);
  const chunks = h.graph.requests.filter((r) => r.target === 'upload' && r.method === 'PUT');
  expect(chunks.map((r) => r.headers['content-range'])).toEqual([
    `bytes 0-4194303/${content.length}`,
    `bytes 0-4194303/${content.length}`,
    `bytes 4194304-8388607/${content.length}`,
    `bytes 8388608-9437183/${content.length}`,
  ]);
  expect(chunks.every((r) => r.headers.authorization === undefined)).toBe(true);
});

test('a library the app was not granted refuses the upload, naming Sites.Selected', async () => {
  const error = await saveFile(h.appClient(), { driveId: ungranted.id }, 'x.pdf', bytes(10), 'application/pdf').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(GraphCallError);
  expect((error as GraphCallError).code).toBe('graph-forbidden');
  expect((error as GraphCallError).message).toContain('Sites.Selected');
  expect([...h.graph.state.driveItems.values()].filter((i) => i.driveId === ungranted.id && !i.isFolder)).toHaveLength(0);
});
