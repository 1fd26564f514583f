import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { boundedDownload } from './boundedDownload';

/** Two local hosts: `files` (allowed) and `elsewhere`, which a redirect must never reach. */
describe('boundedDownload keeps redirects inside the allowed hosts (issue #19, finding 11)', () => {
  const hits: string[] = [];
  let files: Server;
  let elsewhere: Server;
  let filesUrl = '';
  let elsewhereUrl = '';
  beforeAll(async () => {
    const listen = (s: Server) => new Promise<string>((r) => s.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)));
    elsewhere = createServer((req, res) => {
      hits.push(`elsewhere ${req.url}`);
      res.end('stolen');
    });
    files = createServer((req, res) => {
      hits.push(`files ${req.url}`);
      if (req.url === '/file') return void res.end('advice');
      if (req.url === '/moved') return void res.writeHead(302, { location: '/file' }).end();
      if (req.url === '/away') return void res.writeHead(302, { location: `${elsewhereUrl}/x` }).end();
      if (req.url === '/loop') return void res.writeHead(302, { location: '/loop' }).end();
      res.writeHead(404).end();
    });
    elsewhereUrl = await listen(elsewhere);
    filesUrl = await listen(files);
  });
  afterAll(async () => {
    await new Promise((r) => files.close(r));
    await new Promise((r) => elsewhere.close(r));
  });
  const allowed = (u: URL) => u.origin === filesUrl;

  test('follows a redirect within the allowed host', async () => {
    const d = await boundedDownload(`${filesUrl}/moved`, 1000, { allowed });
    expect(d).toEqual({ ok: true, bytes: Buffer.from('advice') });
  });

  test('refuses a redirect to another host without sending it anything', async () => {
    hits.length = 0;
    expect(await boundedDownload(`${filesUrl}/away`, 1000, { allowed })).toEqual({ ok: false, kind: 'failed', status: 302 });
    expect(hits).toEqual(['files /away']);
  });

  test('stops after a bounded number of redirects', async () => {
    hits.length = 0;
    expect(await boundedDownload(`${filesUrl}/loop`, 1000, { allowed })).toEqual({ ok: false, kind: 'failed', status: 302 });
    expect(hits.length).toBe(6);
  });
});
