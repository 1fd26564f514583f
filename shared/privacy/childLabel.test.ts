import { childInitials, childLabel } from './childLabel';

describe('childLabel', () => {
  it('gives "A.B. (DEMO-0007)" for Amira Begum with reference DEMO-0007', () => {
    expect(childLabel('Amira Begum', 'DEMO-0007')).toBe('A.B. (DEMO-0007)');
  });
  it('takes one initial per word, ignoring extra spaces, hyphens and case', () => {
    expect(childInitials("  jean-luc  o'neil ")).toBe('J.O.');
    expect(childInitials('Zoë Ōtani Smith')).toBe('Z.Ō.S.');
  });
  it('falls back to the reference alone when the name has no letters', () => {
    expect(childLabel('  ', 'REF-1')).toBe('REF-1');
  });
});
