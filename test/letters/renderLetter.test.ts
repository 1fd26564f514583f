import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { renderLetterDocx } from '../../bot/letters/renderDocx';
import { renderLetterPdf } from '../../bot/letters/renderPdf';
import {
  amendmentNotice,
  ceaseConsultationLetter,
  type DecisionLetter,
  decisionLetter,
  finalPlanLetter,
  type Letter,
  letterLines,
  notAmendingLetter,
  statutoryElements,
} from '../../shared';
import { docxParagraphs, docxPart, pdfFirstPageText, pdfFonts, pdfInfo, pdfText, renderFirstPagePng, squash } from './support/documents';
import { letterInput } from './support/letterFixtures';
import { screenshotDir } from '../../testkit/chromium';

const base = letterInput();
const rights = { appealDeadline: '2027-04-02', mediationAdviserBy: '2027-04-02', nextReviewDeadline: '2028-02-01' };
const changes = base.proposedAmendments ?? [];
/** Every kind of letter the service sends, as it writes them. */
const kinds: [string, Letter][] = [
  ['maintain', decisionLetter(letterInput({ outcome: 'maintain' }))],
  ['amend', decisionLetter(letterInput({ outcome: 'amend' }))],
  ['cease', decisionLetter(letterInput({ outcome: 'cease' }))],
  [
    'amendment notice',
    amendmentNotice({
      ...base,
      proposedAmendments: changes,
      evidence: [
        { title: 'Advice from the educational psychologist', detail: 'received Monday 4 January 2027, EP advice.pdf' },
        { title: 'The report of the annual review meeting', detail: 'sent by the school on Friday 15 January 2027' },
      ],
      dates: { familyResponseBy: '2027-02-16', finalAmendedPlanDue: '2027-03-30' },
    }),
  ],
  ['final plan', finalPlanLetter({ ...base, amendments: changes, representationsReceived: true, dates: rights })],
  ['not amending', notAmendingLetter({ ...base, reasons: 'The current provision meets Ada’s needs, as her parent showed', dates: rights })],
  ['cease consultation', ceaseConsultationLetter({ ...base, reasons: 'Ada’s needs may now be met without a plan', viewsBy: '2027-02-16' })],
];
/** Which statutory elements each kind must carry (paragraph ids, shared/letters/statutoryElements.ts). */
const required: Record<string, readonly string[]> = {
  maintain: [...statutoryElements.reg32_33, ...statutoryElements.placementExemption],
  amend: statutoryElements.reg22_2,
  cease: statutoryElements.reg32_33,
  'amendment notice': statutoryElements.reg22_2,
  'final plan': [...statutoryElements.reg32_33, ...statutoryElements.placementExemption],
  'not amending': [...statutoryElements.reg32_33, ...statutoryElements.placementExemption],
  'cease consultation': [],
};

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
const comparable = (s: string) => squash(s).replaceAll('-', '').replace(/\s+/g, '');

describe.each(kinds)('the %s letter', (kind, letter) => {
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

  it('carries every element of Reg 22(2), Regs 32-33 it must, read back from the .docx and the PDF', async () => {
    const paragraphs = (await docxParagraphs(docx)).join('\n');
    const layer = comparable(pdfText(pdf));
    const texts = new Map(letter.sections.flatMap((s) => s.paragraphs).map((p) => [p.id, p.text]));
    for (const id of required[kind] ?? []) {
      const text = texts.get(id);
      expect([id, text !== undefined]).toEqual([id, true]);
      expect([id, paragraphs.includes(text as string)]).toEqual([id, true]);
      expect([id, layer.includes(comparable(text as string))]).toEqual([id, true]);
    }
  });

  it('has the key dates and the first section’s heading on page 1 of the PDF', () => {
    const first = comparable(pdfFirstPageText(pdf));
    for (const d of letter.keyDates) expect([d.label, first.includes(comparable(d.text))]).toEqual([d.label, true]);
    expect(first).toContain(comparable(letter.sections[0]?.heading as string));
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

const pictures: [string, Letter][] = [
  ['decision-letter.png', kinds[0]?.[1] as Letter],
  ['amendment-notice.png', kinds[3]?.[1] as Letter],
  ['final-plan-letter.png', kinds[4]?.[1] as Letter],
];

// Into .test-output/screenshots (npm run screenshots: docs/screenshots, the pictures the README shows).
it.each(pictures)('draws the first page to %s, the picture the README shows', async (name, letter) => {
  const pdf = await renderLetterPdf(letter);
  mkdirSync(screenshotDir, { recursive: true });
  const png = PNG.sync.read(renderFirstPagePng(pdf, path.join(screenshotDir, name)));
  // A4 (595 x 842 pt) at 110 dpi is 910 x 1287 pixels; the page is mostly white with dark text on it.
  expect([png.width, png.height]).toEqual([910, 1287]);
  let dark = 0;
  for (let i = 0; i < png.data.length; i += 4) if ((png.data[i] ?? 255) < 100) dark++;
  expect(dark / (png.width * png.height)).toBeGreaterThan(0.01);
  expect(readFileSync(path.join(__dirname, '../../README.md'), 'utf8')).toContain(`](docs/screenshots/${name})`);
});
