import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { renderLetterDocx } from '../../bot/letters/renderDocx';
import { renderLetterPdf } from '../../bot/letters/renderPdf';
import { type DecisionLetter, type DecisionOutcome, decisionLetter, letterLines } from '../../shared';
import { docxParagraphs, docxPart, pdfFonts, pdfInfo, pdfText, renderFirstPagePng, squash } from './support/documents';
import { letterInput } from './support/letterFixtures';
import { screenshotDir } from '../../testkit/chromium';

const outcomes: DecisionOutcome[] = ['maintain', 'amend', 'cease'];

/** The letter's lines as the documents lay them out: the key dates as a table of label and date cells. */
function documentLines(letter: DecisionLetter): string[] {
  const dates = new Set(letter.keyDates.map((d) => `${d.label}: ${d.text}`));
  return letterLines(letter).flatMap((line) => {
    if (line === letter.keyDatesHeading) return [line, 'What', 'Date'];
    const date = letter.keyDates.find((d) => `${d.label}: ${d.text}` === line);
    return date && dates.has(line) ? [date.label, date.text] : [line];
  });
}

/** pdftotext joins a word broken at a hyphen at the end of a line (an email address, say), so hyphens are left out of the comparison. */
const comparable = (s: string) => squash(s).replaceAll('-', '');

describe.each(outcomes)('the %s letter', (outcome) => {
  const letter = decisionLetter(letterInput({ outcome }));
  let docx: Buffer;
  let pdf: Buffer;
  beforeAll(async () => {
    docx = await renderLetterDocx(letter);
    pdf = await renderLetterPdf(letter);
  });

  it('has every line of the letter in the .docx, in order, as its own paragraph', async () => {
    const paragraphs = (await docxParagraphs(docx)).flatMap((p) => p.split('\n'));
    let at = 0;
    for (const line of documentLines(letter)) {
      const found = paragraphs.indexOf(line, at);
      expect([line, found >= 0]).toEqual([line, true]);
      at = found;
    }
  });

  it('has the same text in the PDF’s text layer', () => {
    const text = comparable(pdfText(pdf));
    let at = 0;
    for (const line of documentLines(letter)) {
      const found = text.indexOf(comparable(line), at);
      expect([line, found >= 0]).toEqual([line, true]);
      at = found;
    }
  });

  it('uses real heading styles, a key-dates table with a header row, and en-GB as the language in the .docx', async () => {
    const xml = await docxPart(docx, 'word/document.xml');
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
    expect(xml.match(/<w:pStyle w:val="Heading2"\/>/g)?.length).toBe(letter.sections.length + 1);
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml.match(/<w:tr>/g)?.length ?? xml.match(/<w:tr[ >]/g)?.length).toBe(letter.keyDates.length + 1);
    expect(await docxPart(docx, 'word/styles.xml')).toMatch(/<w:lang w:val="en-GB"/);
    expect(await docxPart(docx, 'docProps/core.xml')).toContain(`<dc:title>${letter.title}</dc:title>`);
  });

  it('is a tagged PDF 1.7 in en-GB with its title shown, in an embedded font', () => {
    const info = pdfInfo(pdf);
    expect(info.Tagged).toBe('yes');
    expect(info['PDF version']).toBe('1.7');
    expect(info.Title).toBe(letter.title);
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/Lang (en-GB)');
    expect(raw).toMatch(/\/DisplayDocTitle true/);
    for (const tag of ['/H1', '/H2', '/P', '/Table', '/TR', '/TH', '/TD']) expect(raw).toContain(`/S ${tag}`);
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f).toEqual({ name: expect.stringContaining('DejaVuSans'), embedded: true });
  });
});

it('draws the first page of the maintain letter to decision-letter.png (docs/screenshots/ through npm run screenshots)', async () => {
  const pdf = await renderLetterPdf(decisionLetter(letterInput({ outcome: 'maintain' })));
  mkdirSync(screenshotDir, { recursive: true });
  const png = PNG.sync.read(renderFirstPagePng(pdf, path.join(screenshotDir, 'decision-letter.png')));
  // A4 (595 x 842 pt) at 110 dpi is 910 x 1287 pixels; the page is mostly white with dark text on it.
  expect([png.width, png.height]).toEqual([910, 1287]);
  let dark = 0;
  for (let i = 0; i < png.data.length; i += 4) if ((png.data[i] ?? 255) < 100) dark++;
  expect(dark / (png.width * png.height)).toBeGreaterThan(0.01);
});

it('is the picture the README shows', () => {
  expect(readFileSync(path.join(__dirname, '../../README.md'), 'utf8')).toContain('](docs/screenshots/decision-letter.png)');
});
