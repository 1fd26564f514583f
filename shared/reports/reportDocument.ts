import { longDate } from '../calendar/longDate';
import type { ReportContent } from './reportContent';
import { attendanceSource, differencesOfViewSource, recommendationSource, reportSections } from './reportSections';

/** A document as headings, paragraphs and tables: what the .docx and PDF renderers lay out. */
export type DocumentBlock = { kind: 'heading'; text: string } | { kind: 'paragraph'; text: string } | { kind: 'table'; header: string[]; rows: string[][] };

export interface RenderableDocument {
  title: string;
  /** Who issues it (the letterhead line). */
  issuer: string;
  /** Lines under the letterhead: references and dates. */
  references: string[];
  blocks: DocumentBlock[];
  /** ISO date the document is dated: fixes the PDF's creation date. */
  date: string;
  /** Document metadata subject: initials and reference only. */
  subject: string;
}

/** What the report's first lines say about the review. */
export interface ReportFacts {
  childName: string;
  /** Initials and council reference. */
  label: string;
  laReference: string;
  schoolName: string;
  councilName: string;
  meetingDate: string;
  /** The day it is sent (the report's date). */
  sentOn: string;
  reportDue: string | null;
  late: boolean;
}

const outcomeWords = { maintain: 'Maintain the plan unchanged', amend: 'Amend the plan', cease: 'Cease to maintain the plan' } as const;

/**
 * The report as a document: the child's full name (it is the report, sent to those
 * invited), each section under its template heading, who attended and who did not,
 * the recommendation with its proposed amendments, the differences of view by person
 * and section, and the agreed actions with owner and date. An empty optional section
 * says so rather than disappearing, so a reader sees it was considered.
 *
 * @example reportDocument(content, facts).blocks[0] //=> { kind: 'heading', text: 'Who attended' }
 * @see Reg 20(6)-(8), 21(6); CoP 9.176, 9.184
 */
export function reportDocument(content: ReportContent, facts: ReportFacts): RenderableDocument {
  const blocks: DocumentBlock[] = [];
  const h = (text: string) => blocks.push({ kind: 'heading', text });
  const p = (text: string) => blocks.push({ kind: 'paragraph', text });
  h('Who attended');
  const present = content.attendees.filter((a) => a.attended);
  const absent = content.attendees.filter((a) => !a.attended);
  blocks.push({ kind: 'table', header: ['Name', 'Role', 'Organisation'], rows: present.map((a) => [a.name, a.role, a.organisation ?? '']) });
  if (absent.length > 0) {
    p('Invited and did not attend:');
    blocks.push({ kind: 'table', header: ['Name', 'Role', 'Organisation'], rows: absent.map((a) => [a.name, a.role, a.organisation ?? '']) });
  }
  if (content.advice.length > 0) {
    h('Advice and information received');
    blocks.push({
      kind: 'table',
      header: ['From', 'Received', 'Document'],
      rows: content.advice.map((a) => [a.author ? `${a.author} (${a.fromRole})` : a.fromRole, longDate(a.receivedOn), a.fileName ?? '']),
    });
  }
  for (const s of reportSections) {
    if (s.id === 'summary') continue;
    const text = (content.sections[s.id] ?? '').trim();
    if (!text && !s.requiredIn.includes(content.variant) && s.id === 'preparingForAdulthood') continue;
    h(s.heading);
    for (const para of (text || 'Nothing recorded.').split(/\n{2,}/)) p(para.trim());
  }
  h('Recommendation');
  p(content.recommendation ? `${outcomeWords[content.recommendation]}.` : 'No recommendation recorded.');
  if (content.proposedAmendments.length > 0) {
    p('Proposed amendments to the plan:');
    blocks.push({ kind: 'table', header: ['Plan section', 'Proposed amendment'], rows: content.proposedAmendments.map((a) => [a.planSection, a.amendment]) });
  }
  h('Differences of view');
  if (content.differencesOfView.length === 0) p('Everyone at the meeting agreed with the recommendation.');
  else {
    const heading = (id: string) => (id === 'recommendation' ? 'Recommendation' : (reportSections.find((s) => s.id === id)?.heading ?? id));
    blocks.push({ kind: 'table', header: ['Whose view', 'About', 'Their view'], rows: content.differencesOfView.map((d) => [d.person, heading(d.section), d.view]) });
  }
  h('Summary of the review meeting');
  for (const para of ((content.sections.summary ?? '').trim() || 'Nothing recorded.').split(/\n{2,}/)) p(para.trim());
  h('Agreed actions');
  if (content.agreedActions.length === 0) p('No actions were agreed.');
  else blocks.push({ kind: 'table', header: ['Action', 'Who', 'By'], rows: content.agreedActions.map((a) => [a.action, a.owner, a.dueOn ? longDate(a.dueOn) : '']) });
  p(`This report is sent to everyone invited to the review within two weeks of the meeting (${attendanceSource}); it sets out the recommendation (${recommendationSource}) and where views differ (${differencesOfViewSource}).`);

  const references = [
    `Child or young person: ${facts.childName}`,
    `Council reference: ${facts.laReference}`,
    `Setting: ${facts.schoolName}`,
    `Review meeting: ${longDate(facts.meetingDate)}`,
    `Report sent: ${longDate(facts.sentOn)}${facts.late && facts.reportDue ? ` (after the ${longDate(facts.reportDue)} it was due)` : ''}`,
  ];
  return {
    title: content.variant === 'year9' ? 'Annual Review Meeting Report: Year 9 onwards' : 'Annual Review Meeting Report',
    issuer: facts.schoolName,
    references,
    blocks,
    date: facts.sentOn,
    subject: `Annual review report ${facts.label}`,
  };
}
