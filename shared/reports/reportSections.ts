/**
 * The sections of the school's annual review meeting report, as the councils' templates
 * prescribe them: Derby's "General Annual Review Meeting Report" and "Year 9 onwards"
 * templates, and North Lincolnshire's EHC Hub report (the setting's details with attendance
 * and exclusions, transport, personal budget, the views, progress towards outcomes,
 * significant changes, transitions and preparing for adulthood, the recommendation,
 * a summary and agreed actions). Each section names the provision that makes it part of
 * the report, so a reviewer can check the wording against it.
 */

/** Which template applies: the general one, or the Year 9 onwards one (preparing for adulthood). */
export type ReportVariant = 'general' | 'year9';

export const reportSectionIds = [
  'setting',
  'transport',
  'personalBudget',
  'childViews',
  'parentViews',
  'progress',
  'changes',
  'preparingForAdulthood',
  'summary',
] as const;

/** A free-text section of the report. */
export type ReportSectionId = (typeof reportSectionIds)[number];

export interface ReportSectionInfo {
  id: ReportSectionId;
  heading: string;
  /** What to write, as the template's guidance says. */
  prompt: string;
  /** The variants in which the section must be filled before the report can be submitted. */
  requiredIn: readonly ReportVariant[];
  source: string;
}

const both: readonly ReportVariant[] = ['general', 'year9'];

/**
 * Every free-text section, in the templates' order.
 *
 * @see CoP 9.166-9.168, 9.176, 9.184; Reg 20(6)-(8), 21(6); EHC Hub guidance
 */
export const reportSections: readonly ReportSectionInfo[] = [
  {
    id: 'setting',
    heading: "The child or young person's education setting",
    prompt: 'The setting, year group and support in place; attendance this year and any exclusions.',
    requiredIn: both,
    source: 'CoP 9.167; EHC Hub guidance',
  },
  { id: 'transport', heading: 'Transport assistance', prompt: 'Whether transport assistance is in place and still needed.', requiredIn: [], source: 'EHC Hub guidance' },
  {
    id: 'personalBudget',
    heading: 'Personal budget',
    prompt: 'Whether the family asked for a Personal Budget, and for which provision.',
    requiredIn: both,
    source: 'CoP 9.168',
  },
  {
    id: 'childViews',
    heading: 'The views, wishes and feelings of the child or young person',
    prompt: 'What they think is working, not working, and what matters to them; say who recorded it.',
    requiredIn: both,
    source: 'CoP 9.168, 9.176',
  },
  { id: 'parentViews', heading: 'The views of the parents or carers', prompt: 'What the family think of progress and provision.', requiredIn: both, source: 'CoP 9.168, 9.176' },
  {
    id: 'progress',
    heading: 'Progress towards the outcomes',
    prompt: 'Progress towards each outcome in section E, and whether each remains appropriate.',
    requiredIn: both,
    source: 'CoP 9.166-9.167',
  },
  {
    id: 'changes',
    heading: 'Significant changes since the plan was issued',
    prompt: 'Changes in needs, outcomes and provision for education, health and social care, and whether updated advice is needed.',
    requiredIn: both,
    source: 'CoP 9.167',
  },
  {
    id: 'preparingForAdulthood',
    heading: 'Transitions and preparing for adulthood',
    prompt: 'Employment, independent living, friends and community participation, and good health; options for the next phase.',
    requiredIn: ['year9'],
    source: 'Reg 20(6), 21(6); CoP 9.184-9.185',
  },
  { id: 'summary', heading: 'Summary of the review meeting', prompt: 'What the meeting concluded, in a few sentences.', requiredIn: both, source: 'Reg 20(7); CoP 9.176' },
];

/** The recommendation and the differences of view are part of every report. */
export const recommendationSource = 'Reg 20(7)-(8); CoP 9.176';
export const differencesOfViewSource = 'Reg 20(8)';
export const attendanceSource = 'Reg 20(7); CoP 9.176';

/**
 * The template a review's report uses: Year 9 onwards from NC Year 9 (post-16 included).
 *
 * @example reportVariantFor(9) //=> 'year9'
 * @example reportVariantFor(null) //=> 'general'
 * @see Reg 20(6), 21(6); CoP 9.184
 */
export function reportVariantFor(ncYear: number | null | undefined): ReportVariant {
  return ncYear !== null && ncYear !== undefined && ncYear >= 9 ? 'year9' : 'general';
}

/**
 * The sections shown for a variant (the general report still offers transitions, which
 * is good practice from the earliest age; it is required only from Year 9).
 *
 * @example sectionsFor('general').length //=> 9
 */
export function sectionsFor(_variant: ReportVariant): readonly ReportSectionInfo[] {
  return reportSections;
}
