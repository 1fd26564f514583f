import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { promisify } from 'node:util';
import { loadOrCreateDevKey } from '../../bot/auth';
import { compileAuthModule } from './support/compiledAuth';
import { tempDataDirs } from './support/tempDataDir';

const run = promisify(execFile);
const dirs = tempDataDirs();

// Each process loads the module first, then waits for a shared instant, so the key
// creations really overlap instead of being serialised by process start-up time.
const racer = `
const { loadOrCreateDevKey } = require(process.env.AUTH_INDEX);
setTimeout(() => loadOrCreateDevKey(process.env.DATA_DIR).then(
  (key) => process.stdout.write(key.kid),
  (e) => { console.error(e); process.exit(1); },
), Math.max(0, Number(process.env.START_AT) - Date.now()));
`;

describe('loadOrCreateDevKey across processes', () => {
  let compiled: Awaited<ReturnType<typeof compileAuthModule>>;
  beforeAll(async () => {
    compiled = await compileAuthModule();
  });
  afterAll(async () => {
    await compiled.cleanup();
    await dirs.cleanup();
  });

  it('leaves processes racing on a fresh data directory all holding the one key that is on disk', async () => {
    const dataDir = await dirs.make();
    const startAt = String(Date.now() + 1500);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => run(process.execPath, ['-e', racer], { env: { ...process.env, AUTH_INDEX: compiled.index, DATA_DIR: dataDir, START_AT: startAt } })),
    );
    const kids = new Set(results.map((r) => r.stdout));
    expect(kids).toEqual(new Set([(await loadOrCreateDevKey(dataDir)).kid]));
    expect(await readdir(dataDir)).toEqual(['dev-auth-key.json']);
  });
});
