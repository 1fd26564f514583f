import type { Principal } from '../principal';

/**
 * The SQL condition (on review_cycles `r`) for the reviews a principal may see, with its
 * parameters numbered from `first`. A school sees its pupils, a council its caseload, a
 * professional only the reviews they were invited to (by person, or by their registered email).
 */
export function visibleTo(p: Principal, first: number): { sql: string; params: unknown[] } {
  switch (p.role) {
    case 'senco':
      return { sql: `r.school_id = $${first}`, params: [p.orgId] };
    case 'la-officer':
    case 'la-manager':
      return { sql: `r.council_id = $${first}`, params: [p.orgId] };
    case 'professional':
      // By the person (whose row is keyed by the token's oid in its tid), or by the email the
      // council REGISTERED for them; never by the token's email-like claims, which are mutable
      // and unverified in other tenants (issue #19, finding 11).
      return {
        sql: `exists (select 1 from invitations i where i.review_id = r.id and (i.person_id = $${first}
                or exists (select 1 from people pp where pp.id = $${first} and pp.source = 'admin' and pp.removed_at is null
                             and pp.email is not null and lower(pp.email) = lower(i.email))))`,
        params: [p.personId],
      };
  }
}
