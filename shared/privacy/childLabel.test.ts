import { childInitials, childLabel } from './childLabel';

describe('childInitials', () => {
  it('gives A.B. for Amara Bello', () => expect(childInitials('Amara Bello')).toBe('A.B.'));
  it('counts each part of a hyphenated name and ignores extra spaces and apostrophes', () => expect(childInitials('  jean-luc  o’neill ')).toBe('J.L.O.'));
  it('upper-cases letters outside ASCII', () => expect(childInitials('élodie ňovák')).toBe('É.Ň.'));
  it('gives nothing for a blank name', () => expect(childInitials('   ')).toBe(''));
});

describe('childLabel', () => {
  it('puts the council reference after the initials', () => expect(childLabel('Amara Bello', 'DEMO-0007')).toBe('A.B. (DEMO-0007)'));
  it('falls back to the reference alone when the name gives no initials', () => expect(childLabel(' ', 'DEMO-0007')).toBe('DEMO-0007'));
});
