import { BorderStyle, Document, HeadingLevel, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';

const FONT = 'Arial';
/** Half-points: 12 pt body text, as councils' accessible-document guides ask. */
const BODY = 24;

/**
 * The parts the letter and the meeting report are both made of in Word: real heading
 * styles (so the navigation pane and screen readers list them), tables whose header row
 * repeats on each page, the letterhead's rule, and the document's language set to en-GB.
 */
export const word = {
  text: (t: string, bold = false) => new TextRun({ text: t, bold }),
  para: (t: string, spacingAfter = 160) => new Paragraph({ children: [word.text(t)], spacing: { after: spacingAfter } }),
  lines: (items: string[], spacingAfter = 240) =>
    new Paragraph({ children: items.map((t, i) => new TextRun({ text: t, break: i > 0 ? 1 : 0 })), spacing: { after: spacingAfter } }),
  letterhead: (name: string) => new Paragraph({ children: [new TextRun({ text: name, bold: true, size: 32 })], spacing: { after: 60 } }),
  rule: () => new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '555555', space: 4 } }, spacing: { after: 240 }, children: [] }),
  heading1: (t: string) => new Paragraph({ heading: HeadingLevel.HEADING_1, children: [word.text(t)], spacing: { after: 200 } }),
  heading2: (t: string) => new Paragraph({ heading: HeadingLevel.HEADING_2, children: [word.text(t)], spacing: { before: 240, after: 120 } }),
  /** A table over the full width; `widths` are percentages per column (equal by default); an empty table keeps one blank row. */
  table: (header: string[], rows: string[][], widths?: number[]) => {
    const percent = widths ?? header.map(() => Math.floor(100 / header.length));
    const cell = (t: string, isHeader: boolean, i: number) =>
      new TableCell({
        width: { size: percent[i] ?? 0, type: WidthType.PERCENTAGE },
        ...(isHeader ? { shading: { type: ShadingType.CLEAR, fill: 'EEEEEE', color: 'auto' } } : {}),
        margins: { top: 80, bottom: 80, left: 100, right: 100 },
        children: [new Paragraph({ children: [word.text(t, isHeader)] })],
      });
    return new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, cantSplit: true, children: header.map((h, i) => cell(h, true, i)) }),
        ...(rows.length > 0 ? rows : [header.map(() => '')]).map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, false, i)) })),
      ],
    });
  },
};

/** The document itself: its properties, the default and heading styles in Arial, A4 margins of 2 cm. */
export function packWord(info: { title: string; creator: string; description: string }, children: (Paragraph | Table)[]): Promise<Buffer> {
  const doc = new Document({
    ...info,
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
