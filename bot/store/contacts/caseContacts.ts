import type { InviteeRole } from '../../../shared';
import { appendAudit } from '../audit';
import type { Queryable } from '../db';
import type { Principal } from '../principal';
import { loadReview } from '../reviews/loadReview';

/** Someone a child's review must invite, by role. */
export interface CaseContact {
  role: InviteeRole;
  name: string;
  email: string;
}

const SELECT = `select role, name, email from case_contacts where child_id = $1 order by role, lower(name), id`;

async function childOf(tx: Queryable, planId: number): Promise<number> {
  const [row] = await tx.query<{ child_id: number }>('select child_id::int as child_id from plans where id = $1', [planId]);
  return row!.child_id;
}

/** The contacts of the child whose review this is (404 for a review the principal cannot see). */
export async function contactsForReview(tx: Queryable, principal: Principal, reviewId: string, today: string): Promise<CaseContact[]> {
  const row = await loadReview(tx, principal, reviewId, today);
  return tx.query<CaseContact>(SELECT, [await childOf(tx, row.plan_id)]);
}

/**
 * Replaces the child's contacts with `contacts` (the SENCO's or officer's edited list),
 * audited with the list before and after. A repeat of the same list changes nothing and
 * writes no audit entry.
 */
export async function replaceContacts(tx: Queryable, principal: Principal, reviewId: string, contacts: CaseContact[], today: string): Promise<{ contacts: CaseContact[]; changed: boolean }> {
  const row = await loadReview(tx, principal, reviewId, today, true);
  const childId = await childOf(tx, row.plan_id);
  const before = await tx.query<CaseContact>(SELECT, [childId]);
  const key = (list: CaseContact[]) => JSON.stringify([...list].map((c) => [c.role, c.name, c.email.toLowerCase()]).sort());
  if (key(before) === key(contacts)) return { contacts: before, changed: false };
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
  return { contacts: after, changed: true };
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
