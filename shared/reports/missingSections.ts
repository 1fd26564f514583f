import type { ReportContent } from './reportContent';
import { recommendationSource, sectionsFor } from './reportSections';

/** One part of the report that must be filled before it is submitted. */
export interface MissingPart {
  field: string;
  heading: string;
  source: string;
}

/**
 * What is still empty that the report's variant requires: each required section by its
 * heading, the recommendation, the proposed amendments when the recommendation is to
 * amend, and who attended. An empty list means the report may be submitted.
 *
 * @example missingParts({ ...emptyReportContent('general'), ... }) //=> [{ field: 'sections.summary', heading: 'Summary of the review meeting', ... }]
 * @see Reg 20(6)-(8), 21(6); CoP 9.176, 9.184
 */
export function missingParts(content: ReportContent): MissingPart[] {
  const out: MissingPart[] = [];
  for (const s of sectionsFor(content.variant)) {
    if (s.requiredIn.includes(content.variant) && !(content.sections[s.id] ?? '').trim()) out.push({ field: `sections.${s.id}`, heading: s.heading, source: s.source });
  }
  if (content.attendees.filter((a) => a.attended).length === 0) out.push({ field: 'attendees', heading: 'Who attended', source: 'Reg 20(7); CoP 9.176' });
  if (!content.recommendation) out.push({ field: 'recommendation', heading: 'Recommendation (maintain, amend or cease)', source: recommendationSource });
  if (content.recommendation === 'amend' && content.proposedAmendments.length === 0) {
    out.push({ field: 'proposedAmendments', heading: 'Proposed amendments (the recommendation is to amend)', source: recommendationSource });
  }
  return out;
}
