import { computeTimeline } from '../timeline/computeTimeline';
import { familyToldBy, planTransferDates, planTransferRules, transferDueBy, transferReviewDeadline } from './planTransfer';

describe('transferring an EHC plan between councils (SEND Regs 2014 reg 15)', () => {
  it('transfers on the day of the move when the old council knew 15 working days before (Reg 15(2))', () => {
    expect(transferDueBy('2027-03-01', '2027-01-04')).toBe('2027-03-01');
    // 15 working days beginning Monday 8 February end Friday 26 February, before the move on 1 March.
    expect(transferDueBy('2027-03-01', '2027-02-08')).toBe('2027-03-01');
    expect(transferDueBy('2027-03-01')).toBe('2027-03-19');
  });

  it('otherwise within 15 working days beginning with the day it became aware, bank holidays not counted', () => {
    expect(transferDueBy('2027-03-01', '2027-02-22')).toBe('2027-03-12');
    // Aware on Saturday 27 March 2027, Easter weekend: Easter Monday (29 March) is a bank holiday, so the first working day is Tuesday 30 March and the 15th is Monday 19 April.
    expect(transferDueBy('2027-03-27', '2027-03-27')).toBe('2027-04-19');
  });

  it('gives the new council 6 weeks to tell the family (Reg 15(4))', () => {
    expect(familyToldBy('2027-03-01')).toBe('2027-04-12');
  });

  it('has the new council review by the later of the 12 months and 3 months from the transfer (Reg 15(5))', () => {
    expect(transferReviewDeadline('2027-04-30', '2027-03-01')).toBe('2027-05-31');
    expect(transferReviewDeadline('2027-09-30', '2027-03-01')).toBe('2027-09-30');
    // 3 months beginning 30 November: there is no 30 February, so the period ends on the last day of February.
    expect(transferReviewDeadline('2027-01-15', '2026-11-30')).toBe('2027-02-28');
  });

  it('keeps the review clock: the timeline after a transfer runs to the later date, with the Reg 15(4) step', () => {
    const t = computeTimeline({ planIssued: '2026-05-01', transferredIn: '2027-03-01' }, { today: '2027-03-01' });
    expect(t.reviewDeadline).toBe('2027-05-31');
    expect(t.latestMeetingDate).toBe('2027-05-03');
    expect(t.steps.find((s) => s.id === 'reviewDeadline')?.source).toBe('Reg 15(5); CFA 2014 s44(1); CoP 9.169');
    expect(t.steps.find((s) => s.id === 'familyToldOfTransfer')).toMatchObject({ date: '2027-04-12', source: 'Reg 15(4)', state: 'due' });
    // A review concluded after the transfer starts an ordinary 12 months.
    const later = computeTimeline({ planIssued: '2026-05-01', lastReviewConcluded: '2027-05-20', transferredIn: '2027-03-01' });
    expect(later.reviewDeadline).toBe('2028-05-19');
    expect(later.steps.some((s) => s.id === 'familyToldOfTransfer')).toBe(false);
  });

  it('names its source for each date, and lists the rules it encodes', () => {
    expect(planTransferDates({ movedOn: '2027-03-01', awareOn: '2027-02-22', transferredOn: '2027-03-01', s44Deadline: '2027-04-30' })).toEqual({
      transferDueBy: '2027-03-12',
      familyToldBy: '2027-04-12',
      reviewDeadline: '2027-05-31',
      sources: { transferDueBy: 'Reg 15(2)', familyToldBy: 'Reg 15(4)', reviewDeadline: 'Reg 15(5)' },
    });
    expect(planTransferRules.map((r) => r.source)).toEqual(['Reg 15(2)', 'Reg 15(3)(a)', 'Reg 15(4)', 'Reg 15(5)']);
  });
});
