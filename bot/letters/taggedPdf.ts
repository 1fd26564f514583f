import { existsSync } from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';

/**
 * Where the font is looked for: DejaVu Sans (Debian's fonts-dejavu-core, installed with the
 * service and in CI). An embedded font is what PDF/UA asks for; pdfkit's built-in Helvetica
 * is not embedded, so it is only the fallback on a machine without DejaVu.
 */
const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
const REGULAR = path.join(FONT_DIR, 'DejaVuSans.ttf');
const BOLD = path.join(FONT_DIR, 'DejaVuSans-Bold.ttf');

export const PAGE_MARGIN = 56;
export const BODY_SIZE = 11;

export type PdfFont = 'Body' | 'Bold';

/** A tagged PDF being written: the blocks the letter and the report are made of. */
export interface TaggedPdf {
  doc: PDFKit.PDFDocument;
  /** The text width between the margins. */
  width: number;
  /** Starts a new page unless `height` more fits on this one. */
  ensureRoom(height: number): void;
  /** One structure element (`H1`, `H2`, `P`) holding `text`. */
  block(tag: string, font: PdfFont, size: number, text: string, gapAfter?: number, align?: 'left' | 'right'): void;
  /** A horizontal rule under the letterhead: decoration, so an artifact, not content. */
  rule(): void;
  /** A real table: a header row of TH, then one TR of TD per row; `widths` are shares of the text width (equal by default); borders are artifacts. */
  table(header: string[], rows: string[][], widths?: number[]): void;
  /** Closes the structure tree and the document; resolves with its bytes. */
  finish(): Promise<Buffer>;
}

/**
 * A tagged PDF (PDF 1.7, structure tree, document language en-GB, title shown in the
 * window's title bar) in the embedded font, so a screen reader reads it in order and every
 * word is real text. The creation date is fixed by the document's date, so the bytes (and
 * the hash a send record keeps) are stable for the same content.
 *
 * @see PDF/UA (ISO 14289-1); pdfkit "Accessibility" guide
 */
export function openTaggedPdf(info: { title: string; author: string; subject: string; date: string }): TaggedPdf {
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE_MARGIN,
    pdfVersion: '1.7',
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    info: { Title: info.title, Author: info.author, Subject: info.subject, CreationDate: new Date(`${info.date}T12:00:00Z`) },
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
  const block: TaggedPdf['block'] = (tag, font, size, text, gapAfter = 0.5, align = 'left') => {
    doc.font(font).fontSize(size);
    ensureRoom(doc.heightOfString(text, { width }));
    root.add(doc.struct(tag, {}, () => doc.text(text, PAGE_MARGIN, doc.y, { width, align })));
    doc.moveDown(gapAfter);
  };
  const rule = () => {
    doc.markContent('Artifact', { type: 'Layout' });
    doc.moveTo(PAGE_MARGIN, doc.y).lineTo(PAGE_MARGIN + width, doc.y).lineWidth(0.75).strokeColor('#555555').stroke();
    doc.endMarkedContent();
    doc.moveDown(0.8);
  };
  const table: TaggedPdf['table'] = (header, rows, widths) => {
    const shares = widths ?? header.map(() => 1 / header.length);
    const columns = shares.map((s) => Math.round(width * s));
    const lefts = columns.map((_, i) => PAGE_MARGIN + columns.slice(0, i).reduce((a, b) => a + b, 0));
    const pad = 5;
    const t = doc.struct('Table');
    root.add(t);
    const row = (cells: string[], isHeader: boolean) => {
      doc.font(isHeader ? 'Bold' : 'Body').fontSize(BODY_SIZE);
      const height = Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: (columns[i] ?? 0) - 2 * pad }))) + 2 * pad;
      ensureRoom(height);
      const top = doc.y;
      doc.markContent('Artifact', { type: 'Layout' });
      if (isHeader) doc.rect(PAGE_MARGIN, top, width, height).fill('#eeeeee');
      for (const [i, w] of columns.entries()) doc.rect(lefts[i] ?? PAGE_MARGIN, top, w, height);
      doc.lineWidth(0.5).strokeColor('#777777').stroke();
      doc.endMarkedContent();
      doc.fillColor('black');
      const tr = doc.struct('TR');
      t.add(tr);
      cells.forEach((c, i) => {
        tr.add(doc.struct(isHeader ? 'TH' : 'TD', {}, () => doc.text(c, (lefts[i] ?? PAGE_MARGIN) + pad, top + pad, { width: (columns[i] ?? 0) - 2 * pad })));
      });
      tr.end();
      doc.x = PAGE_MARGIN;
      doc.y = top + height;
    };
    row(header, true);
    for (const r of rows) row(r, false);
    t.end();
    doc.moveDown(0.5);
  };
  return {
    doc,
    width,
    ensureRoom,
    block,
    rule,
    table,
    finish: () => {
      root.end();
      doc.end();
      return done;
    },
  };
}
