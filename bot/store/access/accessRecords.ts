import type { Queryable } from '../db';
import type { Principal } from '../principal';

/** Where a read came from: the HTTP API called directly, the Outlook add-in, the Teams tab, the bot, or the command line. */
export const faces = ['api', 'addin', 'tab', 'bot', 'cli'] as const;
export type Face = (typeof faces)[number];

/** What was read (#29 item 4): a review, a letter or report document, a case export, the SEN2 file, or these records themselves. */
export type AccessAction = 'review.read' | 'letter.downloaded' | 'report.downloaded' | 'case.exported' | 'sen2.exported' | 'access.queried';

/** Who read: a signed-in principal, or an operator at the command line. */
export type Reader = Pick<Principal, 'orgId' | 'userId' | 'role' | 'email'> | { orgId: null; userId: string; role: null; email: null };

/**
 * Records that `reader` read review `reviewId`. The council and the child's LA reference
 * are taken from the review in the same statement, so the record names the child even
 * after the review's rows are gone, and a reader never supplies them.
 */
export async function recordReviewAccess(tx: Queryable, reader: Reader, face: Face, action: AccessAction, reviewId: string, detail: unknown = null): Promise<void> {
  await tx.query(
    `insert into access_records (council_id, actor_org, actor_user, actor_email, actor_role, face, action, la_reference, review_id, detail)
     select r.council_id, $1, $2, $3, $4, $5, $6, c.la_reference, r.id, $8
       from review_cycles r join plans p on p.id = r.plan_id join children c on c.id = p.child_id
      where r.id = $7`,
    [reader.orgId, reader.userId, reader.email, reader.role, face, action, reviewId, detail === null ? null : JSON.stringify(detail)],
  );
}

/**
 * The statement that records a read of the review in `from` (a relation of one row or none
 * with `id`, `council_id` and `la_reference`: a CTE of the read itself), for a read that
 * sends one statement (bot/store/reviews/reviewDetail.ts): no row, no record. Its
 * parameters, numbered from `first`, are {@link reviewAccessParams}.
 */
export function reviewAccessSql(from: string, first: number): string {
  const n = (i: number) => `$${first + i}`;
  return `insert into access_records (council_id, actor_org, actor_user, actor_email, actor_role, face, action, la_reference, review_id, detail)
     select council_id, ${n(0)}, ${n(1)}, ${n(2)}, ${n(3)}, ${n(4)}, ${n(5)}, la_reference, id, ${n(6)}::jsonb from ${from}`;
}

/** The parameters of {@link reviewAccessSql}, in its order. */
export function reviewAccessParams(reader: Reader, face: Face, action: AccessAction, detail: unknown = null): unknown[] {
  return [reader.orgId, reader.userId, reader.email, reader.role, face, action, detail === null ? null : JSON.stringify(detail)];
}

/** Records a read of the council's data that is about no one review (the SEN2 file; a query of these records). */
export async function recordCouncilAccess(
  tx: Queryable,
  reader: Reader,
  face: Face,
  action: AccessAction,
  councilId: string,
  laReference: string | null,
  detail: unknown = null,
): Promise<void> {
  await tx.query(
    `insert into access_records (council_id, actor_org, actor_user, actor_email, actor_role, face, action, la_reference, detail)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [councilId, reader.orgId, reader.userId, reader.email, reader.role, face, action, laReference, detail === null ? null : JSON.stringify(detail)],
  );
}

export interface AccessRecord {
  id: number;
  at: string;
  person: { userId: string; email: string | null; org: string | null; role: string | null };
  face: Face;
  action: AccessAction;
  laReference: string | null;
  reviewId: string | null;
  detail: unknown;
}

export interface AccessQuery {
  /** The child's LA reference. */
  child?: string | undefined;
  /** A person: their email (as registered) or their user id. */
  person?: string | undefined;
  /** Only records older than this id (the next page). */
  before?: number | undefined;
  limit: number;
}

interface Row {
  id: string | number;
  at: Date | string;
  actor_user: string;
  actor_email: string | null;
  actor_org: string | null;
  actor_role: string | null;
  face: Face;
  action: AccessAction;
  la_reference: string | null;
  review_id: string | null;
  detail: unknown;
}

/** One council's access records, newest first, for one child, one person or both. */
export async function listAccessRecords(tx: Queryable, councilId: string, query: AccessQuery): Promise<AccessRecord[]> {
  const rows = await tx.query<Row>(
    `select id, at, actor_user, actor_email, actor_org, actor_role, face, action, la_reference, review_id, detail
       from access_records
      where council_id = $1
        and ($2::text is null or la_reference = $2)
        and ($3::text is null or actor_user = $3 or lower(actor_email) = lower($3))
        and ($4::bigint is null or id < $4)
      order by id desc
      limit $5`,
    [councilId, query.child ?? null, query.person ?? null, query.before ?? null, query.limit],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    at: new Date(r.at).toISOString(),
    person: { userId: r.actor_user, email: r.actor_email, org: r.actor_org, role: r.actor_role },
    face: r.face,
    action: r.action,
    laReference: r.la_reference,
    reviewId: r.review_id,
    detail: typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail,
  }));
}
