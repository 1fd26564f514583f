import { adviceFileName, cleanFileName, withoutChildIdentity } from './fileName';

describe('cleanFileName', () => {
  it('drops folders and the characters SharePoint refuses', () => expect(cleanFileName('..\\C:/tmp/My  "report"?.PDF')).toBe('My report.PDF'));
  it('drops control characters, a leading ~$ and trailing dots', () => expect(cleanFileName('~$re\u0000port\u202e.docx..')).toBe('report.docx'));
  it('keeps the extension when it shortens a long name to 120 characters', () => {
    const cleaned = cleanFileName(`${'a'.repeat(300)}.pdf`);
    expect(cleaned).toHaveLength(120);
    expect(cleaned.endsWith('.pdf')).toBe(true);
  });
});

describe('withoutChildIdentity', () => {
  it('puts initials for the full name and for a name part on its own, in any case', () => {
    expect(withoutChildIdentity('Amara Bello EP report', 'Amara Bello', null)).toBe('A.B. EP report');
    expect(withoutChildIdentity('AMARA_BELLO notes for amara', 'Amara Bello', null)).toBe('A.B. notes for A.B.');
  });
  it('leaves a word that only contains a name part alone', () => expect(withoutChildIdentity('Bellows assessment', 'Amara Bello', null)).toBe('Bellows assessment'));
  it('removes the date of birth written as 2015-03-07, 07.03.2015, 7-3-15 or 07032015', () => {
    for (const written of ['2015-03-07', '07.03.2015', '7-3-15', '07032015']) {
      expect(withoutChildIdentity(`report ${written} final`, 'Amara Bello', '2015-03-07')).toBe('report final');
    }
  });
});

describe('adviceFileName', () => {
  it('gives "2026-09-01 health - A.B. SALT.pdf" for "Amara Bello SALT.PDF" from health', () => {
    expect(adviceFileName({ original: 'Amara Bello SALT.PDF', kind: 'pdf', childName: 'Amara Bello', dateOfBirth: null, receivedOn: '2026-09-01', fromRole: 'health' })).toBe(
      '2026-09-01 health - A.B. SALT.pdf',
    );
  });
  it('gives the extension of what the bytes are and a stem when nothing is left', () => {
    expect(adviceFileName({ original: '', kind: 'jpeg', childName: 'Amara Bello', dateOfBirth: null, receivedOn: '2026-09-01', fromRole: 'parent' })).toBe(
      '2026-09-01 parent - advice.jpg',
    );
  });
});
