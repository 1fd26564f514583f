import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { longDate } from '../../shared/calendar/formatDate';
import { helperChoices, personalBudgetChoices, viewsQuestions, type FamilyViews } from './viewsForm';

export interface ViewsDocumentInput {
  views: FamilyViews;
  /** How the child is named in it: initials and the council's reference. */
  childLabel: string;
  /** 'parent' or 'young-person'. */
  fromRole: string;
  meetingDate: string;
  receivedOn: string;
  /** The name the child's own file was kept under beside this document, when one came. */
  childFileName?: string;
}

const paragraphs = (text: string) => (text ? text.split(/\r?\n/) : ['(No answer)']).map((line) => new Paragraph({ children: [new TextRun(line)] }));

/** The family's views as a Word document for the review's folder, in the order the form asked them. */
export async function viewsDocument(input: ViewsDocumentInput): Promise<Buffer> {
  const who = input.fromRole === 'young-person' ? 'the young person' : 'the parent or carer';
  const budget = personalBudgetChoices.find((c) => c.value === input.views.personalBudget)?.label ?? 'Not answered';
  const helper = helperChoices.find((c) => c.value === input.views.helper)?.label ?? 'Not answered';
  const doc = new Document({
    creator: 'EHCP Review Assistant',
    title: `Views for the EHCP annual review of ${input.childLabel}`,
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(`Views for the EHCP annual review of ${input.childLabel}`)] }),
          new Paragraph({ children: [new TextRun(`Given by ${who} on ${longDate(input.receivedOn)}, for the review meeting on ${longDate(input.meetingDate)}.`)] }),
          ...viewsQuestions.flatMap((q) => [new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(q.label)] }), ...paragraphs(input.views[q.id])]),
          ...(input.childFileName
            ? [
                new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Their own file or picture')] }),
                new Paragraph({ children: [new TextRun(`Kept beside this document in the review’s folder: ${input.childFileName}`)] }),
              ]
            : []),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Would you like to ask about a Personal Budget?')] }),
          new Paragraph({ children: [new TextRun(budget)] }),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Who helped fill this in')] }),
          new Paragraph({ children: [new TextRun(input.views.helperName ? `${helper}: ${input.views.helperName}` : helper)] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
