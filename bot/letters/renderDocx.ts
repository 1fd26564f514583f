import { Paragraph } from 'docx';
import type { DecisionLetter } from '../../shared';
import { packWord, word } from './wordDocument';

/**
 * The letter as a Word document (`wordDocument.ts`): the council's name and address, the
 * recipient block and references, the title as Heading 1 and each section as Heading 2, the
 * key dates as a table with a header row repeated on each page, in en-GB.
 *
 * @example const docx = await renderLetterDocx(letter) // Buffer of a .docx (a zip)
 */
export function renderLetterDocx(letter: DecisionLetter): Promise<Buffer> {
  return packWord(
    { title: letter.title, creator: letter.council.name, description: `${letter.title} ${letter.references[0]?.value ?? ''}`.trim() },
    [
      word.letterhead(letter.council.name),
      word.lines(letter.council.address),
      word.rule(),
      word.lines(letter.recipient),
      word.lines(letter.references.map((r) => `${r.label}: ${r.value}`)),
      word.heading1(letter.title),
      word.para(letter.salutation),
      word.heading2(letter.keyDatesHeading),
      word.table(['What', 'Date'], letter.keyDates.map((d) => [d.label, d.text]), [60, 40]),
      ...letter.sections.flatMap((section) => [word.heading2(section.heading), ...section.paragraphs.map((p) => word.para(p.text))]),
      new Paragraph({ children: [word.text(letter.closing)], spacing: { before: 360, after: 480 } }),
      word.lines(letter.signature),
    ],
  );
}
