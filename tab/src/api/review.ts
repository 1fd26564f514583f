import type { Timeline } from '../../../shared/timeline/types';

/**
 * `GET /api/reviews/{id}` as the review page reads it (only the fields it shows). Sections
 * that other work fills in later (the structured report, the letters list) are optional, so
 * the page shows them as soon as the service sends them.
 */
export interface ReviewDetail {
  id: string;
  status: string;
  version: number;
  child: { name: string; laReference: string };
  plan: { issuedOn: string; schoolId: string | null; transfer: { kind: string; date: string } | null };
  timeline: Timeline;
  invitations: { role: string; name: string | null; email: string | null; sentOn: string; response?: string | null }[];
  advice: {
    requests: { id: number; fromRole: string; email: string | null; requestedOn: string; dueOn: string; outstanding: boolean }[];
    items: { id: number; fromRole: string; author: string | null; receivedOn: string; fileName: string | null }[];
  };
  contacts: { role: string; name: string; email: string }[];
  meeting: { date: string; mode: string | null; teamsJoinUrl: string | null; invitationsSentOn: string | null } | null;
  report: { sentOn: string; recommendation: string | null; notes?: string | null } | null;
  decision: { outcome: 'maintain' | 'amend' | 'cease'; notifiedOn: string; reasons: string; decidedBy: string | null } | null;
  amendment: { noticeServedOn: string | null; familyRespondedOn: string | null; finalPlanIssuedOn: string | null } | null;
  /** Every letter kept for the review (not superseded): emailed, posted, or only drafted (no `sentOn`). */
  letters?: { kind: string; title: string; channel: 'email' | 'draft' | 'post'; letterDate: string; sentOn: string | null; recipients: string[] }[];
  audit?: { action: string; on: string; role: string | null }[];
}

export interface DecisionInput {
  outcome: 'maintain' | 'amend' | 'cease';
  notifiedOn: string;
  reasons: string;
  proposedAmendments?: string;
}
