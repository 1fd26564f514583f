import { csvLine } from '../csv/write';
import { type AccessAction, type AccessRecord, type Face, type Reader, listAccessRecords, recordCouncilAccess, recordReviewAccess } from '../store/access/accessRecords';
import type { Queryable } from '../store/db';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../store/errors';
import type { Principal } from '../store/principal';
import { isKnownChild } from '../store/access/knownChild';
import { accessQuery, parseWith } from './schemas';

export type { Face } from '../store/access/accessRecords';

/**
 * Notes that `reader` read one review's personal data (the review itself, its letter or
 * report document, its case export). Called by each face after the read has succeeded, so
 * a refused read leaves no record and every answered one leaves exactly one.
 */
export function noteReviewRead(db: Queryable, reader: Reader, face: Face, action: AccessAction, reviewId: string, detail: unknown = null): Promise<void> {
  return recordReviewAccess(db, reader, face, action, reviewId, detail);
}

/** Notes a read of the council's data as a whole (the SEN2 file). */
export function noteCouncilRead(db: Queryable, reader: Principal, face: Face, action: AccessAction, detail: unknown = null): Promise<void> {
  return recordCouncilAccess(db, reader, face, action, reader.orgId, null, detail);
}

export interface AccessAnswer {
  items: AccessRecord[];
  /** Pass as `before` for the next (older) page; null on the last. */
  nextBefore: number | null;
}

/**
 * The LA manager's question "who has looked at this child's records?" (or "what has this
 * person looked at?"): the council's access records, newest first. Asking is itself
 * recorded, so a DPO sees who asked. A child the council does not hold is a 404 like any
 * unknown case, whether it is unknown or another council's.
 */
export async function queryAccessRecords(db: Queryable, principal: Principal, face: Face, input: unknown): Promise<AccessAnswer & { format: 'json' | 'csv' }> {
  if (principal.orgKind !== 'council' || principal.role !== 'la-manager') throw new ForbiddenError('Access records are for the council’s LA manager; ask them, or your Data Protection Officer.');
  const parsed = parseWith(accessQuery, input);
  if (!parsed.ok) throw new InvalidInputError(parsed.problems);
  const q = parsed.value;
  if (q.child !== undefined && !(await isKnownChild(db, principal.orgId, q.child))) throw new NotFoundError(`The child with council reference ${q.child}`);
  const items = await listAccessRecords(db, principal.orgId, { child: q.child, person: q.person, before: q.before, limit: q.limit });
  await recordCouncilAccess(db, principal, face, 'access.queried', principal.orgId, q.child ?? null, { person: q.person ?? null, format: q.format });
  return { items, nextBefore: items.length === q.limit ? (items.at(-1)?.id ?? null) : null, format: q.format };
}

const CSV_HEADER = ['id', 'at', 'user_id', 'email', 'organisation', 'role', 'face', 'action', 'la_reference', 'review_id'];

/** The records as CSV (one line each, header first), for the DPO's spreadsheet. */
export function accessRecordsCsv(items: readonly AccessRecord[]): string {
  const lines = [csvLine(CSV_HEADER)];
  for (const r of items) {
    lines.push(csvLine([String(r.id), r.at, r.person.userId, r.person.email ?? '', r.person.org ?? '', r.person.role ?? '', r.face, r.action, r.laReference ?? '', r.reviewId ?? '']));
  }
  return `${lines.join('\r\n')}\r\n`;
}
