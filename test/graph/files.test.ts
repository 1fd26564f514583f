import { GraphCallError, GraphInputError } from '../../bot/graph/errors';
import { getItem, listFolder, openFileContent } from '../../bot/graph/files';
import type { SeedDrive } from '../../testkit/graph-server/state';
import { bytes, CLIENT_ID, type Harness, startHarness } from '../../testkit/graph-server/harness';

const SEN_SITE = 'contoso.sharepoint.com,5a1b,9c2d';
const advice = Array.from({ length: 23 }, (_, i) => ({
  name: `Advice ${String(i + 1).padStart(2, '0')}.pdf`,
  folder: 'Reviews/J.S.',
  content: bytes(1000 + i, i),
}));
const drive: SeedDrive = {
  id: 'b!senLibrary01',
  siteId: SEN_SITE,
  items: [...advice, { name: 'Plan.pdf', folder: 'Reviews/J.S.', content: bytes(5 * 1024 * 1024, 3), mimeType: 'application/pdf' }, { name: 'Archive', folder: 'Reviews' }],
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ graph: { drives: [drive], siteGrants: { [CLIENT_ID]: [SEN_SITE] } } });
});
afterAll(() => h.close());
beforeEach(() => {
  h.graph.requests.length = 0;
  h.graph.faults.clear();
});

const folderId = () => h.graph.state.folderId(drive.id, 'Reviews/J.S.') ?? '';
const fileId = (name: string) => [...h.graph.state.driveItems.values()].find((i) => i.name === name)?.id ?? '';

test('listFolder follows @odata.nextLink past three pages and returns every item once, in order', async () => {
  const pagesSeen: string[][] = [];
  for await (const page of listFolder(h.userClient(), { driveId: drive.id, itemId: folderId() }, { pageSize: 5 })) {
    pagesSeen.push(page.map((i) => i.name));
  }
  expect(pagesSeen.map((p) => p.length)).toEqual([5, 5, 5, 5, 4]);
  expect(pagesSeen.flat()).toEqual([...advice.map((a) => a.name), 'Plan.pdf']);
  const requests = h.graph.requests.filter((r) => r.target === 'graph');
  expect(requests).toHaveLength(5);
  expect(requests[0]?.path).toBe(`/v1.0/drives/${drive.id}/items/${folderId()}/children`);
  expect(requests[0]?.query.get('$top')).toBe('5');
  expect(requests[0]?.query.get('$select')).toBe('id,name,size,file,folder,lastModifiedDateTime,webUrl,eTag');
  // Each later request is exactly the previous page's nextLink: same path, same options, a skip token.
  for (const r of requests.slice(1)) {
    expect(r.path).toBe(requests[0]?.path);
    expect(r.query.get('$top')).toBe('5');
    expect(r.query.get('$skiptoken')).toBeTruthy();
    expect(r.headers.authorization).toMatch(/^Bearer /);
  }
  expect(new Set(requests.map((r) => r.query.get('$skiptoken'))).size).toBe(5);
});

test('listFolder without an item id lists the library root; folders are marked', async () => {
  const items: { name: string; isFolder: boolean; childCount?: number }[] = [];
  for await (const page of listFolder(h.userClient(), { driveId: drive.id })) items.push(...page);
  expect(items).toEqual([expect.objectContaining({ name: 'Reviews', isFolder: true, childCount: 2 })]);
  expect(h.graph.requests[0]?.path).toBe(`/v1.0/drives/${drive.id}/root/children`);
});

test('getItem reads a file’s metadata', async () => {
  const item = await getItem(h.userClient(), { driveId: drive.id, itemId: fileId('Advice 03.pdf') });
  expect(item).toMatchObject({ name: 'Advice 03.pdf', size: 1002, isFolder: false, mimeType: 'application/pdf' });
  expect(h.graph.requests[0]?.query.get('$select')).toContain('size');
});

test('openFileContent streams the file through Graph’s redirect to the download URL', async () => {
  const content = await openFileContent(h.userClient(), { driveId: drive.id, itemId: fileId('Plan.pdf') });
  expect(content.size).toBe(5 * 1024 * 1024);
  expect(content.contentType).toBe('application/pdf');
  let chunks = 0;
  const parts: Buffer[] = [];
  for await (const chunk of content.stream) {
    chunks++;
    parts.push(chunk as Buffer);
  }
  expect(chunks).toBeGreaterThan(1);
  expect(Buffer.concat(parts).equals(bytes(5 * 1024 * 1024, 3))).toBe(true);
  expect(h.graph.requests.map((r) => `${r.method} ${r.target} ${r.status}`)).toEqual(['GET graph 302', 'GET download 200']);
});

test('a missing file is graph-not-found', async () => {
  await expect(getItem(h.userClient(), { driveId: drive.id, itemId: '01NOPE' })).rejects.toMatchObject({ code: 'graph-not-found', details: { graphCode: 'itemNotFound' } });
  await expect(openFileContent(h.userClient(), { driveId: drive.id, itemId: '01NOPE' })).rejects.toMatchObject({ code: 'graph-not-found' });
});

test('app-only with Sites.Selected reads a granted site; an ungranted site is forbidden and names Sites.Selected', async () => {
  await expect(getItem(h.appClient(), { driveId: drive.id, itemId: fileId('Plan.pdf') })).resolves.toMatchObject({ name: 'Plan.pdf' });
  const other = await startHarness({ graph: { drives: [drive] } });
  try {
    const error = (await getItem(other.appClient(), { driveId: drive.id, itemId: fileId('Plan.pdf') }).catch((e: unknown) => e)) as GraphCallError;
    expect(error).toBeInstanceOf(GraphCallError);
    expect(error.code).toBe('graph-forbidden');
    expect(error.details.permission).toBe('Sites.Selected');
  } finally {
    await other.close();
  }
});

test('ids with path characters are refused before sending', async () => {
  await expect(getItem(h.userClient(), { driveId: drive.id, itemId: '../root' })).rejects.toBeInstanceOf(GraphInputError);
  await expect(listFolder(h.userClient(), { driveId: drive.id }, { pageSize: 5000 }).next()).rejects.toMatchObject({ field: 'pageSize' });
});
