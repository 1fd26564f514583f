import { rightsNoticeItems } from './rightsNotice';

describe('rights a decision letter must state (Reg 20(10)-(11), Reg 32; CoP 9.177)', () => {
  it('lists appeal, mediation, SENDIASS and disagreement resolution for a decision to maintain or cease', () => {
    for (const outcome of ['maintain', 'cease'] as const) {
      expect(rightsNoticeItems(outcome).map((i) => i.id)).toEqual(['appeal-right', 'mediation', 'information-advice-support', 'disagreement-resolution']);
    }
  });
  it('states the time limits: 2 months from the letter or 1 month from a mediation certificate', () => {
    expect(rightsNoticeItems('cease')[0]?.text).toContain('within 2 months after the date this letter was sent, or within 1 month of the date of a mediation certificate');
  });
  it('names the placement-only exemption from the certificate (CFA 2014 s55)', () => {
    expect(rightsNoticeItems('maintain')[1]?.text).toContain('only about the school or other institution named in the plan, its type, or that none is named');
  });
  it('leaves the rights to the final plan when the decision is to amend', () => {
    expect(rightsNoticeItems('amend')).toEqual([]);
  });
});
