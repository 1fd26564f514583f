import type { ReportSectionId, ReportVariant } from './reportSections';

export type ReportRecommendation = 'maintain' | 'amend' | 'cease';

/** Someone invited to or present at the meeting. */
export interface ReportAttendee {
  name: string;
  role: string;
  organisation?: string | undefined;
  email?: string | undefined;
  /** Invited and did not attend: false. */
  attended: boolean;
}

/** Where a person's view differs from the school's recommendation (Reg 20(8)). */
export interface DifferenceOfView {
  person: string;
  /** The section (or 'recommendation') the difference is about. */
  section: ReportSectionId | 'recommendation';
  view: string;
}

/** A change proposed to one section of the plan (B, E, F, ...), needed by the amendment notice. */
export interface ProposedAmendment {
  planSection: string;
  amendment: string;
}

export interface AgreedAction {
  action: string;
  owner: string;
  dueOn?: string | undefined;
}

/** The advice received, pre-filled into the report (who, when, the file). */
export interface ReportAdvice {
  fromRole: string;
  author?: string | null | undefined;
  receivedOn: string;
  fileName?: string | null | undefined;
  link?: string | null | undefined;
}

/** What the school writes: every section's text and the structured parts. */
export interface ReportContent {
  variant: ReportVariant;
  sections: Partial<Record<ReportSectionId, string>>;
  attendees: ReportAttendee[];
  /** Why the attendees were not filled from the Teams meeting, when they were not. */
  attendanceNote?: string | undefined;
  recommendation?: ReportRecommendation | undefined;
  proposedAmendments: ProposedAmendment[];
  differencesOfView: DifferenceOfView[];
  agreedActions: AgreedAction[];
  advice: ReportAdvice[];
}

/** An empty report of a variant. */
export function emptyReportContent(variant: ReportVariant): ReportContent {
  return { variant, sections: {}, attendees: [], proposedAmendments: [], differencesOfView: [], agreedActions: [], advice: [] };
}
