import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
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
  const child = spawn(process.execPath, [main], { env: { PATH: process.env.PATH, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
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

// A bare start creates the PGlite cluster, migrates and seeds the demo: past 30 s on a loaded 2-core machine.
jest.setTimeout(120_000);

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
    expect(running.output()).toMatch(/Tour: {9}npx ehcp-review tour --url http:\/\/127\.0\.0\.1:\d+ {3}\(one demo review through every step/);
    const token = spawnSync(process.execPath, [cli, 'dev-token', '--role', 'la-officer', '--org', 'demo-council'], { env: { PATH: process.env.PATH, DATA_DIR: dataDir }, encoding: 'utf8' }).stdout.trim();
    const res = await fetch(`${running.url}/api/reviews?limit=500`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { items: { status: string }[] };
    expect(new Set(body.items.map((i) => i.status))).toEqual(new Set(['not-booked', 'booked', 'awaiting-report', 'awaiting-decision', 'amending', 'concluded', 'ceasing']));
    expect(body.items.length).toBeGreaterThanOrEqual(30);
  }, 120_000);

  // Generous timeouts: two service starts and a 20,000-row import on a shared 2-core machine.
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
  }, 120_000);

  it('refuses development sign-in when NODE_ENV=production, naming what to set', async () => {
    await expect(start(dataDir, { NODE_ENV: 'production' })).rejects.toThrow(/AUTH_MODE: development sign-in is refused when NODE_ENV=production; set ENTRA_CLIENT_ID/);
  });

  it('refuses to start with DATABASE_URL set and no AUTH_MODE, saying what to set (before touching the database)', async () => {
    const refused = start(dataDir, { DATABASE_URL: 'postgres://ehcp:secret@127.0.0.1:1/ehcp' });
    await expect(refused).rejects.toThrow(/AUTH_MODE: is not set while DATABASE_URL is, so the service would fall back to development sign-in/);
    await expect(refused).rejects.toThrow(/Set AUTH_MODE=entra with ENTRA_CLIENT_ID and ENTRA_ALLOWED_TENANTS, or AUTH_MODE=dev/);
    await expect(refused).rejects.not.toThrow(/secret/);
  });

  it('refuses an unauthenticated 64 MB upload before reading it, and its memory stays flat', async () => {
    running = await start(dataDir);
    const pid = running.child.pid as number;
    // VmHWM is the process's peak resident memory: a body held even briefly would raise it.
    const memory = (field: 'VmHWM' | 'VmRSS') => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) * 1024;
    const before = { peak: memory('VmHWM'), now: memory('VmRSS') };
    const size = 64 * 1024 * 1024;
    const { url } = running;
    const answer = await new Promise<{ status: number | undefined; sent: number; body: string }>((resolve) => {
      let sent = 0;
      let done = false;
      const req = request(`${url}/api/caseload/import`, { method: 'POST', headers: { 'content-type': 'text/csv', 'content-length': String(size) } }, (res) => {
        done = true;
        let body = '';
        res.on('data', (d) => {
          body += d;
        });
        res.on('end', () => resolve({ status: res.statusCode, sent, body }));
      });
      req.on('error', () => {});
      const chunk = Buffer.alloc(1024 * 1024, 'x');
      const pump = () => {
        while (!done && sent < size) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (sent >= size) req.end();
      };
      pump();
    });
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'missing-token' });
    expect(answer.sent).toBeLessThan(size);
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    const peakGrowth = memory('VmHWM') - before.peak;
    const rssGrowth = memory('VmRSS') - before.now;
    process.stdout.write(`64 MB unauthenticated upload: ${mb(answer.sent)} MB sent before the refusal; service RSS ${mb(before.now)} -> ${mb(memory('VmRSS'))} MB, peak grew ${mb(peakGrowth)} MB\n`);
    expect(peakGrowth).toBeLessThan(16 * 1024 * 1024);
    expect(rssGrowth).toBeLessThan(16 * 1024 * 1024);
  }, 120_000);

  it('explains a port that is already taken', async () => {
    running = await start(dataDir);
    const port = new URL(running.url).port;
    await expect(start(mkdtempSync(path.join(tmpdir(), 'ehcp-service-')), { PORT: port })).rejects.toThrow(new RegExp(`Port ${port} is already in use`));
  }, 120_000);
});
