import type { DocumentBlock, RenderableDocument } from '../../shared';
import { packWord, word } from './wordDocument';

/**
 * A headings-paragraphs-tables document (the meeting report) as Word, laid out as the
 * decision letter is (`wordDocument.ts`): the issuer as the letterhead, the title as
 * Heading 1, each section as Heading 2, tables with a repeated header row, en-GB.
 *
 * @example const docx = await renderDocumentDocx(reportDocument(content, facts))
 */
export function renderDocumentDocx(d: RenderableDocument): Promise<Buffer> {
  const block = (b: DocumentBlock) => {
    if (b.kind === 'heading') return word.heading2(b.text);
    if (b.kind === 'paragraph') return word.para(b.text);
    return word.table(b.header, b.rows);
  };
  return packWord({ title: d.title, creator: d.issuer, description: d.subject }, [
    word.letterhead(d.issuer),
    word.rule(),
    word.lines(d.references),
    word.heading1(d.title),
    ...d.blocks.map(block),
  ]);
}
