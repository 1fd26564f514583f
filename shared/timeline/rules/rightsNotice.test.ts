import { rightsNoticeItems } from './rightsNotice';

describe('rights a decision letter must state (Reg 20(10)-(11), Reg 32; CoP 9.177)', () => {
  it('lists appeal, mediation, SENDIASS and disagreement resolution for a decision to maintain or cease', () => {
    for (const outcome of ['maintain', 'cease'] as const) {
      expect(rightsNoticeItems(outcome).map((i) => i.id)).toEqual(['appeal-right', 'mediation', 'information-advice-support', 'disagreement-resolution']);
    }
  });
  it('states the time limits: 2 months from the letter or 1 month from a mediation certificate', () => {
    expect(rightsNoticeItems('cease')[0]?.text).toContain('within 2 months of the date of this letter, or within 1 month of the date of a mediation certificate');
  });
  it('leaves the rights to the final plan when the decision is to amend', () => {
    expect(rightsNoticeItems('amend')).toEqual([]);
  });
});
