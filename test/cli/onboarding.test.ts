import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Db, DbKind } from '../../bot/store/db';
import { openPglite } from '../../bot/store/openPglite';
import { pgliteDir } from '../../bot/store/openStore';
import { openTestStore, type TestStore } from '../../testkit/stores';
import { cli } from './runCli';

const COUNCIL_TENANT = '11111111-1111-4111-8111-111111111111';
const TRUST_TENANT = '55555555-5555-4555-8555-555555555555';
const OFFICER = 'aaaaaaaa-0000-4000-8000-000000000001';
const SENCO = 'bbbbbbbb-0000-4000-8000-000000000002';

/** A store for the CLI: an empty data folder (PGlite) or a fresh PostgreSQL schema (DATABASE_URL). */
async function cliStore(kind: DbKind) {
  const dir = mkdtempSync(path.join(tmpdir(), 'ehcp-onboard-'));
  let pg: TestStore | undefined;
  if (kind === 'postgres') pg = await openTestStore('postgres');
  const env: NodeJS.ProcessEnv = pg ? { DATABASE_URL: pg.location.databaseUrl } : {};
  const run = (args: string[], stdin?: string) => cli([...args, '--data-dir', dir, '--operator', 'it.admin'], { env, ...(stdin !== undefined ? { stdin } : {}) });
  /** Opens the store for a look after the CLI has closed it. */
  const inspect = async <T>(fn: (db: Db) => Promise<T>): Promise<T> => {
    if (pg) return fn(pg.db);
    const db = await openPglite(pgliteDir(dir));
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  };
  return {
    run,
    inspect,
    dir,
    async dispose() {
      await pg?.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Each command opens the store afresh, as an administrator's would: PGlite's start-up makes
// that slow, so the suite runs on PostgreSQL when it is there (CI) and on PGlite otherwise;
// the embedded store's own test below always runs.
const cliKinds: DbKind[] = process.env.TEST_DATABASE_URL ? ['postgres'] : ['pglite'];

describe('ehcp-review org on the embedded store', () => {
  it('writes to the PGlite database in --data-dir, as the service would read it', async () => {
    const s = await cliStore('pglite');
    try {
      expect((await s.run(['org', 'add', '--id', 'north-council', '--kind', 'council', '--name', 'North Council'])).code).toBe(0);
      expect(await s.inspect((db) => db.query('select id, kind from organisations'))).toEqual([{ id: 'north-council', kind: 'council' }]);
    } finally {
      await s.dispose();
    }
  });
});

describe.each(cliKinds)('ehcp-review org and person on %s', (kind) => {
  let s: Awaited<ReturnType<typeof cliStore>>;
  beforeEach(async () => {
    s = await cliStore(kind);
  });
  afterEach(() => s.dispose());

  const addCouncil = () => s.run(['org', 'add', '--id', 'north-council', '--kind', 'council', '--name', 'North Council', '--tenant', COUNCIL_TENANT]);

  it('registers a council and a school, lists them, and audits each under the operator', async () => {
    expect(await addCouncil()).toEqual({
      code: 0,
      stdout: `Registered council north-council (North Council), tenant ${COUNCIL_TENANT}\n`,
      stderr: `Note: its people can sign in once the service's ENTRA_ALLOWED_TENANTS includes ${COUNCIL_TENANT}.\n`,
    });
    expect((await s.run(['org', 'add', '--id', 'oak-primary', '--kind', 'school', '--name', 'Oak Primary', '--council', 'north-council'])).code).toBe(0);
    const { stdout } = await s.run(['org', 'list']);
    expect(stdout.split('\n').slice(0, 4)).toEqual([
      'ID             KIND     NAME           TENANT                                COUNCIL        PEOPLE',
      '-------------  -------  -------------  ------------------------------------  -------------  ------',
      `north-council  council  North Council  ${COUNCIL_TENANT}                 0`,
      'oak-primary    school   Oak Primary                                          north-council  0',
    ]);
    const audit = await s.inspect((db) => db.query<{ action: string; actor_user: string; entity_id: string }>("select action, actor_user, entity_id from audit_log order by id"));
    expect(audit).toEqual([
      { action: 'organisation.registered', actor_user: 'cli:it.admin', entity_id: 'north-council' },
      { action: 'organisation.registered', actor_user: 'cli:it.admin', entity_id: 'oak-primary' },
    ]);
  });

  it('registers a multi-academy trust’s academies in one tenant, each with its own council', async () => {
    await addCouncil();
    await s.run(['org', 'add', '--id', 'south-council', '--kind', 'council', '--name', 'South Council']);
    for (const [id, council] of [['elm-academy', 'north-council'], ['ash-academy', 'south-council']] as const) {
      expect((await s.run(['org', 'add', '--id', id, '--kind', 'school', '--name', id, '--tenant', TRUST_TENANT, '--council', council])).code).toBe(0);
    }
    const rows = JSON.parse((await s.run(['org', 'list', '--format', 'json'])).stdout) as Array<{ id: string; tenant: string | null; council: string | null }>;
    expect(rows.filter((r) => r.tenant === TRUST_TENANT).map((r) => [r.id, r.council])).toEqual([
      ['ash-academy', 'south-council'],
      ['elm-academy', 'north-council'],
    ]);
  });

  it('registers a college once, with its URN and its local council; a second registration of the URN is refused', async () => {
    await addCouncil();
    const added = await s.run(['org', 'add', '--id', 'oak-college', '--kind', 'school', '--type', 'college', '--urn', '10001234', '--name', 'Oak College', '--council', 'north-council']);
    expect(added.code).toBe(0);
    expect(await s.inspect((db) => db.query("select setting_type, urn, council_id from organisations where id = 'oak-college'"))).toEqual([{ setting_type: 'college', urn: '10001234', council_id: 'north-council' }]);
    const again = await s.run(['org', 'add', '--id', 'oak-college-2', '--kind', 'school', '--urn', '10001234', '--name', 'Oak College', '--council', 'north-council']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--urn: URN 10001234 is already registered as oak-college; register the setting once');
    const council = await s.run(['org', 'add', '--id', 'x-council', '--kind', 'council', '--type', 'college', '--name', 'X']);
    expect(council.stderr).toContain('--type: applies to schools, colleges and early years settings only, not a council');
  });

  it('refuses bad organisation input, naming each field, and stores nothing', async () => {
    const bad = await s.run(['org', 'add', '--id', 'North Council!', '--kind', 'county', '--tenant', 'not-a-guid']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n').filter(Boolean)).toEqual([
      'ehcp-review org: --id: must be 2-63 lower-case letters, digits or hyphens, starting with a letter or digit (e.g. north-council)',
      'ehcp-review org: --kind: must be one of council, school, provider',
      'ehcp-review org: --name: is required',
      'ehcp-review org: --tenant: must be a GUID such as 0f5b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
    ]);
    expect((await s.run(['org', 'add', '--id', 'oak-primary', '--kind', 'school', '--name', 'Oak'])).stderr).toBe('ehcp-review org: --council: is required for a school: the id of its maintaining council\n');
    expect((await s.run(['org', 'add', '--id', 'oak-primary', '--kind', 'school', '--name', 'Oak', '--council', 'nowhere'])).stderr).toMatch(/--council: nowhere is not registered; add the council first/);
    await addCouncil();
    expect((await s.run(['org', 'add', '--id', 'north-council', '--kind', 'school', '--name', 'N', '--council', 'north-council'])).stderr).toMatch(/north-council is registered as a council; an organisation's kind cannot change/);
    expect(JSON.parse((await s.run(['org', 'list', '--format', 'json'])).stdout).map((r: { id: string }) => r.id)).toEqual(['north-council']);
  });

  it('adds, lists and removes a person, refusing a role unfit for the organisation, with audit entries', async () => {
    await addCouncil();
    const added = await s.run(['person', 'add', '--org', 'north-council', '--object-id', OFFICER, '--role', 'la-officer', '--email', 'kim.officer@north.gov.uk', '--name', 'Kim Officer']);
    expect(added).toEqual({ code: 0, stdout: 'Registered Kim Officer as la-officer in north-council\n', stderr: '' });
    const unfit = await s.run(['person', 'add', '--org', 'north-council', '--object-id', SENCO, '--role', 'senco']);
    expect([unfit.code, unfit.stderr]).toEqual([2, 'ehcp-review person: --role: senco belongs to a school, and north-council is a council\n']);
    const listed = (await s.run(['person', 'list', '--org', 'north-council'])).stdout.split('\n');
    expect(listed[2]).toBe(`north-council  ${OFFICER}  la-officer  kim.officer@north.gov.uk  Kim Officer  registered`);
    expect(await s.run(['person', 'remove', '--org', 'north-council', '--object-id', OFFICER])).toMatchObject({ code: 0, stdout: `Removed ${OFFICER} from north-council\n` });
    expect((await s.run(['person', 'remove', '--org', 'north-council', '--object-id', OFFICER])).stderr).toMatch(/was already removed from north-council/);
    expect((await s.run(['person', 'list', '--format', 'json'])).stdout).toContain('"removed": true');
    const audit = await s.inspect((db) => db.query<{ action: string }>("select action from audit_log where entity = 'person' order by id"));
    expect(audit.map((a) => a.action)).toEqual(['person.registered', 'person.removed']);
  });

  it('refuses a person with bad fields, naming each', async () => {
    const bad = await s.run(['person', 'add', '--org', 'north-council', '--object-id', '123', '--role', 'admin', '--email', 'kim']);
    expect(bad.stderr.split('\n').filter(Boolean)).toEqual([
      'ehcp-review person: --object-id: must be a GUID such as 0f5b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
      'ehcp-review person: --role: must be one of senco, la-officer, la-manager, professional',
      'ehcp-review person: --email: must be an email address',
    ]);
    expect((await s.run(['person', 'add', '--org', 'nowhere', '--object-id', OFFICER, '--role', 'la-officer'])).stderr).toMatch(/--org: nowhere is not registered/);
  });

  it('imports people from CSV, all or nothing, naming the line and column of each problem', async () => {
    await addCouncil();
    await s.run(['org', 'add', '--id', 'oak-primary', '--kind', 'school', '--name', 'Oak Primary', '--council', 'north-council']);
    const csv = path.join(s.dir, 'people.csv');
    writeFileSync(
      csv,
      [
        'org,objectId,role,email,name',
        `north-council,${OFFICER},la-officer,kim.officer@north.gov.uk,Kim Officer`,
        `oak-primary,${SENCO},la-manager,,`,
        `oak-primary,not-a-guid,senco,,`,
        `north-council,${OFFICER.toUpperCase()},la-manager,,`,
        `elm-academy,cccccccc-0000-4000-8000-000000000003,senco,,`,
      ].join('\n'),
    );
    const refused = await s.run(['person', 'import', csv]);
    expect(refused.code).toBe(2);
    expect(refused.stderr.split('\n').filter(Boolean)).toEqual([
      'line 4: objectId: must be a GUID such as 0f5b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
      `line 5: objectId: ${OFFICER.toUpperCase()} in north-council is already on line 2`,
      'No one was registered: fix the rows above and import the file again.',
    ]);
    // The rows that parse are then checked against the store: still nothing is written.
    writeFileSync(csv, ['org,objectId,role', `north-council,${OFFICER},la-officer`, `oak-primary,${SENCO},la-manager`, 'elm-academy,cccccccc-0000-4000-8000-000000000003,senco'].join('\n'));
    const storeRefused = await s.run(['person', 'import', csv]);
    expect(storeRefused.stderr.split('\n').filter(Boolean)).toEqual([
      'line 3: role: la-manager belongs to a council, and oak-primary is a school',
      'line 4: org: elm-academy is not registered (ehcp-review org list shows those that are)',
      'No one was registered: fix the rows above and import the file again.',
    ]);
    expect(await s.inspect((db) => db.query("select * from people"))).toEqual([]);
    writeFileSync(csv, ['name,role,objectId,org', `Kim Officer,la-officer,${OFFICER},north-council`, `,senco,${SENCO},oak-primary`].join('\n'));
    expect(await s.run(['person', 'import', csv])).toMatchObject({ code: 0, stdout: `Registered 2 and updated 0 people from ${csv}\n` });
    expect(await s.run(['person', 'import', '-'], `org,objectId,role\nnorth-council,${OFFICER},la-manager\n`)).toMatchObject({ code: 0, stdout: 'Registered 0 and updated 1 people from -\n' });
  });

  it('refuses a CSV without the required columns', async () => {
    const r = await s.run(['person', 'import', '-'], 'organisation,id\nx,y\n');
    expect([r.code, r.stderr]).toEqual([2, 'ehcp-review person: line 1: the header has no org, objectId, role column; columns: org,objectId,role,email,name\n']);
  });
});
