import type { DecisionLetter } from '../../shared';
import { BODY_SIZE, openTaggedPdf } from './taggedPdf';

/**
 * The letter as a tagged PDF (`taggedPdf.ts`): headings are H1/H2, paragraphs P, the key
 * dates a Table of TR/TH/TD, so a screen reader reads it in order; every word is real text
 * in an embedded font. Decorative rules are artifacts. Deterministic for the same letter and date.
 *
 * @example const pdf = await renderLetterPdf(letter) // Buffer starting '%PDF-1.7'
 * @see PDF/UA (ISO 14289-1); pdfkit "Accessibility" guide
 */
export function renderLetterPdf(letter: DecisionLetter): Promise<Buffer> {
  const pdf = openTaggedPdf({
    title: letter.title,
    author: letter.council.name,
    subject: `${letter.title} ${letter.references[0]?.value ?? ''}`.trim(),
    date: letter.date,
  });
  const { doc, width, ensureRoom, block } = pdf;
  const lines = (items: string[], size = BODY_SIZE) => block('P', 'Body', size, items.join('\n'), 0.8);

  // Letterhead: the council's name and address, then a rule (decoration, not content).
  block('P', 'Bold', 16, letter.council.name, 0.2);
  lines(letter.council.address, BODY_SIZE - 1);
  pdf.rule();

  lines(letter.recipient);
  lines(letter.references.map((r) => `${r.label}: ${r.value}`));
  block('H1', 'Bold', 15, letter.title, 0.6);
  block('P', 'Body', BODY_SIZE, letter.salutation);
  doc.moveDown(0.3);
  // Keep the heading and the short table together on one page.
  doc.font('Body').fontSize(BODY_SIZE);
  ensureRoom(40 + (letter.keyDates.length + 1) * (doc.currentLineHeight(true) + 12));
  block('H2', 'Bold', 13, letter.keyDatesHeading, 0.4);
  pdf.table(['What', 'Date'], letter.keyDates.map((d) => [d.label, d.text]), [0.6, 0.4]);

  for (const section of letter.sections) {
    doc.moveDown(0.3);
    // A heading keeps its first paragraph with it: never the last line of a page.
    doc.font('Body').fontSize(BODY_SIZE);
    ensureRoom(40 + doc.heightOfString(section.paragraphs[0]?.text ?? '', { width }));
    block('H2', 'Bold', 13, section.heading, 0.4);
    for (const p of section.paragraphs) block('P', 'Body', BODY_SIZE, p.text);
  }

  doc.moveDown(1);
  block('P', 'Body', BODY_SIZE, letter.closing, 1.5);
  lines(letter.signature);
  return pdf.finish();
}
