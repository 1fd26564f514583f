import { compulsorySchoolAgeEnds, familyAddressee } from './familyAddressee';

describe('the end of compulsory school age', () => {
  it('is Friday 2026-06-26 for a child born 2010-08-31 (16 on 31 Aug 2026, in the school year 2025/26)', () => {
    expect(compulsorySchoolAgeEnds('2010-08-31')).toBe('2026-06-26');
  });
  it('is Friday 2027-06-25 for a child born a day later, 2010-09-01 (16 in the school year 2026/27)', () => {
    expect(compulsorySchoolAgeEnds('2010-09-01')).toBe('2027-06-25');
  });
  it('is Friday 2028-06-30 when 30 June itself is a Friday (born 2012-01-15)', () => {
    expect(compulsorySchoolAgeEnds('2012-01-15')).toBe('2028-06-30');
  });
});

describe('who the family’s letters and invitations are addressed to (CFA 2014 s80; Regs 63-64)', () => {
  it('addresses the parent up to and on the last day of compulsory school age, 2026-06-26', () => {
    expect(familyAddressee({ dateOfBirth: '2010-08-31', on: '2026-06-26' })).toEqual({ to: 'parent', copyParent: false, compulsorySchoolAgeEnds: '2026-06-26', source: 'CFA 2014 s80; Regs 63-64' });
  });
  it('addresses the young person from Monday 2026-06-29, the parent not copied unless the young person wishes it', () => {
    expect(familyAddressee({ dateOfBirth: '2010-08-31', on: '2026-06-29' })).toMatchObject({ to: 'young-person', copyParent: false });
    expect(familyAddressee({ dateOfBirth: '2010-08-31', on: '2026-06-29', addressing: 'young-person-and-parent' })).toMatchObject({ to: 'young-person', copyParent: true });
  });
  it('addresses the alternative person for a young person who lacks capacity, but only once over compulsory school age', () => {
    expect(familyAddressee({ dateOfBirth: '2008-03-01', on: '2026-12-07', addressing: 'alternative-person' })).toMatchObject({ to: 'alternative-person' });
    expect(familyAddressee({ dateOfBirth: '2012-03-01', on: '2026-12-07', addressing: 'alternative-person' })).toMatchObject({ to: 'parent' });
  });
  it('addresses the parent when the date of birth is not known', () => {
    expect(familyAddressee({ on: '2026-12-07' })).toEqual({ to: 'parent', copyParent: false, compulsorySchoolAgeEnds: null, source: 'CFA 2014 s80; Regs 63-64' });
  });
});
