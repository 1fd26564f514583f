import { missingParts } from './missingSections';
import { emptyReportContent, type ReportContent } from './reportContent';
import { reportDocument } from './reportDocument';
import { reportVariantFor } from './reportSections';

const filled = (variant: 'general' | 'year9'): ReportContent => ({
  ...emptyReportContent(variant),
  sections: {
    setting: 'Year 9 at North Primary; attendance 96%, no exclusions.',
    personalBudget: 'Not requested.',
    childViews: 'Likes art.',
    parentViews: 'Pleased with progress.',
    progress: 'Reading outcome met.',
    changes: 'None; no new advice needed.',
    summary: 'A good year.',
    ...(variant === 'year9' ? { preparingForAdulthood: 'Wants to work with animals.' } : {}),
  },
  attendees: [{ name: 'Sam Senco', role: 'school', attended: true }],
  recommendation: 'maintain',
});

describe('the report’s required parts', () => {
  it('uses the Year 9 onwards template from Year 9 and the general one before', () => {
    expect(reportVariantFor(8)).toBe('general');
    expect(reportVariantFor(9)).toBe('year9');
    expect(reportVariantFor(13)).toBe('year9');
    expect(reportVariantFor(null)).toBe('general');
  });

  it('lists every empty required section by its heading, and nothing once filled', () => {
    const missing = missingParts(emptyReportContent('general')).map((m) => m.heading);
    expect(missing).toContain('Summary of the review meeting');
    expect(missing).toContain('Who attended');
    expect(missing).toContain('Recommendation (maintain, amend or cease)');
    expect(missing).not.toContain('Transitions and preparing for adulthood');
    expect(missingParts(filled('general'))).toEqual([]);
  });

  it('requires preparing for adulthood from Year 9 (Reg 20(6); CoP 9.184)', () => {
    const y9 = filled('year9');
    y9.sections.preparingForAdulthood = '  ';
    expect(missingParts(y9)).toEqual([{ field: 'sections.preparingForAdulthood', heading: 'Transitions and preparing for adulthood', source: 'Reg 20(6), 21(6); CoP 9.184-9.185' }]);
  });

  it('asks for the proposed amendments when the recommendation is to amend', () => {
    expect(missingParts({ ...filled('general'), recommendation: 'amend' }).map((m) => m.field)).toEqual(['proposedAmendments']);
  });

  it('writes the differences of view by person and section into the document', () => {
    const doc = reportDocument(
      { ...filled('general'), differencesOfView: [{ person: 'Parent', section: 'progress', view: 'Reading has not improved at home.' }] },
      { childName: 'Ada Example', label: 'A.E. (N-1)', laReference: 'N-1', schoolName: 'North Primary', councilName: 'North Council', meetingDate: '2026-11-05', sentOn: '2026-11-25', reportDue: '2026-11-19', late: true },
    );
    expect(doc.blocks).toContainEqual({ kind: 'table', header: ['Whose view', 'About', 'Their view'], rows: [['Parent', 'Progress towards the outcomes', 'Reading has not improved at home.']] });
    expect(doc.references).toContain('Report sent: Wednesday 25 November 2026 (after the Thursday 19 November 2026 it was due)');
    expect(doc.subject).toBe('Annual review report A.E. (N-1)');
  });
});
