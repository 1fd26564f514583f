import { bankHolidaysInEngland, easterSunday, isBankHolidayInEngland } from './bankHolidays';

describe('bank holidays in England', () => {
  it('lists the eight days of 2026', () => {
    expect(bankHolidaysInEngland(2026)).toEqual(['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28']);
  });
  it('lists the eight days of 2027, with Christmas on a Saturday moving to Monday 27 and Tuesday 28', () => {
    expect(bankHolidaysInEngland(2027)).toEqual(['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28']);
  });
  it('moves New Year 2028, a Saturday, to Monday 3 January', () => {
    expect(isBankHolidayInEngland('2028-01-03')).toBe(true);
    expect(isBankHolidayInEngland('2028-01-01')).toBe(false);
  });
  it('has the 2022 Platinum Jubilee (2 and 3 June, no 30 May) and the State Funeral on 19 September', () => {
    const days = bankHolidaysInEngland(2022);
    expect(days).toContain('2022-06-02');
    expect(days).toContain('2022-06-03');
    expect(days).toContain('2022-09-19');
    expect(days).not.toContain('2022-05-30');
  });
  it('has the 2023 Coronation on 8 May and VE Day 2020 on 8 May instead of 4 May', () => {
    expect(isBankHolidayInEngland('2023-05-08')).toBe(true);
    expect(isBankHolidayInEngland('2020-05-08')).toBe(true);
    expect(isBankHolidayInEngland('2020-05-04')).toBe(false);
  });
  it('puts Boxing Day 2026 (a Saturday) on Monday 28 December', () => {
    expect(isBankHolidayInEngland('2026-12-26')).toBe(false);
    expect(isBankHolidayInEngland('2026-12-28')).toBe(true);
  });
  it('finds Easter Sunday 2026-04-05, 2027-03-28 and 2024-03-31', () => {
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2024)).toBe('2024-03-31');
  });
});
