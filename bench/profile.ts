import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Session } from 'node:inspector';
import path from 'node:path';
import { signDevToken } from '../bot/auth';
import { londonToday, plusDays } from '../shared';
import { caseloadCsv, caseloadRow, issuedNineMonthsAgo, listAllReviews, meetingBody } from './harness/caseload';
import { createHttpClient } from './harness/http';
import { killAllServices, repoRoot, startServiceProcess } from './harness/service';
import { defaultPostgresUrl, pgliteTarget, postgresTarget, type StoreTarget } from './harness/stores';
import { startBotRig } from './bot';
import { runLoad } from './service/load';

/**
 * Where the service's CPU goes under one load: the built service runs with `--cpu-prof`,
 * takes `count` bookings, decisions or reads from 50 clients, stops, and the profile's self time is
 * summed by function and by package. `bot` profiles the bot benchmark's "my reviews" turn
 * (bench/bot.ts: the service in this process, channel tokens checked, replies to a local
 * connector; the inspector's profiler runs for the turns only). PostgreSQL by default;
 * `pglite` after the count for the embedded store. Not part of `npm run bench`:
 * `node dist/bench/profile.js book|read|decision|bot [count] [pglite]`.
 */
async function main(): Promise<void> {
  const what = process.argv[2] ?? 'book';
  if (what !== 'book' && what !== 'read' && what !== 'bot' && what !== 'decision') throw new Error('usage: node dist/bench/profile.js book|read|decision|bot [count] [pglite]');
  const count = Number(process.argv[3] ?? 2000);
  const target =
    process.argv[4] === 'pglite'
      ? pgliteTarget('ehcp-profile')
      : await postgresTarget(process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || defaultPostgresUrl, 'ehcp_profile');
  if (what === 'bot') return profileBot(target, count);
  const profDir = mkdtempSync(path.join(tmpdir(), 'ehcp-cpu-prof-'));
  try {
    const today = londonToday(new Date());
    const token = await signDevToken({ dataDir: target.dataDir, role: 'la-officer', orgId: 'demo-council', userId: 'bench-officer' });
    const service = await startServiceProcess({
      dataDir: target.dataDir,
      databaseUrl: target.databaseUrl,
      startTimeoutMs: 120_000,
      nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}`, '--cpu-prof-interval=200'],
    });
    const client = createHttpClient(service.url, token, 50);
    let seconds = 0;
    try {
      // Reads need only a few hundred reviews (read over and over): the import then weighs little in the profile.
      const plans = what === 'read' ? Math.min(count, 500) : count;
      // Decisions are recorded on meetings held three days ago (imported with their meeting date), as bench/service.ts's open loop does.
      const meetingDate = what === 'decision' ? plusDays(today, -3) : '';
      const rows = Array.from({ length: plans }, (_, i) => caseloadRow(`PROF-${i}`, i, plusDays(issuedNineMonthsAgo(today), -(i % 20)), today, meetingDate));
      const imported = await client.send('POST', '/api/caseload/import', { body: caseloadCsv(rows), contentType: 'text/csv' });
      if (imported.status !== 200) throw new Error(`the import answered ${imported.status}: ${imported.text.slice(0, 300)}`);
      const listed = what === 'decision' ? await listAllReviews(client, 'awaiting-report') : await listAllReviews(client, 'not-booked');
      const ids = listed.filter((r) => r.laReference.startsWith('PROF-')).map((r) => r.id);
      const started = process.hrtime.bigint();
      const cpuBefore = cpuSeconds(service.pid);
      const figures =
        what === 'decision'
          ? await runLoad(
              (i) =>
                client.send('POST', `/api/reviews/${ids[i]}/decision`, {
                  body: { outcome: 'maintain', notifiedOn: today, reasons: 'The plan still meets the needs.', consideredInstead: 'The advice and the meeting.' },
                  headers: { 'idempotency-key': `prof-decision-${i}` },
                }),
              { clients: 50, requests: ids.length, maxSeconds: 600, expectStatus: 201 },
            )
          : what === 'book'
          ? await runLoad((i) => client.send('POST', `/api/reviews/${ids[i]}/meeting`, { body: meetingBody(today, 21 + (i % 14)), headers: { 'idempotency-key': `prof-${i}` } }), {
              clients: 50,
              requests: ids.length,
              maxSeconds: 600,
              expectStatus: 201,
            })
          : await runLoad((i) => client.send('GET', `/api/reviews/${ids[i % ids.length]}`), { clients: 50, requests: count, maxSeconds: 600, expectStatus: 200 });
      seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const cpu = cpuSeconds(service.pid) - cpuBefore;
      console.log(
        `${target.name}: ${figures.requests} ${what === 'book' ? 'bookings' : what === 'decision' ? 'decisions' : 'reads'} in ${seconds.toFixed(1)} s (${(figures.requests / seconds).toFixed(0)}/s, p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms), ${figures.errors} errors; the service's own CPU time (user + system, from /proc) during them: ${cpu.toFixed(1)} s, ${((cpu * 1000) / figures.requests).toFixed(2)} ms a request`,
      );
    } finally {
      client.close();
      await service.stop().catch(() => service.kill());
    }
    const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error(`no profile was written to ${profDir}`);
    summarise(JSON.parse(readFileSync(path.join(profDir, file), 'utf8')) as CpuProfile, count);
  } finally {
    rmSync(profDir, { recursive: true, force: true });
    await killAllServices();
    await target.dispose();
  }
}

