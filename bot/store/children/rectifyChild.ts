import { appendAudit } from '../audit';
import type { Queryable } from '../db';
import { createHash } from 'node:crypto';
import { NotFoundError, PreconditionFailedError } from '../errors';
import type { Principal } from '../principal';
import { ifMatchAccepts } from '../ifMatch';

/** The details a council may correct (UK GDPR Article 16): the child's name, date of birth and UPN. */
export interface ChildCorrection {
  name?: string | undefined;
  dateOfBirth?: string | undefined;
  upn?: string | null | undefined;
}

type Details = { name: string; dateOfBirth: string | null; upn: string | null };

/** The child's details' ETag: children have no version column, so it is a hash of what a correction changes. */
export const childEtag = (laReference: string, d: Details) => `"child.${laReference}.${createHash('sha256').update(JSON.stringify([d.name, d.dateOfBirth, d.upn])).digest('hex').slice(0, 16)}"`;

/**
 * Corrects one child's details, by the council that holds the child, audited with the
 * details before and after and the reason. Only the fields that change are written and
 * recorded; a correction that changes nothing writes nothing and says so.
 */
export async function rectifyChild(tx: Queryable, principal: Principal, laReference: string, correction: ChildCorrection, reason: string, ifMatch?: string): Promise<{ changed: string[]; details: Details; etag: string }> {
  const [row] = await tx.query<{ id: string | number; name: string; date_of_birth: string | null; upn: string | null }>(
    // An erased child (bot/store/children/eraseChild.ts) has nothing left to correct.
    'select id, name, date_of_birth, upn from children where council_id = $1 and la_reference = $2 and erased_at is null for update',
    [principal.orgId, laReference],
  );
  if (!row) throw new NotFoundError(`The child with council reference ${laReference}`);
  const before: Details = { name: row.name, dateOfBirth: row.date_of_birth, upn: row.upn };
  if (!ifMatchAccepts(ifMatch, childEtag(laReference, before))) {
    throw new PreconditionFailedError(childEtag(laReference, before), "The child's details have changed since you read them; read them again and make your correction again.");
  }
  const after: Details = {
    name: correction.name ?? before.name,
    dateOfBirth: correction.dateOfBirth ?? before.dateOfBirth,
    upn: correction.upn === undefined ? before.upn : correction.upn,
  };
  const changed = (Object.keys(before) as (keyof Details)[]).filter((k) => before[k] !== after[k]);
  if (changed.length === 0) return { changed, details: before, etag: childEtag(laReference, before) };
  await tx.query('update children set name = $2, date_of_birth = $3, upn = $4 where id = $1', [row.id, after.name, after.dateOfBirth, after.upn]);
  const pick = (d: Details) => Object.fromEntries(changed.map((k) => [k, d[k]]));
  await appendAudit(tx, principal, 'child.rectified', 'child', String(row.id), pick(before), { ...pick(after), reason });
  return { changed, details: after, etag: childEtag(laReference, after) };
}
