import { existsSync } from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { RenderableDocument } from '../../shared';

/** The letter's embedded font (`renderPdf.ts`): DejaVu Sans, Helvetica only as the fallback. */
const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
const REGULAR = path.join(FONT_DIR, 'DejaVuSans.ttf');
const BOLD = path.join(FONT_DIR, 'DejaVuSans-Bold.ttf');
const MARGIN = 56;
const BODY = 11;

/**
 * A headings-paragraphs-tables document (the meeting report) as a tagged PDF, with the
 * letter's conventions (`renderPdf.ts`): PDF 1.7, structure tree with H1/H2/P and
 * Table/TR/TH/TD, en-GB, title in the window bar, embedded font, rules as artifacts, and
 * a creation date fixed by the document's date so the bytes are stable.
 *
 * @example const pdf = await renderDocumentPdf(reportDocument(content, facts)) // '%PDF-1.7...'
 * @see PDF/UA (ISO 14289-1); pdfkit "Accessibility" guide
 */
export function renderDocumentPdf(d: RenderableDocument): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    pdfVersion: '1.7',
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    info: { Title: d.title, Author: d.issuer, Subject: d.subject, CreationDate: new Date(`${d.date}T12:00:00Z`) },
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
  const width = doc.page.width - 2 * MARGIN;
  const root = doc.struct('Document');
  doc.addStructure(root);
  const room = (h: number) => {
    if (doc.y + h > doc.page.height - MARGIN) doc.addPage();
  };
  const block = (tag: string, font: 'Body' | 'Bold', size: number, text: string, gap = 0.5) => {
    doc.font(font).fontSize(size);
    room(doc.heightOfString(text, { width }));
    root.add(doc.struct(tag, {}, () => doc.text(text, MARGIN, doc.y, { width })));
    doc.moveDown(gap);
  };

  block('P', 'Bold', 16, d.issuer, 0.2);
  doc.markContent('Artifact', { type: 'Layout' });
  doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + width, doc.y).lineWidth(0.75).strokeColor('#555555').stroke();
  doc.endMarkedContent();
  doc.moveDown(0.8);
  block('P', 'Body', BODY, d.references.join('\n'), 0.8);
  block('H1', 'Bold', 15, d.title, 0.6);
  for (const b of d.blocks) {
    if (b.kind === 'heading') {
      doc.moveDown(0.3);
      block('H2', 'Bold', 13, b.text, 0.4);
    } else if (b.kind === 'paragraph') block('P', 'Body', BODY, b.text);
    else table(doc, root, b.header, b.rows, width, room);
  }
  root.end();
  doc.end();
  return done;
}

/** A real table: a header row of TH, then one TR of TD per row; cell borders are artifacts. */
function table(doc: PDFKit.PDFDocument, root: PDFKit.PDFStructureElement, header: string[], rows: string[][], width: number, room: (h: number) => void) {
  const colWidth = width / header.length;
  const pad = 5;
  const t = doc.struct('Table');
  root.add(t);
  const row = (cells: string[], isHeader: boolean) => {
    doc.font(isHeader ? 'Bold' : 'Body').fontSize(BODY);
    const height = Math.max(...cells.map((c) => doc.heightOfString(c || ' ', { width: colWidth - 2 * pad }))) + 2 * pad;
    room(height);
    const top = doc.y;
    doc.markContent('Artifact', { type: 'Layout' });
    if (isHeader) doc.rect(MARGIN, top, width, height).fill('#eeeeee');
    for (let i = 0; i < cells.length; i++) doc.rect(MARGIN + i * colWidth, top, colWidth, height);
    doc.lineWidth(0.5).strokeColor('#777777').stroke();
    doc.endMarkedContent();
    doc.fillColor('black');
    const tr = doc.struct('TR');
    t.add(tr);
    cells.forEach((c, i) => {
      tr.add(doc.struct(isHeader ? 'TH' : 'TD', {}, () => doc.text(c, MARGIN + i * colWidth + pad, top + pad, { width: colWidth - 2 * pad })));
    });
    tr.end();
    doc.x = MARGIN;
    doc.y = top + height;
  };
  row(header, true);
  for (const r of rows) row(r, false);
  t.end();
  doc.moveDown(0.5);
}