/**
 * The bot's turn, profiled in this process (as bench/bot.ts runs it, the load generator and
 * the connector share the process, and show in the profile under bench/ and testkit/):
 * 200 turns to warm up, then `count` turns from 20 clients with the inspector's profiler on.
 */
async function profileBot(target: StoreTarget, count: number): Promise<void> {
  const rig = await startBotRig(target);
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params?: object) =>
    new Promise<T>((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))));
  try {
    await runLoad(rig.turn, { clients: 20, requests: 200, maxSeconds: 600, expectStatus: 200 });
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 200 });
    await post('Profiler.start');
    const cpuBefore = process.cpuUsage();
    const started = process.hrtime.bigint();
    const figures = await runLoad(rig.turn, { clients: 20, requests: count, maxSeconds: 600, expectStatus: 200 });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuBefore);
    const { profile } = await post<{ profile: CpuProfile }>('Profiler.stop');
    console.log(
      `${target.name}: ${figures.requests} "my reviews" turns in ${seconds.toFixed(1)} s (${(figures.requests / seconds).toFixed(0)}/s, p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms), ${figures.errors} errors; this process's CPU (service, connector and load generator): ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, ${((cpu.user + cpu.system) / 1000 / figures.requests).toFixed(2)} ms a turn`,
    );
    summarise(profile, count);
  } finally {
    session.disconnect();
    await rig.close();
  }
}

/** A process's CPU time so far (user + system), from /proc/PID/stat (Linux). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Self time by function and by where the code lives (a package, or our own folder), over the whole run (start-up and import included). */
function summarise(profile: CpuProfile, requests: number): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    total += us;
    const place = placeOf(frame.url, frame.functionName);
    if (place === '(idle)') continue;
    const fn = `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    byPlace.set(place, (byPlace.get(place) ?? 0) + us);
  }
  const busy = [...byPlace.values()].reduce((a, b) => a + b, 0);
  console.log(`profile: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (${((busy / 1000) / requests).toFixed(1)} ms of CPU per request; for book and read, start-up and import included)`);
  const top = (m: Map<string, number>, n: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => `  ${((100 * us) / busy).toFixed(1).padStart(5)}%  ${(us / 1000 / requests).toFixed(2).padStart(6)} ms/req  ${k}`);
  console.log('by place (self time):');
  for (const line of top(byPlace, 20)) console.log(line);
  console.log('by function (self time):');
  for (const line of top(byFunction, 30)) console.log(line);
  // Native and Node-internal frames say little alone: who in our code or a package called them.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const callerOf = (id: number): string => {
    for (let at = parent.get(id); at !== undefined; at = parent.get(at)) {
      const f = byId.get(at)?.callFrame;
      if (f?.url && !f.url.startsWith('node:')) return `${f.functionName || '(anonymous)'} ${shortUrl(f.url)}:${f.lineNumber + 1}`;
    }
    return '(no caller in our code or a package)';
  };
  for (const [fn] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 3)) {
    const callers = new Map<string, number>();
    for (const [id, us] of self) {
      const f = byId.get(id)?.callFrame;
      if (f && `${f.functionName || '(anonymous)'} ${shortUrl(f.url)}:${f.lineNumber + 1}` === fn) callers.set(callerOf(id), (callers.get(callerOf(id)) ?? 0) + us);
    }
    console.log(`callers of ${fn}:`);
    for (const line of top(callers, 5)) console.log(line);
  }
}

function placeOf(url: string, fn: string): string {
  if (fn === '(idle)' || fn === '(program)' || fn === '(garbage collector)') return fn === '(idle)' ? '(idle)' : fn;
  if (!url) return '(native)';
  if (url.startsWith('node:')) return url.split('/')[0] as string;
  const modules = url.lastIndexOf('node_modules/');
  if (modules !== -1) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] as string);
  }
  const rel = path.relative(path.join(repoRoot, 'dist'), url.replace(/^file:\/\//, ''));
  return rel.split('/').slice(0, 2).join('/');
}

const shortUrl = (url: string) => url.replace(/^file:\/\//, '').replace(`${repoRoot}/`, '').replace(/.*node_modules\//, '');

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
