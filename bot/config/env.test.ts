import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type ConfigError, configSummary, loadConfig, settingNames } from './env';

const entra = { AUTH_MODE: 'entra', ENTRA_CLIENT_ID: '11111111-1111-4111-8111-111111111111', ENTRA_ALLOWED_TENANTS: '22222222-2222-4222-8222-222222222222' };
const problemsOf = (env: NodeJS.ProcessEnv) => {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    return (e as ConfigError).problems;
  }
};

describe('the service configuration', () => {
  it('binds 127.0.0.1 in development unless HOST is set, and every interface with Entra sign-in', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig(entra).host).toBe('0.0.0.0');
  });

  it('refuses DATABASE_URL without AUTH_MODE, saying what to set', () => {
    const problems = problemsOf({ DATABASE_URL: 'postgres://ehcp:secret@db.example.org:5432/ehcp' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^AUTH_MODE: is not set while DATABASE_URL is/);
    expect(problems[0]).toContain('Set AUTH_MODE=entra with ENTRA_CLIENT_ID and ENTRA_ALLOWED_TENANTS, or AUTH_MODE=dev');
  });

  it('allows development sign-in and demo seeding on a database when AUTH_MODE=dev says so', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://localhost/ehcp', AUTH_MODE: 'dev' });
    expect(config).toMatchObject({ authMode: 'dev', seedDemo: true, host: '127.0.0.1' });
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/ehcp', ...entra }).authMode).toBe('entra');
  });

  it('keeps idempotency answers at least 24 hours', () => {
    expect(loadConfig({}).idempotencyTtlHours).toBe(24);
    expect(problemsOf({ IDEMPOTENCY_TTL_HOURS: '1' })[0]).toMatch(/^IDEMPOTENCY_TTL_HOURS: must be at least 24/);
  });

  it('summarises the effective settings without the database password', () => {
    const summary = configSummary(loadConfig({ DATABASE_URL: 'postgres://ehcp:s3cret@db.example.org:5432/ehcp?password=s3cret', ...entra }));
    expect(JSON.stringify(summary)).not.toContain('s3cret');
    expect(summary).toMatchObject({ store: 'postgres://ehcp:***@db.example.org:5432/ehcp', authMode: 'entra', importMaxRows: 200_000, idempotencyTtlHours: 24 });
  });

  it('is listed in env.template exactly: every setting read, and nothing else', () => {
    const template = readFileSync(path.join(__dirname, '../../env.template'), 'utf8');
    const listed = [...template.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
    expect([...listed].sort()).toEqual([...settingNames].sort());
  });
});
