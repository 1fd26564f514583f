import { CSV_HEADER, fullInvitees, importRows, registerPeople } from '../support/fixtures';
import { startTestService, type TestService } from '../../testkit/service';
import { storeKinds } from '../../testkit/stores';

/**
 * Findings 1 and 2 of issue #19, sent as the attacker sent them: a school reading and
 * overwriting the contacts of a child who has left it, and an invited professional
 * recording advice in someone else's name, with a made-up file and any date.
 */
const TODAY = '2026-11-24';
const now = () => new Date(`${TODAY}T10:00:00Z`);
const csv = (rows: string[]) => `${CSV_HEADER}\n${rows.join('\n')}\n`;

describe.each(storeKinds)('one party acting on another’s data, on %s', (kind) => {
  let svc: TestService;
  let officer: string;
  let oldSenco: string;
  let newSenco: string;
  let ep: string;
  let ids: Record<string, string>;
  beforeAll(async () => {
    svc = await startTestService(
      kind,
      async (db) => {
        const people = await registerPeople(db);
        ids = await importRows(db, people.officer, ['M-1,Isla Example,north-school,2025-12-01,,,4,,,2026-11-20', 'A-1,Ada Example,north-school,2026-02-10,,,4,,,']);
      },
      {},
      { now },
    );
    officer = await svc.token('la-officer', 'north-council', 'officer');
    oldSenco = await svc.token('senco', 'north-school', 'senco');
    newSenco = await svc.token('senco', 'north-school-b', 'senco-b');
    ep = await svc.token('professional', 'nhs', 'ep');
  }, 60_000);
  afterAll(() => svc.stop());

  it('finding 1: the old school can neither read nor replace the contacts of a child who has moved school', async () => {
    const parent = { role: 'parent', name: 'Pat Example', email: 'pat@home.example' };
    const old = ids['M-1'] as string;
    expect((await svc.call('PUT', `/api/reviews/${old}/contacts`, { token: oldSenco, body: { contacts: [parent] } })).status).toBe(200);
    // The review runs to its end at the old school, then the council moves the child.
    expect((await svc.call('POST', `/api/reviews/${old}/report`, { token: oldSenco, body: { sentOn: TODAY, recommendation: 'maintain' } })).status).toBe(201);
    expect((await svc.call('POST', `/api/reviews/${old}/decision`, { token: officer, body: { outcome: 'maintain', notifiedOn: TODAY, reasons: 'Needs met.' } })).status).toBe(201);
    const moved = await svc.call('POST', '/api/caseload/import', { token: officer, body: csv([`M-1,Isla Example,north-school-b,2025-12-01,${TODAY},,4,,,`]), headers: { 'content-type': 'text/csv' } });
    expect(moved.status).toBe(200);
    const [current] = (await svc.call('GET', '/api/reviews?q=M-1', { token: newSenco })).body.items as { id: string }[];
    expect(current?.id).toBeDefined();
    expect(current?.id).not.toBe(old);

    // The old school still sees its concluded review, but not the family's addresses.
    expect((await svc.call('GET', `/api/reviews/${old}`, { token: oldSenco })).body.contacts).toEqual([]);
    expect((await svc.call('GET', `/api/reviews/${old}/contacts`, { token: oldSenco })).status).toBe(404);
    const attack = await svc.call('PUT', `/api/reviews/${old}/contacts`, { token: oldSenco, body: { contacts: [{ role: 'parent', name: 'X', email: 'attacker@evil.example' }] } });
    expect(attack.status).toBe(404);

    // The new school and the council hold them, unchanged.
    expect((await svc.call('GET', `/api/reviews/${current?.id}/contacts`, { token: newSenco })).body.contacts).toEqual([parent]);
    expect((await svc.call('GET', `/api/reviews/${old}/contacts`, { token: officer })).body.contacts).toEqual([parent]);
  });

  describe('finding 2: advice is recorded as the invited professional', () => {
    let review: string;
    beforeAll(async () => {
      review = ids['A-1'] as string;
      const booked = await svc.call('POST', `/api/reviews/${review}/meeting`, {
        token: oldSenco,
        body: { meetingDate: '2026-12-15', invitationsSentOn: TODAY, invitees: fullInvitees('ep@nhs.example'), mode: 'in-person' },
      });
      expect(booked.status).toBe(201);
    });
    const post = (body: Record<string, unknown>) => svc.call('POST', `/api/reviews/${review}/advice`, { token: ep, body });

    it('refuses advice in another role’s name (403), and the family’s request stays open', async () => {
      const res = await post({ fromRole: 'parent', receivedOn: TODAY });
      expect(res.status).toBe(403);
      expect(res.body.message).toContain('invited to this review as health');
      const detail = await svc.call('GET', `/api/reviews/${review}`, { token: officer });
      expect(detail.body.advice.outstanding.map((r: { fromRole: string }) => r.fromRole)).toContain('parent');
    });

    it('refuses a made-up file pointer (400 on itemId)', async () => {
      const res = await post({ fromRole: 'health', receivedOn: TODAY, driveId: 'b!made-up', itemId: '01MADEUP', fileName: 'advice.pdf' });
      expect(res).toMatchObject({ status: 400, body: { problems: [{ field: 'itemId', message: expect.stringContaining('did not store') }] } });
    });

    it.each([
      ['2020-01-01', 'before this review began'],
      ['2999-01-01', 'after today'],
    ])('refuses receivedOn %s (400)', async (receivedOn, says) => {
      const res = await post({ receivedOn });
      expect(res).toMatchObject({ status: 400, body: { problems: [{ field: 'receivedOn', message: expect.stringContaining(says) }] } });
    });

    it('records the role and author from the invitation, whatever the body says about the author', async () => {
      const res = await post({ receivedOn: TODAY, author: 'The Parent' });
      expect(res.status).toBe(201);
      const detail = await svc.call('GET', `/api/reviews/${review}`, { token: officer });
      const item = detail.body.advice.items.find((i: { id: number }) => i.id === res.body.adviceId);
      expect(item).toMatchObject({ fromRole: 'health', driveId: null, itemId: null });
      expect(item.author).not.toBe('The Parent');
    });
  });
});
