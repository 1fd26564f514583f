import { defaultTermCalendar, isSchoolHoliday, nextTermAfter, type TermCalendar, termContaining, typicalAcademicYear } from './termDates';

describe('school term dates', () => {
  const terms = defaultTermCalendar(2025, 2027);

  it('gives a typical 2026/27 year: autumn from Thursday 3 September 2026 to Friday 18 December 2026', () => {
    const [autumn, spring, summer] = typicalAcademicYear(2026);
    expect(autumn).toMatchObject({ start: '2026-09-03', end: '2026-12-18', halfTerm: { start: '2026-10-26', end: '2026-10-30' } });
    expect(spring).toMatchObject({ start: '2027-01-04', end: '2027-03-25', halfTerm: { start: '2027-02-15', end: '2027-02-19' } });
    expect(summer).toMatchObject({ start: '2027-04-05', end: '2027-07-22', halfTerm: { start: '2027-05-31', end: '2027-06-04' } });
  });
  it('calls 2026-08-10 (summer holiday) and 2026-10-28 (half term) holidays, and 2026-11-24 a term day', () => {
    expect(isSchoolHoliday('2026-08-10', terms)).toBe(true);
    expect(isSchoolHoliday('2026-10-28', terms)).toBe(true);
    expect(isSchoolHoliday('2026-11-24', terms)).toBe(false);
  });
  it('cannot tell outside the calendar it was given, so it does not warn', () => {
    expect(isSchoolHoliday('2035-08-10', terms)).toBe(false);
  });
  it('uses a council’s own dates when it sets them', () => {
    const council: TermCalendar = { council: 'Example Council', terms: [{ name: 'Autumn 2026', start: '2026-09-07', end: '2026-12-16' }] };
    expect(isSchoolHoliday('2026-12-17', council)).toBe(false);
    expect(termContaining('2026-12-16', council)?.name).toBe('Autumn 2026');
    expect(nextTermAfter('2026-08-01', council)?.start).toBe('2026-09-07');
  });
});
