import { createHash, randomBytes } from 'node:crypto';
import { appendAudit } from '../audit';
import type { Queryable } from '../db';
import { ConflictError, NotFoundError } from '../errors';
import type { Principal } from '../principal';
import { circulatedByOf, loadReview, type SettingColumns, settingColumnsSql, withoutSettingColumns } from '../reviews/loadReview';
import { checkIfMatch } from '../reviews/writeSupport';
import type { OpenAdviceRequest } from './openRequests';

/** 32 random bytes: 256 bits, twice the 128 the issue asks for. */
const TOKEN_BYTES = 32;
/** What a token looks like in a URL (base64url of 32 bytes); anything else is wrong without a lookup. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The SHA-256 (hex) a token is stored as. A fast hash is enough: the token is 256 random bits, not a password. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A link as issued: the URL is shown (or emailed) once and never stored. */
export interface IssuedAdviceLink {
  requestId: number;
  reviewId: string;
  url: string;
  /** ISO instant: the end of the meeting day in London. */
  expiresAt: string;
}

export interface IssueAdviceLinkOptions {
  /** The service's public origin, e.g. `https://ehcp.example.org`; the link is `${publicUrl}/advice/${token}`. */
  publicUrl: string;
  /** Who asked for it (the API caller); null for the service itself (booking, reminders). */
  issuedBy?: Principal | null;
  /**
   * Revoke the request's earlier unused links (default false). The API's re-issue does, so a
   * forwarded or lost link stops working; a reminder email does not, so an earlier email's
   * link keeps working until the meeting.
   */
  revokeEarlier?: boolean;
}

/**
 * Issues a one-time link for one advice request (or the family's views request): a fresh
 * random token, stored only as its hash, good until the end of the meeting day in London.
 * Runs in the caller's transaction and writes an audit entry (never the token).
 *
 * This is what the reminder engine calls to put a link in its email.
 *
 * @example const { url } = await issueAdviceLink(tx, 42, { publicUrl: 'https://ehcp.example.org' })
 */
export async function issueAdviceLink(tx: Queryable, requestId: number, options: IssueAdviceLinkOptions): Promise<IssuedAdviceLink> {
  const rows = await tx.query<{ review_id: string; meeting_date: string | null; stage: string; expires_at: string }>(
    `select q.review_id, r.meeting_date, r.stage,
            to_char(((r.meeting_date + 1)::timestamp at time zone 'Europe/London') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as expires_at
       from advice_requests q join review_cycles r on r.id = q.review_id
      where q.id = $1
      for update of q`,
    [requestId],
  );
  const row = rows[0];
  if (!row) throw new NotFoundError(`Advice request ${requestId}`);
  if (!row.meeting_date || row.stage !== 'booked') {
    throw new ConflictError('advice-link-not-possible', 'Links can only be issued while the review meeting is booked and still to come; book the meeting first.');
  }
  if (options.revokeEarlier) {
    await tx.query('update advice_links set revoked_at = now() where request_id = $1 and used_at is null and revoked_at is null', [requestId]);
  }
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  const inserted = await tx.query<{ id: number }>(
    'insert into advice_links (request_id, token_hash, expires_at, issued_by) values ($1, $2, $3, $4) returning id::int',
    [requestId, hashToken(token), row.expires_at, options.issuedBy?.personId ?? null],
  );
  await appendAudit(tx, options.issuedBy ?? null, 'advice.link-issued', 'review', row.review_id, null, {
    requestId,
    linkId: inserted[0]?.id,
    expiresAt: row.expires_at,
    revokedEarlier: options.revokeEarlier ?? false,
  });
  return { requestId, reviewId: row.review_id, url: `${options.publicUrl.replace(/\/+$/, '')}/advice/${token}`, expiresAt: row.expires_at };
}

/**
 * {@link issueAdviceLink} for several requests of one review at once, as booking does for
 * every new advice and views request: the checks, the links and their audit entries in one
 * statement, answered in the order of `requestIds`. Never revokes earlier links.
 */
export async function issueAdviceLinks(tx: Queryable, reviewId: string, requestIds: readonly number[], options: Omit<IssueAdviceLinkOptions, 'revokeEarlier'>): Promise<IssuedAdviceLink[]> {
  if (requestIds.length === 0) return [];
  const tokens = requestIds.map(() => randomBytes(TOKEN_BYTES).toString('base64url'));
  const actor = options.issuedBy ?? null;
  const rows = await tx.query<{ request_id: number; expires_at: string }>(
    `with asked as (
       select q.id, to_char(((r.meeting_date + 1)::timestamp at time zone 'Europe/London') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as expires_at
         from advice_requests q join review_cycles r on r.id = q.review_id
        where q.id = any($2::bigint[]) and q.review_id = $1 and r.meeting_date is not null and r.stage = 'booked'
        for update of q),
     issued as (
       insert into advice_links (request_id, token_hash, expires_at, issued_by)
       select u.request_id, u.hash, a.expires_at::timestamptz, $4
         from unnest($2::bigint[], $3::text[]) with ordinality as u(request_id, hash, n) join asked a on a.id = u.request_id
        order by u.n
       returning id, request_id),
     audited as (
       insert into audit_log (actor_org, actor_user, actor_role, action, entity, entity_id, after)
       select $5, $6, $7, 'advice.link-issued', 'review', $1, jsonb_build_object('requestId', i.request_id, 'linkId', i.id, 'expiresAt', a.expires_at, 'revokedEarlier', false)
         from issued i join asked a on a.id = i.request_id order by i.id)
     select i.request_id::int as request_id, a.expires_at from issued i join asked a on a.id = i.request_id`,
    [reviewId, requestIds, tokens.map(hashToken), actor?.personId ?? null, actor?.orgId ?? null, actor?.userId ?? 'system', actor?.role ?? null],
  );
  if (rows.length !== requestIds.length) {
    throw new ConflictError('advice-link-not-possible', 'Links can only be issued while the review meeting is booked and still to come; book the meeting first.');
  }
  const expiresOf = new Map(rows.map((r) => [r.request_id, r.expires_at]));
  const base = options.publicUrl.replace(/\/+$/, '');
  return requestIds.map((requestId, i) => ({ requestId, reviewId, url: `${base}/advice/${tokens[i]}`, expiresAt: expiresOf.get(requestId) as string }));
}

