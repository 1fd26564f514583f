import type { Principal } from '../principal';

/**
 * The SQL condition (on review_cycles `r`) for the reviews a principal may see, with its
 * parameters numbered from `first`. A school sees its pupils, a council its caseload, a
 * professional only the reviews they were invited to (by person or by email).
 */
export function visibleTo(p: Principal, first: number): { sql: string; params: unknown[] } {
  switch (p.role) {
    case 'senco':
      return { sql: `r.school_id = $${first}`, params: [p.orgId] };
    case 'la-officer':
    case 'la-manager':
      return { sql: `r.council_id = $${first}`, params: [p.orgId] };
    case 'professional':
      return {
        sql: `exists (select 1 from invitations i where i.review_id = r.id and (i.person_id = $${first} or ($${first + 1}::text is not null and lower(i.email) = lower($${first + 1}::text))))`,
        params: [p.personId, p.email],
      };
  }
}
