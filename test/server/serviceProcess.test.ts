import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The built service as `npm start` runs it: a separate process on a bare data folder. */
const root = path.join(__dirname, '../..');
const main = path.join(root, 'dist/bot/server/main.js');
const cli = path.join(root, 'dist/bot/cli/main.js');

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

async function start(dataDir: string, env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, [main], { env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearInterval(timer);
        resolve(m[1]);
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`the service exited with ${code}: ${out}`));
    });
  });
  return { child, url, output: () => out };
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

// Each case starts a cold process (the service seeds the demo on PGlite): about 45 s when
// the shared 2-core machine is busy, past jest's default 30 s.
jest.setTimeout(180_000);

describe('the service process', () => {
  let dataDir: string;
  let running: Started | undefined;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ehcp-service-'));
  });
  afterEach(async () => {
    if (running && running.child.exitCode === null) {
      running.child.kill('SIGKILL');
      await exited(running.child);
    }
    running = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts on a bare folder with the development banner and demo data a dev token can list', async () => {
    running = await start(dataDir, { PORT: '0' });
    expect(running.output()).toMatch(/DEVELOPMENT SIGN-IN/);
    expect(running.output()).toMatch(/OpenAPI: http:\/\/127\.0\.0\.1:\d+\/api\/openapi\.json/);
    const token = spawnSync(process.execPath, [cli, 'dev-token', '--role', 'la-officer', '--org', 'demo-council'], { env: { PATH: process.env.PATH, DATA_DIR: dataDir }, encoding: 'utf8' }).stdout.trim();
    const res = await fetch(`${running.url}/api/reviews?limit=500`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { items: { status: string }[] };
    expect(new Set(body.items.map((i) => i.status))).toEqual(new Set(['not-booked', 'booked', 'awaiting-report', 'awaiting-decision', 'amending', 'concluded']));
    expect(body.items.length).toBeGreaterThanOrEqual(30);
  });

  it('on SIGTERM finishes the request in flight, then exits 0 with the store closed', async () => {
    running = await start(dataDir);
    const token = spawnSync(process.execPath, [cli, 'dev-token', '--role', 'la-officer', '--org', 'demo-council'], { env: { PATH: process.env.PATH, DATA_DIR: dataDir }, encoding: 'utf8' }).stdout.trim();
    const rows = Array.from({ length: 20000 }, (_, i) => `T-${i},Child ${i},demo-school-1,2026-01-10,,,,,,`);
    const csv = `laReference,childName,school,planIssued,lastReviewConcluded,dateOfBirth,ncYear,transferKind,transferDate,meetingDate\n${rows.join('\n')}\n`;
    const inFlight = fetch(`${running.url}/api/caseload/import`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body: csv });
    await new Promise((r) => setTimeout(r, 150));
    running.child.kill('SIGTERM');
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ created: 20000, rejected: 0 });
    expect(await exited(running.child)).toBe(0);
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
    // Restarting finds every imported child: the store was closed cleanly.
    running = await start(dataDir);
    const list = await fetch(`${running.url}/api/reviews?limit=1&dueBefore=2099-01-01`, { headers: { authorization: `Bearer ${token}` } });
    expect(list.status).toBe(200);
  });

  it('refuses development sign-in when NODE_ENV=production, naming what to set', async () => {
    await expect(start(dataDir, { NODE_ENV: 'production' })).rejects.toThrow(/AUTH_MODE: development sign-in is refused when NODE_ENV=production; set ENTRA_CLIENT_ID/);
  });

  it('explains a port that is already taken', async () => {
    running = await start(dataDir);
    const port = new URL(running.url).port;
    await expect(start(mkdtempSync(path.join(tmpdir(), 'ehcp-service-')), { PORT: port })).rejects.toThrow(new RegExp(`Port ${port} is already in use`));
  });
});
