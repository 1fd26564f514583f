import type { RenderableDocument } from '../../shared';
import { BODY_SIZE, openTaggedPdf } from './taggedPdf';

/**
 * A headings-paragraphs-tables document (the meeting report) as a tagged PDF, with the
 * letter's conventions (`taggedPdf.ts`): H1/H2/P and Table/TR/TH/TD, en-GB, title in the
 * window bar, embedded font, rules as artifacts, bytes stable for the document's date.
 *
 * @example const pdf = await renderDocumentPdf(reportDocument(content, facts)) // '%PDF-1.7...'
 * @see PDF/UA (ISO 14289-1); pdfkit "Accessibility" guide
 */
export function renderDocumentPdf(d: RenderableDocument): Promise<Buffer> {
  const pdf = openTaggedPdf({ title: d.title, author: d.issuer, subject: d.subject, date: d.date });
  const { doc, block } = pdf;
  block('P', 'Bold', 16, d.issuer, 0.2);
  pdf.rule();
  block('P', 'Body', BODY_SIZE, d.references.join('\n'), 0.8);
  block('H1', 'Bold', 15, d.title, 0.6);
  for (const b of d.blocks) {
    if (b.kind === 'heading') {
      doc.moveDown(0.3);
      block('H2', 'Bold', 13, b.text, 0.4);
    } else if (b.kind === 'paragraph') block('P', 'Body', BODY_SIZE, b.text);
    else pdf.table(b.header, b.rows);
  }
  return pdf.finish();
}
