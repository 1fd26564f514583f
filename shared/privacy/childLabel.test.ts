import { childInitials, childLabel } from './childLabel';

describe('childInitials', () => {
  it('gives "A.E." for Ada Example', () => {
    expect(childInitials('Ada Example')).toBe('A.E.');
  });
  it('counts a hyphenated or apostrophised part once: "Mary-Jane O\'Neil" is "M.O."', () => {
    expect(childInitials("Mary-Jane O'Neil")).toBe('M.O.');
  });
  it('upper-cases and ignores extra spaces and leading punctuation: " (ben)  sample " is "B.S."', () => {
    expect(childInitials(' (ben)  sample ')).toBe('B.S.');
  });
  it('keeps letters outside ASCII: "Łucja Ørsted" is "Ł.Ø."', () => {
    expect(childInitials('Łucja Ørsted')).toBe('Ł.Ø.');
  });
  it('gives "?" for a blank name rather than an empty label', () => {
    expect(childInitials('   ')).toBe('?');
  });
});

describe('childLabel', () => {
  it('gives "A.B. (DEMO-0007)" for Ada Bee with reference DEMO-0007', () => {
    expect(childLabel('Ada Bee', 'DEMO-0007')).toBe('A.B. (DEMO-0007)');
  });
  it('never contains the full name', () => {
    expect(childLabel('Cara Placeholder', 'DEMO-0003')).not.toContain('Cara');
  });
});
