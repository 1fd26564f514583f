import type { Queryable } from '../db';

/**
 * True when the council holds a child with this LA reference, or once did and still has
 * access records about them (a case transferred out or removed under retention can still
 * be asked about).
 */
export async function isKnownChild(tx: Queryable, councilId: string, laReference: string): Promise<boolean> {
  const rows = await tx.query(
    `select 1 from children where council_id = $1 and la_reference = $2
     union all
     select 1 from access_records where council_id = $1 and la_reference = $2
     limit 1`,
    [councilId, laReference],
  );
  return rows.length > 0;
}
