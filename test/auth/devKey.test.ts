import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AuthConfigError, devKeyPath, loadOrCreateDevKey } from '../../bot/auth';
import { tempDataDirs } from './support/tempDataDir';

const dirs = tempDataDirs();
afterEach(() => dirs.cleanup());

describe('devKeyPath', () => {
  it('puts the key in dev-auth-key.json directly under the data directory', () => {
    expect(devKeyPath('/srv/ehcp/data')).toBe('/srv/ehcp/data/dev-auth-key.json');
  });
});

describe('loadOrCreateDevKey', () => {
  it('creates the data directory and an ES256 key file only its owner can read', async () => {
    const dataDir = path.join(await dirs.make(), 'not', 'there', 'yet');
    const key = await loadOrCreateDevKey(dataDir);
    expect(key).toMatchObject({ alg: 'ES256', publicJwk: { kty: 'EC', crv: 'P-256' }, privateJwk: { kty: 'EC', crv: 'P-256' } });
    expect(key.privateJwk.d).toEqual(expect.any(String));
    expect(key.publicJwk.d).toBeUndefined();
    const file = await stat(devKeyPath(dataDir));
    if (process.platform !== 'win32') expect(file.mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(devKeyPath(dataDir), 'utf8'))).toEqual(key);
  });

  it('reuses the key on later calls without rewriting the file', async () => {
    const dataDir = await dirs.make();
    const first = await loadOrCreateDevKey(dataDir);
    const before = await readFile(devKeyPath(dataDir), 'utf8');
    const second = await loadOrCreateDevKey(dataDir);
    expect(second).toEqual(first);
    expect(await readFile(devKeyPath(dataDir), 'utf8')).toBe(before);
  });

  it('gives every one of several concurrent first calls the same key, and leaves no temp files', async () => {
    const dataDir = await dirs.make();
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateDevKey(dataDir)));
    const onDisk = await loadOrCreateDevKey(dataDir);
    expect(new Set(keys.map((k) => k.kid))).toEqual(new Set([onDisk.kid]));
    expect(await readdir(dataDir)).toEqual(['dev-auth-key.json']);
  });

  it('gives two concurrent first calls the same key', async () => {
    const dataDir = await dirs.make();
    const [a, b] = await Promise.all([loadOrCreateDevKey(dataDir), loadOrCreateDevKey(dataDir)]);
    expect(a).toEqual(b);
  });

  it('gives different data directories different keys', async () => {
    const [a, b] = await Promise.all([dirs.make().then(loadOrCreateDevKey), dirs.make().then(loadOrCreateDevKey)]);
    expect(a.kid).not.toBe(b.kid);
  });

  it('refuses a damaged key file and says to delete it, rather than overwrite it silently', async () => {
    const dataDir = await dirs.make();
    await writeFile(devKeyPath(dataDir), '{"kid": "x", "alg": "ES256"');
    const e = await loadOrCreateDevKey(dataDir).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AuthConfigError);
    expect(e).toMatchObject({ code: 'dev-key-unreadable' });
    expect((e as Error).message).toMatch(/dev-auth-key\.json is not a development signing key this service wrote; delete it/);
  });
});
