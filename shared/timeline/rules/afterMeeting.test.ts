import { amendmentNoticeDue } from './amendmentNoticeDue';
import { appealDeadline } from './appealDeadline';
import { decisionDue } from './decisionDue';
import { familyResponseBy } from './familyResponseBy';
import { finalAmendedPlanDue } from './finalAmendedPlanDue';
import { nextReviewDeadline } from './nextReviewDeadline';
import { reportDue } from './reportDue';

describe('after the meeting', () => {
  it('needs the report by 2026-07-14 for a meeting on 2026-06-30 (Reg 20(7)-(8))', () => {
    expect(reportDue('2026-06-30')).toBe('2026-07-14');
  });
  it('needs the report by 2026-10-27 for a meeting on 2026-10-13, across the clock change', () => {
    expect(reportDue('2026-10-13')).toBe('2026-10-27');
  });
  it('needs the decision by 2026-07-28, four weeks after a meeting on 2026-06-30 (Reg 20(10))', () => {
    expect(decisionDue('2026-06-30', '2027-01-31')).toBe('2026-07-28');
  });
  it('caps the decision at the review deadline 2027-01-31 when the meeting on 2027-01-20 was late', () => {
    expect(decisionDue('2027-01-20', '2027-01-31')).toBe('2027-01-31');
  });
  it('needs the decision by 2024-02-29 after a meeting on 2024-02-01', () => {
    expect(decisionDue('2024-02-01', '2024-12-31')).toBe('2024-02-29');
  });
  it('needs the amendment notice with the decision, by 2026-07-28 (Reg 22(2); R (L) v Devon CC)', () => {
    expect(amendmentNoticeDue('2026-07-28')).toBe('2026-07-28');
  });
  it('ends the family’s 15 days on 2026-08-03 for a notice served on 2026-07-20 (Reg 22(2)(c))', () => {
    expect(familyResponseBy('2026-07-20')).toBe('2026-08-03');
  });
  it('ends the family’s 15 days on 2027-03-07 for a notice served on 2027-02-21', () => {
    expect(familyResponseBy('2027-02-21')).toBe('2027-03-07');
  });
  it('needs the final amended plan by 2026-09-14, 8 weeks after a notice on 2026-07-20 (Reg 22(3))', () => {
    expect(finalAmendedPlanDue('2026-07-20')).toBe('2026-09-14');
  });
  it('needs the final amended plan by the transfer deadline 2027-02-14 when 8 weeks would run past it', () => {
    expect(finalAmendedPlanDue('2026-12-20', '2027-02-14')).toBe('2027-02-14');
  });
  it('gives the family until 2026-09-28 to appeal a decision letter of 2026-07-28 (HESC r20(1)(c))', () => {
    expect(appealDeadline('2026-07-28')).toBe('2026-09-28');
  });
  it('gives until Monday 2026-10-12 when a mediation certificate on 2026-09-10 ends later (1 month, to Saturday 10 October, moved by r12(2))', () => {
    expect(appealDeadline('2026-07-28', '2026-09-10')).toBe('2026-10-12');
  });
  it('keeps the 2-month date when the mediation certificate month ends earlier', () => {
    expect(appealDeadline('2026-07-28', '2026-08-01')).toBe('2026-09-28');
  });
  it('gives Monday 2027-03-01 to appeal a letter of 2026-12-31 (no 31 February; Sunday 28 February moves on)', () => {
    expect(appealDeadline('2026-12-31')).toBe('2027-03-01');
  });
  it('sets the next review deadline to 2027-07-27 after a decision notified on 2026-07-28', () => {
    expect(nextReviewDeadline('2026-07-28')).toBe('2027-07-27');
  });
});
