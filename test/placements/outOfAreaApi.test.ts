import { replaceCouncilSettings } from '../../bot/store/councilSettings';
import { registerPerson } from '../../bot/store/organisations';
import type { Principal } from '../../bot/store/principal';
import { demoSettings } from '../letters/support/letterFixtures';
import { CSV_HEADER, fullInvitees, registerPeople } from '../support/fixtures';
import { startTestService, type TestService } from '../../testkit/service';
import { storeKinds } from '../../testkit/stores';

/**
 * One service, two councils, one shared school (#26): North Primary is in North Council's
 * area; South Council places a child there too. Fixed clock: 1 March 2027.
 */
const NOW = new Date('2027-03-01T10:00:00Z');
const northTerms = [{ name: 'Spring 2027', start: '2027-01-04', end: '2027-03-26' }];
const southTerms = [{ name: 'Spring 2027', start: '2027-01-06', end: '2027-04-01', halfTerm: { start: '2027-02-15', end: '2027-02-19' } }];

describe.each(storeKinds)('children placed out of area, through the API on %s', (kind) => {
  let svc: TestService;
  const token = {} as Record<'northOfficer' | 'southOfficer' | 'southManager' | 'senco' | 'southSenco', string>;
  const ids = {} as Record<string, string>;

  beforeAll(async () => {
    svc = await startTestService(
      kind,
      async (db) => {
        const people = await registerPeople(db);
        await db.transaction(async (tx) => {
          const southManagerId = await registerPerson(tx, { orgId: 'south-council', entraObjectId: 'south-manager', role: 'la-manager', email: 'manager@south.example' });
          const southManager: Principal = { orgId: 'south-council', orgKind: 'council', role: 'la-manager', userId: 'south-manager', personId: southManagerId, email: null, councilId: 'south-council' };
          await replaceCouncilSettings(tx, people.manager, { ...demoSettings, councilName: 'North Council', termDates: northTerms, sendiassName: 'North SENDIASS' });
          await replaceCouncilSettings(tx, southManager, { ...demoSettings, councilName: 'South Council', termDates: southTerms, sendiassName: 'South SENDIASS' });
        });
      },
      {},
      { now: () => NOW },
    );
    token.northOfficer = await svc.token('la-officer', 'north-council', 'officer');
    token.southOfficer = await svc.token('la-officer', 'south-council', 'south-officer');
    token.southManager = await svc.token('la-manager', 'south-council', 'south-manager');
    token.senco = await svc.token('senco', 'north-school', 'senco');
    token.southSenco = await svc.token('senco', 'south-school', 'south-senco');
  });
  afterAll(() => svc.stop());

  const csv = (rows: string[]) => `${CSV_HEADER}\n${rows.join('\n')}\n`;
  const importAs = (who: string, rows: string[]) => svc.call('POST', '/api/caseload/import', { token: who, body: csv(rows), headers: { 'content-type': 'text/csv' } });

  it('lets both councils import a child at the shared school; an unregistered setting is a line error naming it', async () => {
    const north = await importAs(token.northOfficer, ['N-1,Nia North,north-school,2026-06-10,,,4,,,']);
    expect(north.body).toMatchObject({ created: 1, rejected: 0 });
    const south = await importAs(token.southOfficer, ['S-1,Sam South,north-school,2026-05-01,,,5,,,', 'S-2,Sol Nowhere,oak-nowhere,2026-05-01,,,5,,,']);
    expect(south.status).toBe(200);
    expect(south.body).toMatchObject({ created: 1, rejected: 1 });
    expect(south.body.errors).toEqual([{ line: 3, field: 'school', message: expect.stringMatching(/^"oak-nowhere" is not a registered setting/) }]);
  });

  it("gives the SENCO one list with both councils' children, each named with its council", async () => {
    const list = await svc.call('GET', '/api/reviews', { token: token.senco });
    expect(list.status).toBe(200);
    const items = list.body.items.map((i: { laReference: string; councilId: string; councilName: string; reviewDeadline: string }) => [i.laReference, i.councilId, i.councilName, i.reviewDeadline]);
    expect(items).toEqual([
      ['S-1', 'south-council', 'South Council', '2027-04-30'],
      ['N-1', 'north-council', 'North Council', '2027-06-09'],
    ]);
    for (const item of list.body.items) ids[item.laReference] = item.id;
    const onlySouth = await svc.call('GET', '/api/reviews?council=south-council', { token: token.senco });
    expect(onlySouth.body.items.map((i: { laReference: string }) => i.laReference)).toEqual(['S-1']);
  });

  it("lets the SENCO book each, and each review carries its own council's settings and term dates", async () => {
    const book = (id: string, meetingDate: string) =>
      svc.call('POST', `/api/reviews/${id}/meeting`, { token: token.senco, body: { meetingDate, invitationsSentOn: '2027-03-01', invitees: fullInvitees(), mode: 'in-person' } });
    expect((await book(ids['S-1'] as string, '2027-03-25')).status).toBe(201);
    expect((await book(ids['N-1'] as string, '2027-04-20')).status).toBe(201);
    const south = await svc.call('GET', `/api/reviews/${ids['S-1']}`, { token: token.senco });
    const north = await svc.call('GET', `/api/reviews/${ids['N-1']}`, { token: token.senco });
    expect(south.body.council).toMatchObject({ id: 'south-council', name: 'South Council', termDates: southTerms, sendiass: { name: 'South SENDIASS' } });
    expect(north.body.council).toMatchObject({ id: 'north-council', name: 'North Council', termDates: northTerms, sendiass: { name: 'North SENDIASS' } });
    expect(south.body.meeting.date).toBe('2027-03-25');
    expect(south.body.timeline.decisionDue).toBe('2027-04-22');
  });

  it("shows each council's officer only its own children, even at the shared school (404 for the other's)", async () => {
    const north = await svc.call('GET', '/api/reviews', { token: token.northOfficer });
    const south = await svc.call('GET', '/api/reviews', { token: token.southOfficer });
    expect(north.body.items.map((i: { laReference: string }) => i.laReference)).toEqual(['N-1']);
    expect(south.body.items.map((i: { laReference: string }) => i.laReference)).toEqual(['S-1']);
    expect((await svc.call('GET', `/api/reviews/${ids['N-1']}`, { token: token.southOfficer })).status).toBe(404);
    expect((await svc.call('GET', `/api/reviews/${ids['S-1']}`, { token: token.northOfficer })).status).toBe(404);
    const write = await svc.call('POST', `/api/reviews/${ids['S-1']}/advice`, { token: token.northOfficer, body: { fromRole: 'health', receivedOn: '2027-03-01' } });
    expect(write.status).toBe(404);
    expect((await svc.call('GET', `/api/reviews/${ids['N-1']}/export`, { token: token.southManager })).status).toBe(404);
    // The school of the other council's area sees neither.
    expect((await svc.call('GET', '/api/reviews', { token: token.southSenco })).body.items).toEqual([]);
  });

  it('finds registered settings by name or URN, and registers a missing one with its reason audited', async () => {
    const found = await svc.call('GET', '/api/settings?q=north', { token: token.southOfficer });
    expect(found.status).toBe(200);
    expect(found.body.items.map((s: { id: string; localCouncilId: string }) => [s.id, s.localCouncilId])).toEqual([
      // By name: North Academy, North Primary.
      ['north-school-b', 'north-council'],
      ['north-school', 'north-council'],
    ]);
    expect((await svc.call('GET', '/api/settings?q=%00ab', { token: token.southOfficer })).status).toBe(400);
    expect((await svc.call('GET', '/api/settings?q=n', { token: token.southOfficer })).body.problems).toEqual([{ field: 'q', message: 'type at least two characters of the name, or the start of the URN' }]);
    const body = { id: 'oak-college', name: 'Oak Further Education College', settingType: 'college', urn: '10001234', localCouncil: 'north-council', reason: 'S-2 starts at Oak College in April; not yet on the service' };
    const added = await svc.call('POST', '/api/settings', { token: token.southOfficer, body });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ id: 'oak-college', name: 'Oak Further Education College', settingType: 'college', urn: '10001234', localCouncilId: 'north-council', localCouncilName: 'North Council' });
    expect((await svc.call('GET', '/api/settings?q=1000', { token: token.northOfficer })).body.items.map((s: { id: string }) => s.id)).toEqual(['oak-college']);
    const again = await svc.call('POST', '/api/settings', { token: token.northOfficer, body: { ...body, id: 'oak-college-2' } });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/Oak Further Education College \(oak-college, URN 10001234\) is already registered/);
    const bad = await svc.call('POST', '/api/settings', { token: token.southOfficer, body: { id: 'x', settingType: 'nursery', localCouncil: 'nowhere-council' } });
    expect(bad.status).toBe(400);
    expect(bad.body.problems.map((p: { field: string }) => p.field).sort()).toEqual(['id', 'name', 'reason', 'settingType']);
    const placed = await importAs(token.southOfficer, ['S-2,Sol Nowhere,oak-college,2026-05-01,,,12,,,']);
    expect(placed.body).toMatchObject({ created: 1, rejected: 0 });
  });

  it('transfers a plan between councils on the service: old record closed as transferred, Reg 15 dates, history kept, both councils and the school told', async () => {
    // Sam moves from South's area into North's on 1 March 2027; South learned of it on 22 February (less than 15 working days before).
    const stale = await svc.call('POST', `/api/reviews/${ids['S-1']}/transfer`, { token: token.southOfficer, body: { toCouncil: 'north-council', movedOn: '2027-03-01' }, headers: { 'if-match': '"stale.1"' } });
    expect(stale.status).toBe(412);
    const moved = await svc.call('POST', `/api/reviews/${ids['S-1']}/transfer`, {
      token: token.southOfficer,
      body: { toCouncil: 'north-council', movedOn: '2027-03-01', awareOn: '2027-02-22', newLaReference: 'N-77' },
      headers: { 'idempotency-key': 'move-s1' },
    });
    expect(moved.status).toBe(201);
    expect(moved.body).toMatchObject({
      status: 'transferred',
      from: { council: 'south-council', laReference: 'S-1', record: 'closed as transferred' },
      to: { council: 'north-council', laReference: 'N-77', reviewId: ids['S-1'] },
      // Reg 15(2): 15 working days beginning 22 February; Reg 15(4): 6 weeks; Reg 15(5): later of 30 April (12 months) and 31 May (3 months).
      dates: { transferDueBy: '2027-03-12', familyToldBy: '2027-04-12', reviewDeadline: '2027-05-31' },
      warnings: [],
    });
    expect(moved.body.notified.map((n: { to: string; orgId: string }) => [n.to, n.orgId])).toEqual([
      ['old-council', 'south-council'],
      ['new-council', 'north-council'],
      ['school', 'north-school'],
    ]);
    const replay = await svc.call('POST', `/api/reviews/${ids['S-1']}/transfer`, {
      token: token.southOfficer,
      body: { toCouncil: 'north-council', movedOn: '2027-03-01', awareOn: '2027-02-22', newLaReference: 'N-77' },
      headers: { 'idempotency-key': 'move-s1' },
    });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');

    // The new council has the case with the meeting the school booked, and the dates Reg 15 gives.
    const detail = await svc.call('GET', `/api/reviews/${ids['S-1']}`, { token: token.northOfficer });
    expect(detail.status).toBe(200);
    expect(detail.body.child.laReference).toBe('N-77');
    expect(detail.body.council.name).toBe('North Council');
    expect(detail.body.meeting.date).toBe('2027-03-25');
    expect(detail.body.plan).toMatchObject({ issuedOn: '2026-05-01', councilId: 'north-council' });
    expect(detail.body.timeline.reviewDeadline).toBe('2027-05-31');
    expect(detail.body.timeline.decisionDue).toBe('2027-04-22');
    expect(detail.body.timeline.steps.find((s: { id: string }) => s.id === 'familyToldOfTransfer')).toMatchObject({ date: '2027-04-12', source: 'Reg 15(4)' });
    expect(detail.body.transferredFrom).toMatchObject({ transferredFrom: 'south-council', previousReference: 'S-1', transferredOn: '2027-03-01', familyToldBy: '2027-04-12', reviewDeadline: '2027-05-31' });

    // The old council no longer sees the review; its closed record is in its transfers.
    expect((await svc.call('GET', `/api/reviews/${ids['S-1']}`, { token: token.southOfficer })).status).toBe(404);
    const outs = await svc.call('GET', '/api/transfers', { token: token.southOfficer });
    expect(outs.body.items).toEqual([
      expect.objectContaining({ direction: 'out', status: 'transferred', laReference: 'S-1', toCouncil: { id: 'north-council', name: 'North Council' }, transferredOn: '2027-03-01', reviewId: null }),
    ]);
    const ins = await svc.call('GET', '/api/transfers', { token: token.northOfficer });
    expect(ins.body.items).toEqual([expect.objectContaining({ direction: 'in', laReference: 'N-77', reviewId: ids['S-1'] })]);
    // The SENCO still has the child, now under North.
    const list = await svc.call('GET', '/api/reviews', { token: token.senco });
    expect(list.body.items.find((i: { id: string }) => i.id === ids['S-1'])).toMatchObject({ laReference: 'N-77', councilId: 'north-council' });
    // South's old spreadsheet cannot reopen the closed record.
    const reimport = await importAs(token.southOfficer, ['S-1,Sam South,north-school,2026-05-01,,,5,,,']);
    expect(reimport.body.errors).toEqual([{ line: 2, field: 'laReference', message: "S-1's plan was transferred to north-council on 2027-03-01; take this line out of your caseload" }]);
  });

  it('refuses a transfer to a council not on the service, pointing to the export, and exports the case as documented JSON', async () => {
    const off = await svc.call('POST', `/api/reviews/${ids['N-1']}/transfer`, { token: token.northOfficer, body: { toCouncil: 'east-council', movedOn: '2027-03-01' } });
    expect(off.status).toBe(409);
    expect(off.body).toMatchObject({ error: 'council-not-on-service', message: expect.stringContaining('GET /api/reviews/{id}/export') });
    const exported = await svc.call('GET', `/api/reviews/${ids['N-1']}/export`, { token: token.northOfficer });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toBe('attachment; filename="case-N-1.json"');
    expect(exported.body).toMatchObject({
      format: 'ehcp-review/case-export',
      version: 1,
      exportedBy: { council: 'north-council' },
      child: { name: 'Nia North', laReference: 'N-1' },
      plan: { issuedOn: '2026-06-10', setting: { id: 'north-school', name: 'North Primary' }, transferredOutOn: null },
    });
    expect(exported.body.reviews).toHaveLength(1);
    expect(exported.body.reviews[0]).toMatchObject({ id: ids['N-1'], meeting: { date: '2027-04-20' } });
    expect(exported.body.audit.map((a: { action: string }) => a.action)).toContain('child.imported');
  });
});
