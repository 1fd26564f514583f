import type { InviteeRole } from '../../../shared';
import { appendAudit } from '../audit';
import type { Queryable } from '../db';
import { NotFoundError } from '../errors';
import type { Principal } from '../principal';
import { etagOf, loadReview, type ReviewRow } from '../reviews/loadReview';
import { checkIfMatch, updateReview } from '../reviews/writeSupport';
import { scheduleReminders } from '../reminders/scheduleReminders';

/** Someone a child's review must invite, by role. */
export interface CaseContact {
  role: InviteeRole;
  name: string;
  email: string;
}

const SELECT = `select role, name, email from case_contacts where child_id = $1 order by role, lower(name), id`;

/**
 * The child of the review when `principal` holds the child's contacts now: the school of
 * the child's current plan (a re-import moves a child, and the old school keeps only its
 * concluded reviews, not the family's addresses), or the child's council. Undefined
 * otherwise, including for professionals, who are invited by the contacts, not keepers of them.
 */
export async function contactsHolder(tx: Queryable, principal: Principal, row: Pick<ReviewRow, 'plan_id'>): Promise<number | undefined> {
  const [current] = await tx.query<CurrentPlan>(currentPlanSql('$1'), [row.plan_id]);
  return current && holdsContacts(principal, current) ? current.child_id : undefined;
}

/** The child's current plan (the newest), where {@link holdsContacts} looks. */
export interface CurrentPlan {
  child_id: number;
  school_id: string | null;
  council_id: string;
}

/** The statement for the {@link CurrentPlan} of the child of plan `planId` (a parameter or a column). */
export function currentPlanSql(planId: string): string {
  return `select p.child_id::int as child_id, p.school_id, c.council_id
       from plans p join children c on c.id = p.child_id
      where p.child_id = (select child_id from plans where id = ${planId})
      order by p.issued_on desc, p.id desc limit 1`;
}

/** Whether `principal` holds the contacts of the child whose current plan is `current`: its school's SENCO, or its council's officers. */
export function holdsContacts(principal: Principal, current: Pick<CurrentPlan, 'school_id' | 'council_id'>): boolean {
  if (principal.role === 'senco') return current.school_id === principal.orgId;
  return principal.role === 'la-officer' || principal.role === 'la-manager' ? current.council_id === principal.orgId : false;
}

/** The review, and its child when the principal holds the child's contacts; 404 alike for "not yours" and "no longer yours". */
async function reviewAndChild(tx: Queryable, principal: Principal, reviewId: string, today: string, forUpdate: boolean): Promise<{ row: ReviewRow; childId: number }> {
  const row = await loadReview(tx, principal, reviewId, today, forUpdate);
  const childId = await contactsHolder(tx, principal, row);
  if (childId === undefined) throw new NotFoundError(`The contacts of review ${reviewId}`);
  return { row, childId };
}

/** How the family agreed to be written to: `email`, `post`, or null while none is recorded. */
export type FamilyContact = 'email' | 'post' | null;

/** The contacts of the child whose review this is (404 for a review the principal cannot see, or a child no longer theirs). */
export async function contactsForReview(tx: Queryable, principal: Principal, reviewId: string, today: string): Promise<CaseContact[]> {
  const { childId } = await reviewAndChild(tx, principal, reviewId, today, false);
  return tx.query<CaseContact>(SELECT, [childId]);
}

/** The family's contact preference of the child whose review this is, with the day it was recorded. */
export async function familyContactForReview(tx: Queryable, reviewId: string): Promise<{ familyContact: FamilyContact; recordedOn: string | null }> {
  const [row] = await tx.query<{ family_contact: FamilyContact; recorded_on: string | null }>(
    `select c.family_contact, c.family_contact_recorded_on as recorded_on
       from review_cycles r join plans p on p.id = r.plan_id join children c on c.id = p.child_id where r.id = $1`,
    [reviewId],
    { prepare: true },
  );
  return { familyContact: row?.family_contact ?? null, recordedOn: row?.recorded_on ?? null };
}

/**
 * Records how the family agreed to be written to (email only where they agreed to it),
 * audited; the same answer again changes nothing. The review's version moves on with it.
 */
