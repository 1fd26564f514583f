import { existsSync } from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { DecisionLetter } from '../../shared';

/**
 * Where the letter's font is looked for: DejaVu Sans (Debian's fonts-dejavu-core, installed
 * with the service and in CI). An embedded font is what PDF/UA asks for; pdfkit's built-in
 * Helvetica is not embedded, so it is only the fallback on a machine without DejaVu.
 */
const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
const REGULAR = path.join(FONT_DIR, 'DejaVuSans.ttf');
const BOLD = path.join(FONT_DIR, 'DejaVuSans-Bold.ttf');

const PAGE_MARGIN = 56;
const BODY_SIZE = 11;

/**
 * The letter as a tagged PDF (PDF 1.7, structure tree, document language en-GB, title shown
 * in the window's title bar): headings are H1/H2, paragraphs P, the key dates a Table of
 * TR/TH/TD, so a screen reader reads it in order; every word is real text in an embedded font.
 * Decorative rules are marked as artifacts. Deterministic for the same letter and date.
 *
 * @example const pdf = await renderLetterPdf(letter) // Buffer starting '%PDF-1.7'
 * @see PDF/UA (ISO 14289-1); pdfkit "Accessibility" guide
 */
export function renderLetterPdf(letter: DecisionLetter): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE_MARGIN,
    pdfVersion: '1.7',
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    // A fixed creation date keeps the bytes (and the hash the send record keeps) stable per letter.
    info: { Title: letter.title, Author: letter.council.name, Subject: `${letter.title} ${letter.references[0]?.value ?? ''}`.trim(), CreationDate: new Date(`${letter.date}T12:00:00Z`) },
    autoFirstPage: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const embedded = existsSync(REGULAR) && existsSync(BOLD);
  doc.registerFont('Body', embedded ? REGULAR : 'Helvetica');
  doc.registerFont('Bold', embedded ? BOLD : 'Helvetica-Bold');
  const width = doc.page.width - 2 * PAGE_MARGIN;
  const root = doc.struct('Document');
  doc.addStructure(root);

  const ensureRoom = (height: number) => {
    if (doc.y + height > doc.page.height - PAGE_MARGIN) doc.addPage();
  };
  const block = (tag: string, font: 'Body' | 'Bold', size: number, text: string, gapAfter = 0.5) => {
    doc.font(font).fontSize(size);
    ensureRoom(doc.heightOfString(text, { width }));
    root.add(doc.struct(tag, {}, () => doc.text(text, PAGE_MARGIN, doc.y, { width })));
    doc.moveDown(gapAfter);
  };
  const lines = (tag: string, font: 'Body' | 'Bold', size: number, items: string[], align: 'left' | 'right' = 'left') => {
    doc.font(font).fontSize(size);
    const text = items.join('\n');
    ensureRoom(doc.heightOfString(text, { width }));
    root.add(doc.struct(tag, {}, () => doc.text(text, PAGE_MARGIN, doc.y, { width, align })));
    doc.moveDown(0.8);
  };

  // Letterhead: the council's name and address, then a rule (decoration, not content).
  block('P', 'Bold', 16, letter.council.name, 0.2);
  lines('P', 'Body', BODY_SIZE - 1, letter.council.address, 'left');
  doc.markContent('Artifact', { type: 'Layout' });
  doc.moveTo(PAGE_MARGIN, doc.y).lineTo(PAGE_MARGIN + width, doc.y).lineWidth(0.75).strokeColor('#555555').stroke();
  doc.endMarkedContent();
  doc.moveDown(0.8);

  lines('P', 'Body', BODY_SIZE, letter.recipient);
  lines('P', 'Body', BODY_SIZE, letter.references.map((r) => `${r.label}: ${r.value}`));
  block('H1', 'Bold', 15, letter.title, 0.6);
  block('P', 'Body', BODY_SIZE, letter.salutation);
  doc.moveDown(0.3);
  // Keep the heading and the short table together on one page.
  doc.font('Body').fontSize(BODY_SIZE);
  ensureRoom(40 + (letter.keyDates.length + 1) * (doc.currentLineHeight(true) + 12));
  block('H2', 'Bold', 13, letter.keyDatesHeading, 0.4);
  keyDatesTable(doc, root, letter, width, ensureRoom);

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
  lines('P', 'Body', BODY_SIZE, letter.signature);

  root.end();
  doc.end();
  return done;
}

/** The key dates as a real table: a header row of TH, then one TR of TD per date. */
function keyDatesTable(doc: PDFKit.PDFDocument, root: PDFKit.PDFStructureElement, letter: DecisionLetter, width: number, ensureRoom: (h: number) => void) {
  const labelWidth = Math.round(width * 0.6);
  const dateWidth = width - labelWidth;
  const pad = 5;
  const table = doc.struct('Table');
  root.add(table);
  const row = (cells: [string, string], header: boolean) => {
    doc.font(header ? 'Bold' : 'Body').fontSize(BODY_SIZE);
    const height = Math.max(doc.heightOfString(cells[0], { width: labelWidth - 2 * pad }), doc.heightOfString(cells[1], { width: dateWidth - 2 * pad })) + 2 * pad;
    ensureRoom(height);
    const top = doc.y;
    doc.markContent('Artifact', { type: 'Layout' });
    if (header) doc.rect(PAGE_MARGIN, top, width, height).fill('#eeeeee');
    doc.rect(PAGE_MARGIN, top, labelWidth, height).rect(PAGE_MARGIN + labelWidth, top, dateWidth, height).lineWidth(0.5).strokeColor('#777777').stroke();
    doc.endMarkedContent();
    doc.fillColor('black');
    const tr = doc.struct('TR');
    table.add(tr);
    tr.add(doc.struct(header ? 'TH' : 'TD', {}, () => doc.text(cells[0], PAGE_MARGIN + pad, top + pad, { width: labelWidth - 2 * pad })));
    tr.add(doc.struct(header ? 'TH' : 'TD', {}, () => doc.text(cells[1], PAGE_MARGIN + labelWidth + pad, top + pad, { width: dateWidth - 2 * pad })));
    tr.end();
    doc.x = PAGE_MARGIN;
    doc.y = top + height;
  };
  row(['What', 'Date'], true);
  for (const d of letter.keyDates) row([d.label, d.text], false);
  table.end();
  doc.moveDown(0.5);
}
