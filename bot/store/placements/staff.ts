import type { Queryable } from '../db';

/** The first registered (not removed) person of `role` at `orgId`, the one a notice goes to when no one is named. */
export async function staffOf(tx: Queryable, orgId: string, role: 'la-officer' | 'senco'): Promise<number | null> {
  const [row] = await tx.query<{ id: number }>('select id::int from people where org_id = $1 and role = $2 and removed_at is null order by id limit 1', [orgId, role]);
  return row?.id ?? null;
}
