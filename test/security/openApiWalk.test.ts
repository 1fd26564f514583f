import { fullInvitees, CSV_HEADER, importRows, registerPeople } from '../support/fixtures';
import { startTestService, type TestService } from '../../testkit/service';
import { storeKinds } from '../../testkit/stores';
import { demoSettings } from '../letters/support/letterFixtures';
import type { Role } from '../../bot/auth';

/**
 * Walks the API as /api/openapi.json describes it (issue #19, "Done when"): every write is
 * sent a stale If-Match and must refuse it (412); every read is sent a NUL, a forged paging
 * cursor and an oversize value in each of its parameters, and must answer a 400 naming the
 * field, never a 500. A route added to the description without a sample body below fails
 * here, so new writes are walked too.
 */
const TODAY = '2026-11-24';
const now = () => new Date(`${TODAY}T10:00:00Z`);
const STALE = '"00000000-0000-0000-0000-000000000000.999"';
const FORGED_CURSOR = Buffer.from(JSON.stringify(['x', '0000000000000000'])).toString('base64url');

type Op = { summary?: string; description?: string; parameters?: { name: string; in: string; schema?: { type?: string } }[] };
type Doc = { paths: Record<string, Record<string, Op>> };

const orgOf: Record<Role, [string, string]> = {
  senco: ['north-school', 'senco'],
  'la-officer': ['north-council', 'officer'],
  'la-manager': ['north-council', 'manager'],
  professional: ['nhs', 'ep'],
};

/** A request each write would accept but for its If-Match, so the stale tag is what refuses it. */
const samples: Record<string, { body?: unknown; csv?: string }> = {
  'POST /api/caseload/import': { csv: `${CSV_HEADER}\nW-9,Walk Example,north-school,2026-02-10,,,4,,,\n` },
  'POST /api/reviews/{id}/meeting': { body: { meetingDate: '2026-12-16', invitationsSentOn: TODAY, invitees: fullInvitees(), mode: 'in-person' } },
  'POST /api/reviews/{id}/advice': { body: { fromRole: 'health', receivedOn: TODAY } },
  'POST /api/reviews/{id}/report': { body: { sentOn: TODAY, recommendation: 'maintain' } },
  'POST /api/reviews/{id}/decision': { body: { outcome: 'maintain', notifiedOn: TODAY, reasons: 'Needs met.' } },
  'POST /api/reviews/{id}/amendment': { body: { noticeServedOn: TODAY } },
  'POST /api/reviews/{id}/letter/send': { body: {} },
  'POST /api/reviews/{id}/letter/preview': { body: { outcome: 'maintain', reasons: 'The plan still meets the needs' } },
  'PUT /api/council/settings': { body: demoSettings },
  'PUT /api/council/retention': { body: { schedule: {}, confirm: false } },
  'POST /api/children/{laReference}/rectify': { body: { name: 'Walk Corrected', reason: 'name misspelt at import' } },
  'POST /api/children/{laReference}/erase': { body: { reason: 'record created in error at import' } },
  'POST /api/reviews/{id}/advice-requests/{requestId}/link': {},
  'PUT /api/reviews/{id}/contacts': { body: { contacts: [] } },
  'POST /api/reviews/{id}/outlook/teams': { body: { eventId: 'AAMkAGI2' } },
  'POST /api/reviews/{id}/outlook/attachments': { body: { eventId: 'AAMkAGI2', adviceItemId: 1 } },
  'POST /api/reviews/{id}/nudge': {},
  'POST /api/auth/teams-sso': {},
  'PUT /api/reviews/{id}/report/draft': { body: { variant: 'general' } },
  'POST /api/reviews/{id}/report/attendance': {},
  'POST /api/reviews/{id}/report/submit': {},
  'POST /api/reviews/{id}/report/send': {},
  'POST /api/settings': { body: { id: 'walk-school', name: 'Walk School', settingType: 'school', localCouncil: 'north-council', reason: 'Not yet on the service' } },
  'POST /api/reviews/{id}/transfer': { body: { toCouncil: 'south-council', movedOn: TODAY } },
  'POST /api/reviews/{id}/letter/send-draft': { body: {} },
  'POST /api/reviews/{id}/letter/posted': { body: { postedOn: TODAY } },
  'POST /api/reviews/{id}/representations': { body: { receivedOn: TODAY, summary: 'The family agree.' } },
  'POST /api/reviews/{id}/final-plan': { body: { plan: { driveId: 'b!drive', itemId: '01PLAN' } } },
  'POST /api/reviews/{id}/not-amending': { body: { reasons: 'The plan stays as it is.' } },
  'POST /api/reviews/{id}/cease': { body: { decision: 'cease', decidedOn: TODAY, reasons: 'The outcomes are met.' } },
  'POST /api/reviews/{id}/plan-end': { body: { endsOn: TODAY } },
  'POST /api/reviews/{id}/early': { body: { kind: 'early', reason: 'A significant change at home.' } },
  'POST /api/reviews/{id}/addressee': { body: { addressee: 'young-person-and-parent' } },
  'PUT /api/caseload/mapping': { body: { columns: { laReference: 'Ref' } } },
};

