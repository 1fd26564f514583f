import { childInitials, childLabel } from './childLabel';

describe('childInitials', () => {
  it('gives "A.E." for Ada Example', () => {
    expect(childInitials('Ada Example')).toBe('A.E.');
  });
  it('counts each part of a hyphenated name and ignores extra spaces and apostrophes', () => {
    expect(childInitials('mary-jane  o’neil')).toBe('M.J.O.');
  });
  it('keeps letters outside ASCII', () => {
    expect(childInitials('Émile Zoë Łukasz')).toBe('É.Z.Ł.');
  });
});

describe('childLabel', () => {
  it('gives "A.E. (DEMO-0007)" for Ada Example with reference DEMO-0007', () => {
    expect(childLabel('Ada Example', 'DEMO-0007')).toBe('A.E. (DEMO-0007)');
  });
  it('falls back to the reference alone when the name has no letters', () => {
    expect(childLabel(' - ', 'DEMO-0008')).toBe('DEMO-0008');
  });
});
