import { BorderStyle, Document, HeadingLevel, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { DocumentBlock, RenderableDocument } from '../../shared';

const FONT = 'Arial';
/** Half-points: 12 pt body text, as the letter uses. */
const BODY = 24;

/**
 * A headings-paragraphs-tables document (the meeting report) as Word, laid out as the
 * decision letter is (`renderDocx.ts`): the issuer as the letterhead, the title as
 * Heading 1, each section as Heading 2, tables with a repeated header row, en-GB.
 *
 * @example const docx = await renderDocumentDocx(reportDocument(content, facts))
 */
export function renderDocumentDocx(d: RenderableDocument): Promise<Buffer> {
  const text = (t: string, bold = false) => new TextRun({ text: t, bold });
  const cell = (t: string, header: boolean, width: number) =>
    new TableCell({
      width: { size: width, type: WidthType.PERCENTAGE },
      ...(header ? { shading: { type: ShadingType.CLEAR, fill: 'EEEEEE', color: 'auto' } } : {}),
      margins: { top: 80, bottom: 80, left: 100, right: 100 },
      children: [new Paragraph({ children: [text(t, header)] })],
    });
  const block = (b: DocumentBlock) => {
    if (b.kind === 'heading') return new Paragraph({ heading: HeadingLevel.HEADING_2, children: [text(b.text)], spacing: { before: 240, after: 120 } });
    if (b.kind === 'paragraph') return new Paragraph({ children: [text(b.text)], spacing: { after: 160 } });
    const width = Math.floor(100 / b.header.length);
    return new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, cantSplit: true, children: b.header.map((h) => cell(h, true, width)) }),
        ...(b.rows.length > 0 ? b.rows : [b.header.map(() => '')]).map((r) => new TableRow({ cantSplit: true, children: r.map((c) => cell(c, false, width)) })),
      ],
    });
  };
  const children = [
    new Paragraph({ children: [new TextRun({ text: d.issuer, bold: true, size: 32 })], spacing: { after: 60 } }),
    new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '555555', space: 4 } }, spacing: { after: 240 }, children: [] }),
    new Paragraph({ children: d.references.map((t, i) => new TextRun({ text: t, break: i > 0 ? 1 : 0 })), spacing: { after: 240 } }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [text(d.title)], spacing: { after: 200 } }),
    ...d.blocks.map(block),
  ];
  const doc = new Document({
    title: d.title,
    creator: d.issuer,
    description: d.subject,
    styles: {
      default: {
        document: { run: { font: FONT, size: BODY, language: { value: 'en-GB' } } },
        heading1: { run: { font: FONT, size: 32, bold: true, color: '000000' } },
        heading2: { run: { font: FONT, size: 28, bold: true, color: '000000' } },
      },
    },
    sections: [{ properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } }, children }],
  });
  return Packer.toBuffer(doc);
}
