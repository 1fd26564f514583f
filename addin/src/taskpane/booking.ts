import {
  checkMeetingProposal,
  childLabel,
  type Finding,
  type InviteeRole,
  type MeetingMode,
  type Rating,
  requiredInviteeGroups,
  reviewAgenda,
  reviewAgendaHtml,
} from '../domain';
import type { Contact, ReviewDetail } from '../api/types';
import { CHECK_PROPERTY, REVIEW_ID_PROPERTY, type StoredCheck } from '../handlers/bookingCheck';

/** The case as the timeline core reads it, from the service's review detail. */
export function caseOf(review: ReviewDetail): StoredCheck['case'] & { dateOfBirth?: string } {
  return {
    planIssued: review.plan.issuedOn,
    ...(review.plan.previousReviewConcluded ? { lastReviewConcluded: review.plan.previousReviewConcluded } : {}),
    ...(review.plan.ncYear !== null ? { ncYear: review.plan.ncYear } : {}),
    ...(review.plan.transfer ? { transfer: review.plan.transfer } : {}),
    ...(review.child.dateOfBirth ? { dateOfBirth: review.child.dateOfBirth } : {}),
  };
}

/** The mode a rating suggests: green may be a Teams meeting, amber offers face to face, red is face to face. */
export function modeFor(rating: Rating): MeetingMode {
  return rating.level === 'green' ? 'virtual' : rating.level === 'amber' ? 'hybrid' : 'in-person';
}

export const meaningOf: Record<Rating['level'], string> = {
  green: 'Green: the meeting may be a Teams meeting; LA attendance is not required; professionals’ advice recommended.',
  amber: 'Amber: offer the family a face-to-face meeting; LA attendance recommended.',
  red: 'Red: face to face by default; LA SEN officer attendance and professional input are essential.',
};

/** Reg 20(2) roles and whether the chosen invitees (plus the SENCO, for the school) cover each. */
export function requiredRoleChecklist(invited: readonly Contact[]) {
  const roles = new Set<InviteeRole>(['school', ...invited.map((c) => c.role)]);
  return requiredInviteeGroups.map((g) => ({ name: g.name, roles: g.roles, covered: g.roles.some((r) => roles.has(r)) }));
}

export interface BookingChoice {
  review: ReviewDetail;
  meetingDate: string;
  today: string;
  invitees: Contact[];
  mode: MeetingMode;
  rating: Rating;
}

export function findingsFor(c: BookingChoice): Finding[] {
  return checkMeetingProposal({
    case: caseOf(c.review),
    meetingDate: c.meetingDate,
    invitationsSentOn: c.today,
    invitees: ['school', ...c.invitees.map((i) => i.role)],
    mode: c.mode,
    rating: c.rating,
    coversPreparingForAdulthood: true,
    today: c.today,
  });
}

/** Subject: initials and council reference only (never the full name). */
export function subjectFor(review: ReviewDetail): string {
  return `EHCP annual review: ${childLabel(review.child.name, review.child.laReference)}`;
}

export function agendaFor(review: ReviewDetail, meetingDate: string, adviceCirculatedBy: string | null): string {
  const items = reviewAgenda({ childLabel: childLabel(review.child.name, review.child.laReference), meetingDate, adviceCirculatedBy, preparingForAdulthood: review.timeline.preparingForAdulthood });
  return reviewAgendaHtml(items);
}

/** The custom properties the event handlers read. */
export function customPropertiesFor(c: BookingChoice): Record<string, string> {
  const { dateOfBirth: _dob, ...withoutDob } = caseOf(c.review);
  const stored: StoredCheck = {
    case: withoutDob,
    mode: c.mode,
    rating: c.rating.level,
    coversPreparingForAdulthood: true,
    roles: Object.fromEntries(c.invitees.map((i) => [i.email.toLowerCase(), i.role])),
    organizerRole: 'school',
  };
  return { [REVIEW_ID_PROPERTY]: c.review.id, [CHECK_PROPERTY]: JSON.stringify(stored) };
}

export const roleNames: Record<InviteeRole, string> = {
  parent: 'Parent',
  'young-person': 'Young person',
  school: 'School',
  'la-send-officer': 'LA SEN officer',
  health: 'Health',
  'social-care': 'Social care',
  'educational-psychologist': 'Educational psychologist',
  'post16-institution': 'Post-16 institution',
  'youth-offending-team': 'Youth offending team',
  'job-coach': 'Job coach',
  other: 'Other',
};
