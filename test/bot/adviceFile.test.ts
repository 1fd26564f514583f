import { graphAdviceStorage } from '../../bot/advice/storage';
import { adviceOnFileReceived } from '../../bot/server/botHooks';
import { silentLogger } from '../../bot/log/logger';
import type { OnFileReceived } from '../../bot/teams';
import type { SeedDrive } from '../../testkit/graph-server/state';
import { type FileServer, startFileServer } from '../advice/support/fileServer';
import { CLIENT_ID, type Harness, startHarness } from '../../testkit/graph-server/harness';
import { type BotHarness, people, startBotHarness } from '../../testkit/bot-framework/botHarness';

const SITE = 'demo.sharepoint.com,cc33,dd44';
const drive: SeedDrive = { id: 'b!demoSenLibrary', siteId: SITE, items: [] };
const MAX = 2 * 1024 * 1024;
const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size - 16, 0x20), Buffer.from('\n%%EOF\n')]);

/**
 * Advice sent to the bot as a file, as Teams sends it: a `file.download.info` attachment
 * whose download URL a local server answers, through the real /api/messages with
 * authentication on, into the local Graph server's drive (issue #12).
 */
describe('advice sent to the bot as a file in personal chat', () => {
  let graph: Harness;
  let files: FileServer;
  let h: BotHarness;
  let handler: OnFileReceived | undefined;
  beforeAll(async () => {
    graph = await startHarness({ graph: { drives: [drive], siteGrants: { [CLIENT_ID]: [SITE] } } });
    files = await startFileServer();
    h = await startBotHarness('pglite', { teams: { onFileReceived: (sender, file) => (handler as OnFileReceived)(sender, file) } });
    const db = h.svc.service.db;
    await db.query("insert into advice_drives (council_id, drive_id) values ('demo-council', $1)", [drive.id]);
    handler = adviceOnFileReceived({
      db,
      storage: graphAdviceStorage(() => graph.appClient()),
      today: () => h.today,
      maxBytes: MAX,
      defaultDriveId: undefined,
      // The local download server stands in for SharePoint's host.
      isAllowedDownloadUrl: (url) => url.hostname === '127.0.0.1',
      logger: silentLogger,
    });
  });
  afterAll(async () => {
    await h.stop();
    await files.close();
    await graph.close();
  });

  const attachment = (name: string, path: string, fileType: string) => ({
    contentType: 'application/vnd.microsoft.teams.file.download.info',
    name,
    contentUrl: `https://demo-my.sharepoint.com/personal/ep/Documents/${encodeURIComponent(name)}`,
    content: { downloadUrl: files.url(path), uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C9D', fileType },
  });
  const send = async (who: (typeof people)[keyof typeof people], att: ReturnType<typeof attachment>) => {
    const before = h.connector.sentActivities().length;
    const res = await h.post(h.message(who, '', { attachments: [att] }));
    expect(res.status).toBeLessThan(300);
    const sent = await h.connector.waitForActivities(before + 1);
    return String(sent.at(-1)?.text ?? '');
  };
  const stored = () => [...graph.graph.state.driveItems.values()].filter((i) => i.driveId === drive.id && !i.isFolder);
  const adviceItems = () => h.svc.service.db.query<{ file_name: string; drive_id: string; item_id: string }>('select file_name, drive_id, item_id from advice_items where drive_id is not null');

  it('lands in the council’s drive and is recorded as advice, and the bot says until when it is circulated', async () => {
    files.serve('/ep.pdf', { content: pdf(40_000) });
    const reply = await send(people.ep, attachment('EP advice.pdf', '/ep.pdf', 'pdf'));
    expect(reply).toMatch(/circulat/i);
    expect(stored()).toHaveLength(1);
    const items = await adviceItems();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ drive_id: drive.id, item_id: stored()[0]?.id });
    await h.expectNoChildNames();
  });

  it('is refused, with a message and nothing stored, from someone with no open request, of the wrong type, or too large', async () => {
    files.serve('/ok.pdf', { content: pdf(10_000) });
    files.serve('/big.pdf', { content: pdf(MAX + 10_000) });
    files.serve('/script.exe', { content: Buffer.from('MZ not a document') });
    const senco = await send(people.senco, attachment('notes.pdf', '/ok.pdf', 'pdf'));
    expect(senco).toContain('no open advice request');
    const wrong = await send(people.ep, attachment('tool.exe', '/script.exe', 'exe'));
    expect(wrong).toMatch(/PDF|Word/);
    const big = await send(people.ep, attachment('huge.pdf', '/big.pdf', 'pdf'));
    expect(big).toMatch(/MB|large/i);
    expect(stored()).toHaveLength(1);
    expect(await adviceItems()).toHaveLength(1);
  });
});
