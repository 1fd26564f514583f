import { readFileSync } from 'node:fs';
import { get } from 'node:https';
import path from 'node:path';
import { loadConfig } from '../../bot/config/env';
import { builtAddin } from '../../testkit/builtAddin';
import { startTestService, type TestService } from '../../testkit/service';

function httpsGet(url: string, ca: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { ca }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    }).on('error', reject);
  });
}

describe('the service serves the built add-in', () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService('pglite', async () => {}, { ADDIN_DIR: builtAddin(), DEV_HTTPS_PORT: '0' });
  });
  afterAll(() => svc.stop());

  it('at /addin/ over http: taskpane.html, commands.html and commands.js, with HTML never cached', async () => {
    for (const file of ['taskpane.html', 'commands.html', 'commands.js']) {
      const res = await fetch(`${svc.url}/addin/${file}`);
      expect(res.status).toBe(200);
      if (file.endsWith('.html')) expect(res.headers.get('cache-control')).toBe('no-cache');
    }
    expect((await fetch(`${svc.url}/addin/nothing.js`)).status).toBe(404);
  });

  it('over HTTPS on localhost with a locally generated certificate the client can trust', async () => {
    expect(svc.service.httpsUrl).toMatch(/^https:\/\/localhost:\d+$/);
    const ca = readFileSync(path.join(svc.dataDir, 'dev-cert', 'localhost.pem'), 'utf8');
    const res = await httpsGet(`${svc.service.httpsUrl}/addin/taskpane.html`, ca);
    expect(res.status).toBe(200);
    expect(res.body).toContain('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
    expect((await httpsGet(`${svc.service.httpsUrl}/healthz`, ca)).body).toBe('{"status":"ok"}');
  });

  it('refuses the development certificate in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_MODE: 'entra', ENTRA_CLIENT_ID: '11111111-1111-4111-8111-111111111111', ENTRA_ALLOWED_TENANTS: 't', DEV_HTTPS_PORT: '3443' })).toThrow(
      /DEV_HTTPS_PORT: the self-signed development certificate is refused when NODE_ENV=production/,
    );
  });
});
