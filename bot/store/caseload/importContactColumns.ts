import type { InviteeRole } from '../../../shared';
import type { CaseContact } from '../contacts/caseContacts';
import type { LineProblem } from './importRows';

/**
 * Optional caseload columns naming the people each review must invite: `<role>Name` and
 * `<role>Email` pairs, e.g. `parentName,parentEmail,healthName,healthEmail`.
 */
export const contactColumnRoles: Record<string, InviteeRole> = {
  parent: 'parent',
  youngPerson: 'young-person',
  school: 'school',
  laSendOfficer: 'la-send-officer',
  health: 'health',
  socialCare: 'social-care',
  educationalPsychologist: 'educational-psychologist',
  post16Institution: 'post16-institution',
};

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** The contacts in one row's cells; a name without an email (or the reverse) is a problem. */
export function contactsFromCells(cells: Record<string, string | undefined>, line: number): { contacts: CaseContact[]; problems: LineProblem[] } {
  const contacts: CaseContact[] = [];
  const problems: LineProblem[] = [];
  for (const [prefix, role] of Object.entries(contactColumnRoles)) {
    const name = cells[`${prefix}Name`]?.trim() ?? '';
    const email = cells[`${prefix}Email`]?.trim() ?? '';
    if (!name && !email) continue;
    if (!email) problems.push({ line, field: `${prefix}Email`, message: `is required when ${prefix}Name is given` });
    else if (!EMAIL.test(email) || email.length > 320) problems.push({ line, field: `${prefix}Email`, message: `"${email}" is not an email address` });
    else if (name.length > 200) problems.push({ line, field: `${prefix}Name`, message: 'is longer than 200 characters' });
    else contacts.push({ role, name: name || email, email });
  }
  return { contacts, problems };
}