describe.each(storeKinds)('the API as its OpenAPI description says, on %s', (kind) => {
  let svc: TestService;
  let doc: Doc;
  let review: string;
  let requestId: number;
  const tokens = {} as Record<Role, string>;
  beforeAll(async () => {
    let ids: Record<string, string> = {};
    svc = await startTestService(kind, async (db) => {
      const people = await registerPeople(db);
      ids = await importRows(db, people.officer, ['W-1,Walk Example,north-school,2026-02-10,,,4,,,']);
    }, {}, { now });
    for (const [role, [org, user]] of Object.entries(orgOf) as [Role, [string, string]][]) tokens[role] = await svc.token(role, org, user);
    review = ids['W-1'] as string;
    const booked = await svc.call('POST', `/api/reviews/${review}/meeting`, { token: tokens.senco, body: samples['POST /api/reviews/{id}/meeting']?.body });
    expect(booked.status).toBe(201);
    requestId = (await svc.call('GET', `/api/reviews/${review}`, { token: tokens.senco })).body.advice.requests[0].id;
    doc = (await svc.call('GET', '/api/openapi.json')).body;
  }, 60_000);
  afterAll(() => svc.stop());

  const operations = (methods: string[]) =>
    Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).filter(([m]) => methods.includes(m)).map(([m, op]) => ({ endpoint: `${m.toUpperCase()} ${path}`, path, method: m.toUpperCase(), op })));
  const roleFor = (op: Op): Role => (/Roles: ([a-z-]+)/.exec(op.description ?? '')?.[1] ?? 'la-officer') as Role;
  const concrete = (path: string) => path.replace('{id}', review).replace('{requestId}', String(requestId)).replace('{laReference}', 'W-1');

  it('has a sample request for every write it describes', () => {
    expect(operations(['post', 'put', 'patch', 'delete']).map((o) => o.endpoint).sort()).toEqual(Object.keys(samples).sort());
  });

  it('refuses a stale If-Match on every write (412), changing nothing', async () => {
    const before = (await svc.call('GET', `/api/reviews/${review}`, { token: tokens.senco })).headers.get('etag');
    const answers: Record<string, number> = {};
    for (const { endpoint, path, method, op } of operations(['post', 'put', 'patch', 'delete'])) {
      const sample = samples[endpoint] ?? {};
      const res = await svc.call(method, concrete(path), {
        token: tokens[roleFor(op)],
        headers: { 'if-match': STALE, ...(sample.csv ? { 'content-type': 'text/csv' } : {}) },
        ...(sample.csv ? { body: sample.csv } : sample.body !== undefined ? { body: sample.body } : {}),
      });
      answers[endpoint] = res.status;
    }
    expect(answers).toEqual(Object.fromEntries(Object.keys(samples).map((e) => [e, 412])));
    expect((await svc.call('GET', `/api/reviews/${review}`, { token: tokens.senco })).headers.get('etag')).toBe(before);
  });

  it('answers a NUL, a forged cursor and an oversize value in any parameter of any read with a 400 naming it, never a 500', async () => {
    const faults: string[] = [];
    for (const { endpoint, path, op } of operations(['get'])) {
      if (!path.startsWith('/api/')) continue;
      const names = [...new Set([...(op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name), 'cursor'])];
      const token = tokens[roleFor(op)];
      for (const name of names) {
        for (const [what, value] of [
          ['NUL', 'a\u0000b'],
          ['forged cursor', FORGED_CURSOR],
          ['oversize', 'x'.repeat(5000)],
          ['oversize number', '9'.repeat(40)],
        ] as const) {
          const res = await svc.call('GET', `${concrete(path)}?${name}=${encodeURIComponent(value)}`, { token });
          const named = Array.isArray(res.body?.problems) && res.body.problems.some((p: { field: string }) => p.field === name || p.field.startsWith(`${name}.`));
          // A parameter a route ignores by design may be answered 200; what must never happen is a 500 or a 400 that does not say what to fix.
          if (res.status >= 500 || (res.status === 400 && !named) || (what === 'NUL' && res.status !== 400)) faults.push(`${endpoint} ${name} (${what}): ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        }
      }
      const nulId = await svc.call('GET', path.replace('{id}', 'a%00b').replace('{requestId}', '1'), { token });
      if (nulId.status >= 500) faults.push(`${endpoint} NUL in the path: ${nulId.status}`);
    }
    expect(faults).toEqual([]);
  });
});
