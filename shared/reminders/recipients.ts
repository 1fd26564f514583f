import type { ReminderRecipient, ReminderRole, ReviewContact, ReviewState } from './types';

/**
 * The recipient part of a reminder's unique key: the person when known, else the
 * address, else the role (the service resolves a role when it delivers).
 * @example recipientKey({ role: 'health', personId: null, email: 'EP@nhs.example' }) //=> 'email:ep@nhs.example'
 */
export function recipientKey(r: ReminderRecipient): string {
  if (r.personId !== null) return `person:${r.personId}`;
  if (r.email) return `email:${r.email.trim().toLowerCase()}`;
  return `role:${r.role}`;
}

/** A contact of the review as a recipient. */
export function contactRecipient(c: ReviewContact): ReminderRecipient {
  return { role: c.role, personId: c.personId ?? null, email: c.email?.trim() || null };
}

/** The school's SENCO or the council's officer or manager: the person the state names, else the role. */
export function staffRecipient(state: ReviewState, role: 'senco' | 'la-officer' | 'la-manager'): ReminderRecipient {
  const known = state.staff?.[role];
  return { role, personId: known?.personId ?? null, email: known?.email?.trim() || null };
}

const ROLE_NAMES: Record<ReminderRole, string> = {
  senco: 'SENCO',
  'la-officer': 'LA SEN officer',
  'la-manager': 'LA SEN manager',
  parent: 'parent',
  'young-person': 'young person',
  school: 'school representative',
  'la-send-officer': 'LA SEN officer',
  health: 'health representative',
  'social-care': 'social care representative',
  'educational-psychologist': 'educational psychologist',
  'post16-institution': 'post-16 institution',
  'youth-offending-team': 'youth offending team',
  'job-coach': 'job coach',
  other: 'invitee',
};

/**
 * How a message names a recipient's role.
 * @example roleName('health') //=> 'health representative'
 */
export function roleName(role: ReminderRole): string {
  return ROLE_NAMES[role];
}
