import { BorderStyle, Document, HeadingLevel, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { DecisionLetter } from '../../shared';

const FONT = 'Arial';
/** Half-points: 12 pt body text, as councils' accessible-document guides ask. */
const BODY = 24;

/**
 * The letter as a Word document: the council's name and address, the recipient block and
 * references, the title as Heading 1 and each section as Heading 2 (real heading styles, so
 * the navigation pane and screen readers list them), the key dates as a table with a
 * header row repeated on each page, and the document's language set to en-GB.
 *
 * @example const docx = await renderLetterDocx(letter) // Buffer of a .docx (a zip)
 */
export function renderLetterDocx(letter: DecisionLetter): Promise<Buffer> {
  const text = (t: string, bold = false) => new TextRun({ text: t, bold });
  const para = (t: string, spacingAfter = 160) => new Paragraph({ children: [text(t)], spacing: { after: spacingAfter } });
  const lines = (items: string[], spacingAfter = 240) =>
    new Paragraph({ children: items.map((t, i) => new TextRun({ text: t, break: i > 0 ? 1 : 0 })), spacing: { after: spacingAfter } });
  const cell = (t: string, header: boolean, width: number) =>
    new TableCell({
      width: { size: width, type: WidthType.PERCENTAGE },
      ...(header ? { shading: { type: ShadingType.CLEAR, fill: 'EEEEEE', color: 'auto' } } : {}),
      margins: { top: 80, bottom: 80, left: 100, right: 100 },
      children: [new Paragraph({ children: [text(t, header)] })],
    });

  const children = [
    new Paragraph({ children: [new TextRun({ text: letter.council.name, bold: true, size: 32 })], spacing: { after: 60 } }),
    lines(letter.council.address),
    new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '555555', space: 4 } }, spacing: { after: 240 }, children: [] }),
    lines(letter.recipient),
    lines(letter.references.map((r) => `${r.label}: ${r.value}`)),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [text(letter.title)], spacing: { after: 200 } }),
    para(letter.salutation),
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [text(letter.keyDatesHeading)], spacing: { before: 240, after: 120 } }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, cantSplit: true, children: [cell('What', true, 60), cell('Date', true, 40)] }),
        ...letter.keyDates.map((d) => new TableRow({ cantSplit: true, children: [cell(d.label, false, 60), cell(d.text, false, 40)] })),
      ],
    }),
    ...letter.sections.flatMap((section) => [
      new Paragraph({ heading: HeadingLevel.HEADING_2, children: [text(section.heading)], spacing: { before: 240, after: 120 } }),
      ...section.paragraphs.map((p) => para(p.text)),
    ]),
    new Paragraph({ children: [text(letter.closing)], spacing: { before: 360, after: 480 } }),
    lines(letter.signature),
  ];

  const doc = new Document({
    title: letter.title,
    creator: letter.council.name,
    description: `${letter.title} ${letter.references[0]?.value ?? ''}`.trim(),
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
