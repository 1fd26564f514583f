import { startTestService, type TestService } from '../../testkit/service';
import { pdfText, squash } from './support/documents';

describe('the demo council', () => {
  let svc: TestService;
  let officer: string;
  beforeAll(async () => {
    svc = await startTestService('pglite', async () => {}, { SEED_DEMO: 'true' });
    officer = await svc.token('la-officer', 'demo-council', 'demo-officer');
  }, 120_000);
  afterAll(() => svc.stop());

  it('has every letter setting seeded', async () => {
    const res = await svc.call('GET', '/api/council/settings', { token: officer });
    expect(res.body).toMatchObject({ version: 1, missing: { maintainOrCeaseLetters: [], amendLetters: [], finalPlanLetters: [], notAmendingLetters: [], sending: [] }, settings: { letterDelivery: 'draft' } });
  });

  it('writes the letter of each seeded decision, maintain, amend and cease', async () => {
    const rows = await svc.service.db.query<{ review_id: string; outcome: string }>(
      "select distinct on (outcome) review_id, outcome from decisions d join review_cycles r on r.id = d.review_id where r.council_id = 'demo-council' order by outcome, review_id",
    );
    expect(rows.map((r) => r.outcome)).toEqual(['amend', 'cease', 'maintain']);
    for (const row of rows) {
      const res = await fetch(`${svc.url}/api/reviews/${row.review_id}/letter?format=pdf`, { headers: { authorization: `Bearer ${officer}` } });
      expect([row.outcome, res.status]).toEqual([row.outcome, 200]);
      const text = squash(pdfText(Buffer.from(await res.arrayBuffer())));
      expect(text).toContain('Demo Borough SENDIASS (fictional) gives free information, advice and support');
      expect(text).toContain(row.outcome === 'amend' ? 'Section F (special educational provision): Demo amendment' : 'The last day to appeal is');
    }
  });
});
