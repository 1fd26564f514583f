import type { Finding, InviteeRole, MeetingMode, RatingLevel, Timeline } from '../domain';

/** What the service answers; only the fields the add-in reads. */
export interface ReviewSummary {
  id: string;
  status: string;
  childName: string;
  laReference: string;
  /** The council that placed the child: a school's list holds every council's children. */
  councilName?: string;
  reviewDeadline: string;
  latestMeetingDate: string;
  meetingDate: string | null;
}

export interface Contact {
  role: InviteeRole;
  name: string;
  email: string;
}

export interface AdviceItem {
  id: number;
  fromRole: string;
  author: string | null;
  receivedOn: string;
  driveId: string | null;
  itemId: string | null;
  fileName: string | null;
}

export interface ReviewDetail {
  id: string;
  status: string;
  version: number;
  child: { name: string; dateOfBirth: string | null; laReference: string };
  plan: { issuedOn: string; ncYear: number | null; transfer: { kind: 'school' | 'post16' | 'post16-move'; date: string } | null; previousReviewConcluded: string | null };
  timeline: Timeline;
  invitations: { role: string; name: string | null; email: string | null; sentOn: string }[];
  advice: {
    requests: { fromRole: string; email: string | null; requestedOn: string; dueOn: string }[];
    items: AdviceItem[];
    attachments: { adviceItemId: number; outlookEventId: string; attachmentId: string }[];
  };
  contacts: Contact[];
  meeting: { date: string; mode: MeetingMode | null; rating: RatingLevel | null; outlookEventId: string | null; teamsJoinUrl: string | null } | null;
}

export interface MeetingBooking {
  meetingDate: string;
  invitationsSentOn: string;
  invitees: { role: InviteeRole; name?: string; email?: string }[];
  mode: MeetingMode;
  rating?: RatingLevel;
  coversPreparingForAdulthood?: boolean;
  outlookEventId?: string;
}

/** A refusal from the service, with what it says to change. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly findings: Finding[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
