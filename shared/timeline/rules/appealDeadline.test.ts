import { isTribunalWorkingDay, tribunalLastDay } from '../../calendar/tribunalDays';
import { appealDeadline, mediationAdviserBy } from './appealDeadline';

describe('the last day to appeal, as the Tribunal counts it (HESC Rules 2008 r20(1)(c), r12)', () => {
  it('ends on the corresponding date: a notice sent on 5 March 2027 may be appealed until Wednesday 5 May 2027', () => {
    expect(appealDeadline('2027-03-05')).toBe('2027-05-05');
  });
  it('moves a last day on Saturday 8 May 2027 to Monday 10 May 2027 (r12(2))', () => {
    expect(appealDeadline('2027-03-08')).toBe('2027-05-10');
  });
  it('moves a last day on Monday 3 May 2027, the early May bank holiday, to Tuesday 4 May (r12(2))', () => {
    expect(appealDeadline('2027-03-03')).toBe('2027-05-04');
  });
  it('moves a last day on 27 December 2026 to Monday 4 January 2027, the first working day after 1 January (r12(3))', () => {
    expect(appealDeadline('2026-10-27')).toBe('2027-01-04');
  });
  it('moves a last day on 1 January 2027 to Monday 4 January 2027 (r12(3))', () => {
    expect(appealDeadline('2026-11-01')).toBe('2027-01-04');
  });
  it('moves a last day on Tuesday 10 August 2027 to Wednesday 1 September 2027 (r12(3)), though 10 August is a working day', () => {
    expect(appealDeadline('2027-06-10')).toBe('2027-09-01');
  });
  it('moves a last day in August 2026 to Tuesday 1 September 2026 (31 August 2026 is the summer bank holiday; 1 September is after it)', () => {
    expect(appealDeadline('2026-06-30')).toBe('2026-09-01');
  });
  it('takes 1 month from a mediation certificate of 2 September 2027 when that ends later: Monday 4 October 2027 (2 October is a Saturday)', () => {
    expect(appealDeadline('2027-06-10', '2027-09-02')).toBe('2027-10-04');
  });
  it('keeps the 2 months when the certificate’s month ends first', () => {
    expect(appealDeadline('2027-03-05', '2027-03-20')).toBe('2027-05-05');
  });
  it('counts a notice sent on 31 December 2026 to 28 February 2027, a Sunday, so Monday 1 March 2027', () => {
    expect(appealDeadline('2026-12-31')).toBe('2027-03-01');
  });
});

describe('the Tribunal’s working days (HESC Rules 2008 r12)', () => {
  it('are not weekends, Christmas Day, Good Friday or bank holidays', () => {
    expect(['2027-03-26', '2027-12-25', '2027-12-27', '2027-05-08'].map(isTribunalWorkingDay)).toEqual([false, false, false, false]);
    expect(isTribunalWorkingDay('2027-05-05')).toBe(true);
  });
  it('leave a working day alone', () => {
    expect(tribunalLastDay('2027-11-10')).toBe('2027-11-10');
  });
  it('move 31 December 2027 to Tuesday 4 January 2028 (the New Year substitute is Monday 3 January)', () => {
    expect(tribunalLastDay('2027-12-31')).toBe('2028-01-04');
  });
});

describe('the last day to contact the mediation adviser (Reg 33)', () => {
  it('is 2 months after the notice and does not move at a weekend: Saturday 8 May 2027 for a notice of 8 March', () => {
    expect(mediationAdviserBy('2027-03-08')).toBe('2027-05-08');
  });
});
