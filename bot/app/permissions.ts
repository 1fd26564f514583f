import type { Role } from '../auth';

/** Who may call each endpoint; organisation scoping is applied on top, in the store. */
export const permissions = {
  'POST /api/caseload/import': ['la-officer'],
  'GET /api/caseload/mapping': ['la-officer', 'la-manager'],
  'PUT /api/caseload/mapping': ['la-officer'],
  'GET /api/reviews': ['senco', 'la-officer', 'la-manager', 'professional'],
  'GET /api/reviews/{id}': ['senco', 'la-officer', 'la-manager', 'professional'],
  'POST /api/reviews/{id}/meeting': ['senco', 'la-officer'],
  'POST /api/reviews/{id}/advice': ['senco', 'la-officer', 'professional'],
  'POST /api/reviews/{id}/report': ['senco', 'la-officer'],
  'POST /api/reviews/{id}/decision': ['la-officer'],
  'POST /api/reviews/{id}/amendment': ['la-officer'],
  'POST /api/reviews/{id}/cease': ['la-officer'],
  'POST /api/reviews/{id}/plan-end': ['la-officer'],
  'POST /api/reviews/{id}/early': ['senco', 'la-officer'],
  'POST /api/reviews/{id}/addressee': ['senco', 'la-officer'],
  'POST /api/reviews/{id}/advice-requests/{requestId}/link': ['senco', 'la-officer'],
  'GET /api/reviews/{id}/contacts': ['senco', 'la-officer'],
  'PUT /api/reviews/{id}/contacts': ['senco', 'la-officer'],
  'POST /api/reviews/{id}/outlook/teams': ['senco', 'la-officer'],
  'POST /api/reviews/{id}/outlook/attachments': ['senco', 'la-officer'],
  'GET /api/reports/timeliness': ['la-manager'],
  'GET /api/reports/sen2.csv': ['la-manager'],
  'GET /api/reminders/dead': ['la-manager'],
  'GET /api/council/settings': ['la-officer', 'la-manager'],
  'PUT /api/council/settings': ['la-manager'],
  'GET /api/reviews/{id}/letter': ['la-officer', 'la-manager'],
  'POST /api/reviews/{id}/letter/preview': ['la-officer', 'la-manager'],
  'POST /api/reviews/{id}/letter/send': ['la-officer'],
  'POST /api/reviews/{id}/letter/send-draft': ['la-officer'],
  'POST /api/reviews/{id}/letter/posted': ['la-officer'],
  'GET /api/reviews/{id}/letters': ['la-officer', 'la-manager'],
  'POST /api/reviews/{id}/representations': ['la-officer'],
  'POST /api/reviews/{id}/final-plan': ['la-officer'],
  'POST /api/reviews/{id}/not-amending': ['la-officer'],
  // the council dashboard (the Teams tab)
  'GET /api/dashboard/today': ['la-officer', 'la-manager'],
  'GET /api/dashboard/filters': ['la-officer', 'la-manager'],
  'GET /api/dashboard/coming': ['la-officer', 'la-manager'],
  'GET /api/dashboard/transfers': ['la-officer', 'la-manager'],
  'GET /api/dashboard/timeliness': ['la-officer', 'la-manager'],
  'GET /api/dashboard/sen2': ['la-officer', 'la-manager'],
  'GET /api/dashboard/sen2/excluded': ['la-officer', 'la-manager'],
  'GET /api/dashboard/sen2.csv': ['la-officer', 'la-manager'],
  'GET /api/dashboard/workload': ['la-officer', 'la-manager'],
  'GET /api/dashboard/undelivered': ['la-officer', 'la-manager'],
  'POST /api/reviews/{id}/nudge': ['la-officer', 'la-manager'],
  // the meeting report (#24): the draft is the runner's (checked in the store); submitted, anyone who sees the review
  'GET /api/reviews/{id}/report': ['senco', 'la-officer', 'la-manager', 'professional'],
  'PUT /api/reviews/{id}/report/draft': ['senco', 'la-officer'],
  'POST /api/reviews/{id}/report/attendance': ['senco', 'la-officer'],
  'POST /api/reviews/{id}/report/submit': ['senco', 'la-officer'],
  'POST /api/reviews/{id}/report/send': ['senco', 'la-officer'],
  'GET /api/reviews/{id}/report/document': ['senco', 'la-officer', 'la-manager', 'professional'],
  'POST /api/auth/teams-sso': ['senco', 'la-officer', 'la-manager', 'professional'],
  // placements and plan transfers between councils (#26)
  'GET /api/settings': ['la-officer', 'la-manager'],
  'POST /api/settings': ['la-officer', 'la-manager'],
  'POST /api/reviews/{id}/transfer': ['la-officer'],
  'GET /api/transfers': ['la-officer', 'la-manager'],
  'GET /api/reviews/{id}/export': ['la-officer', 'la-manager'],
  // retention (#29 item 1): the schedule is the LA manager's to set and confirm
  'GET /api/council/retention': ['la-officer', 'la-manager'],
  'PUT /api/council/retention': ['la-manager'],
  // data protection (#29): who read what
  'GET /api/audit': ['la-manager'],
  'GET /api/children/{laReference}/subject-access': ['la-manager'],
  'POST /api/children/{laReference}/rectify': ['la-officer', 'la-manager'],
  'POST /api/children/{laReference}/erase': ['la-manager'],
} as const satisfies Record<string, readonly Role[]>;

export type Endpoint = keyof typeof permissions;

const roleNames: Record<Role, string> = {
  senco: 'a SENCO',
  'la-officer': 'an LA SEND officer',
  'la-manager': 'an LA manager',
  professional: 'an invited professional',
};

/** The sentence a refused caller reads: who can do this instead. */
export function forbiddenMessage(endpoint: Endpoint, role: Role): string {
  const allowed = (permissions[endpoint] as readonly Role[]).map((r) => roleNames[r]).join(' or ');
  return `${endpoint} is for ${allowed}; you are signed in as ${roleNames[role]}.`;
}
