import { preparingForAdulthood, ncYearOn } from './preparingForAdulthood';
import { ageOn, under5ReviewBy } from './under5Cadence';

describe('children under 5 (CoP 9.178, advisory)', () => {
  it('suggests a review by 2026-07-14 for a child born 2022-06-01 whose cycle starts 2026-01-15', () => {
    expect(under5ReviewBy('2026-01-15', '2022-06-01')).toBe('2026-07-14');
  });
  it('says nothing for a child who is 5 at the start of the cycle', () => {
    expect(under5ReviewBy('2026-01-15', '2021-01-15')).toBeNull();
  });
  it('counts a 29 February birthday from 1 March in common years', () => {
    expect(ageOn('2020-02-29', '2025-02-28')).toBe(4);
    expect(ageOn('2020-02-29', '2025-03-01')).toBe(5);
  });
});

describe('preparing for adulthood (CoP 9.184-9.185)', () => {
  it('applies from Year 9', () => {
    expect(preparingForAdulthood({ ncYear: 9 })).toBe(true);
    expect(preparingForAdulthood({ ncYear: 8 })).toBe(false);
  });
  it('puts a child born 2012-10-05 in Year 9 on 2026-10-13 and Year 8 on 2026-07-01', () => {
    expect(ncYearOn('2012-10-05', '2026-10-13')).toBe(9);
    expect(ncYearOn('2012-10-05', '2026-07-01')).toBe(8);
    expect(preparingForAdulthood({ dateOfBirth: '2012-10-05' }, '2026-10-13')).toBe(true);
  });
  it('puts a child born 31 August 2013 in Year 10 in September 2027, a year ahead of one born on 1 September 2013', () => {
    expect(ncYearOn('2013-08-31', '2027-09-01')).toBe(10);
    expect(ncYearOn('2013-09-01', '2027-09-01')).toBe(9);
  });
});