/** What an open link lets its holder see and do. The child's name is here only to scrub it from file names. */
export interface AdviceLinkContext extends OpenAdviceRequest {
  linkId: number;
  email: string | null;
  /** Who the page is from: the council's name and SEND team contact (council settings, else the organisation's name). */
  councilName: string;
  sendTeamName: string | null;
  sendTeamPhone: string | null;
  sendTeamEmail: string | null;
  /** Whether the council set a logo for its pages (served at /advice/assets/logo/{councilId}). */
  councilHasLogo: boolean;
  /** Who asked: the SENCO who booked the meeting (its school invitee), and the school. */
  askedByName: string | null;
  schoolName: string | null;
}

type ContextRow = Omit<AdviceLinkContext, 'circulatedBy'> & SettingColumns;

const contextOf = (row: ContextRow): AdviceLinkContext => ({ ...withoutSettingColumns(row), circulatedBy: circulatedByOf(row.meetingDate, row) });

const CONTEXT_SQL = `
  select l.id::int as "linkId", q.id::int as "requestId", r.id as "reviewId", r.council_id as "councilId", o.entra_tenant_id as "councilTenantId",
         q.from_role as "fromRole", q.email, q.due_on as "dueOn", r.meeting_date as "meetingDate", r.review_deadline as "reviewDeadline",
         c.la_reference as "laReference", c.name as "childName", c.date_of_birth as "dateOfBirth",
         coalesce(cset.settings->>'councilName', o.name) as "councilName", cset.settings->>'sendTeamName' as "sendTeamName",
         cset.settings->>'sendTeamPhone' as "sendTeamPhone", cset.settings->>'sendTeamEmail' as "sendTeamEmail",
         coalesce(cset.settings ? 'councilLogo', false) as "councilHasLogo",
         (select i.name from invitations i where i.review_id = r.id and i.role = 'school' order by i.id limit 1) as "askedByName", so.name as "schoolName",
         ${settingColumnsSql.columns}
    from advice_links l
    join advice_requests q on q.id = l.request_id
    join review_cycles r on r.id = q.review_id
    join plans p on p.id = r.plan_id
    join children c on c.id = p.child_id
    join organisations o on o.id = r.council_id
    left join council_settings cset on cset.council_id = r.council_id
    left join organisations so on so.id = r.school_id
    ${settingColumnsSql.joins}
   where l.token_hash = $1 and l.used_at is null and l.revoked_at is null and l.expires_at > $2 and r.stage = 'booked'`;

/**
 * The link a token opens, or undefined when it is unknown, used, revoked, expired, or its
 * review has moved past the meeting. The caller answers all of these alike.
 */
export async function openAdviceLink(tx: Queryable, token: string, now: Date): Promise<AdviceLinkContext | undefined> {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  const rows = await tx.query<ContextRow>(CONTEXT_SQL, [hashToken(token), now.toISOString()]);
  return rows[0] && contextOf(rows[0]);
}

/**
 * Marks the link used, in the transaction that records what it delivered; undefined if
 * another request used it first (the row lock makes the second wait, then miss).
 */
export async function useAdviceLink(tx: Queryable, token: string, now: Date): Promise<AdviceLinkContext | undefined> {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  const rows = await tx.query<ContextRow>(`${CONTEXT_SQL} for update of l`, [hashToken(token), now.toISOString()]);
  const link = rows[0] && contextOf(rows[0]);
  if (!link) return undefined;
  await tx.query('update advice_links set used_at = $2 where id = $1', [link.linkId, now.toISOString()]);
  return link;
}

/**
 * A new link for a request of a review the caller can see, revoking its earlier unused
 * links (a forwarded or lost link stops working). 404 for a request of another review.
 */
export async function reissueAdviceLink(tx: Queryable, principal: Principal, reviewId: string, requestId: number, today: string, publicUrl: string, ifMatch?: string): Promise<IssuedAdviceLink> {
  checkIfMatch(await loadReview(tx, principal, reviewId, today, true), ifMatch);
  const owned = await tx.query('select 1 from advice_requests where id = $1 and review_id = $2', [requestId, reviewId]);
  if (owned.length === 0) throw new NotFoundError(`Advice request ${requestId}`);
  return issueAdviceLink(tx, requestId, { publicUrl, issuedBy: principal, revokeEarlier: true });
}

/** A fresh one-time link for the outstanding advice (or views) request this address was asked for, if any. */
export async function adviceLinkFor(db: Queryable, reviewId: string, email: string, publicUrl: string): Promise<string | undefined> {
  const [request] = await db.query<{ id: number }>(
    `select q.id::int from advice_requests q join review_cycles c on c.id = q.review_id
      where q.review_id = $1 and lower(q.email) = lower($2) and c.stage = 'booked'
        and not exists (select 1 from advice_items i where i.request_id = q.id) order by q.id limit 1`,
    [reviewId, email],
  );
  if (!request) return undefined;
  return (await issueAdviceLink(db, request.id, { publicUrl })).url;
}