export async function recordFamilyContact(tx: Queryable, principal: Principal, reviewId: string, familyContact: 'email' | 'post', today: string, ifMatch?: string): Promise<{ changed: boolean; etag: string }> {
  const { row, childId } = await reviewAndChild(tx, principal, reviewId, today, true);
  checkIfMatch(row, ifMatch);
  const before = await familyContactForReview(tx, reviewId);
  if (before.familyContact === familyContact) return { changed: false, etag: etagOf(row) };
  await tx.query('update children set family_contact = $2, family_contact_recorded_on = $3 where id = $1', [childId, familyContact, today]);
  await appendAudit(tx, principal, 'family-contact.recorded', 'child', String(childId), before, { familyContact, recordedOn: today });
  const version = await updateReview(tx, row, {});
  // The family's reminder goes by email or not at all: the outbox follows the preference.
  await scheduleReminders(tx, [reviewId], today);
  return { changed: true, etag: etagOf({ id: row.id, version }) };
}

/**
 * Replaces the child's contacts with `contacts` (the SENCO's or officer's edited list),
 * audited with the list before and after. A repeat of the same list changes nothing and
 * writes no audit entry.
 */
export async function replaceContacts(
  tx: Queryable,
  principal: Principal,
  reviewId: string,
  contacts: CaseContact[],
  today: string,
  ifMatch?: string,
): Promise<{ contacts: CaseContact[]; changed: boolean; etag: string }> {
  const { row, childId } = await reviewAndChild(tx, principal, reviewId, today, true);
  checkIfMatch(row, ifMatch);
  const before = await tx.query<CaseContact>(SELECT, [childId]);
  const key = (list: CaseContact[]) => JSON.stringify([...list].map((c) => [c.role, c.name, c.email.toLowerCase()]).sort());
  if (key(before) === key(contacts)) return { contacts: before, changed: false, etag: etagOf(row) };
  await tx.query('delete from case_contacts where child_id = $1', [childId]);
  for (const c of contacts) {
    await tx.query(
      `insert into case_contacts (child_id, role, name, email) values ($1, $2, $3, $4)
       on conflict (child_id, role, lower(email)) do update set name = excluded.name, updated_at = now()`,
      [childId, c.role, c.name, c.email],
    );
  }
  const after = await tx.query<CaseContact>(SELECT, [childId]);
  await appendAudit(tx, principal, 'contacts.replaced', 'child', String(childId), before, after);
  // The review detail shows the contacts, so its version (and ETag) moves on with them.
  const version = await updateReview(tx, row, {});
  return { contacts: after, changed: true, etag: etagOf({ id: row.id, version }) };
}

/**
 * Stores contacts that came with a caseload import: each given (role, email) is added or
 * its name updated; contacts the file does not mention are kept (the file is not the only
 * source: SENCOs edit them too). Returns how many were added or changed.
 */
export async function importContacts(tx: Queryable, principal: Principal, rows: { laReference: string; contacts: CaseContact[] }[]): Promise<number> {
  const withContacts = rows.filter((r) => r.contacts.length > 0);
  if (withContacts.length === 0) return 0;
  const flat = withContacts.flatMap((r) => r.contacts.map((c) => ({ ref: r.laReference, ...c })));
  const changed = await tx.query<{ child_id: number }>(
    `insert into case_contacts (child_id, role, name, email)
     select c.id, u.role, u.name, u.email
       from unnest($2::text[], $3::text[], $4::text[], $5::text[]) as u(ref, role, name, email)
       join children c on c.council_id = $1 and c.la_reference = u.ref
     on conflict (child_id, role, lower(email)) do update set name = excluded.name, updated_at = now()
       where case_contacts.name is distinct from excluded.name
     returning child_id::int`,
    [principal.orgId, flat.map((f) => f.ref), flat.map((f) => f.role), flat.map((f) => f.name), flat.map((f) => f.email)],
  );
  if (changed.length) await appendAudit(tx, principal, 'contacts.imported', 'organisation', principal.orgId, null, { contacts: changed.length });
  return changed.length;
}
