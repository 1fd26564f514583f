import { detectAdviceFileKind, extensionMatches } from './fileKinds';

const zipWith = (name: string) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from(name)]);

describe('detectAdviceFileKind', () => {
  it('knows a PDF by %PDF-', () => expect(detectAdviceFileKind(Buffer.from('%PDF-1.7\n'))).toBe('pdf'));
  it('knows PNG, JPEG and an iPhone HEIC photo by their signatures', () => {
    expect(detectAdviceFileKind(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('png');
    expect(detectAdviceFileKind(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(detectAdviceFileKind(Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic')]))).toBe('heic');
  });
  it('knows a Word document: a zip with word/ parts, or the old OLE format', () => {
    expect(detectAdviceFileKind(zipWith('word/document.xml'))).toBe('docx');
    expect(detectAdviceFileKind(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe('doc');
  });
  it('refuses another zip, an executable and plain text even when they are named .pdf', () => {
    expect(detectAdviceFileKind(zipWith('xl/workbook.xml'))).toBeUndefined();
    expect(detectAdviceFileKind(Buffer.from('MZ\x90\x00'))).toBeUndefined();
    expect(detectAdviceFileKind(Buffer.from('just text'))).toBeUndefined();
  });
});

describe('extensionMatches', () => {
  it('accepts .JPG and .jpeg for a JPEG, not .pdf', () => {
    expect(extensionMatches('photo.JPG', 'jpeg')).toBe(true);
    expect(extensionMatches('photo.jpeg', 'jpeg')).toBe(true);
    expect(extensionMatches('photo.pdf', 'jpeg')).toBe(false);
  });
});
