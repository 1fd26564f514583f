import type { DecisionOutcome } from '../../../shared';
import type { Queryable } from '../db';
import type { Principal } from '../principal';

/** Someone on the case's invitations, as the letter needs them. */
export interface LetterInvitation {
  role: string;
  name: string | null;
  email: string | null;
}

/** One piece of evidence the letters list: advice received, or the school's report. */
export interface LetterEvidenceRow {
  kind: 'advice' | 'report';
  role: string;
  author: string | null;
  on: string;
  file: string | null;
  driveId: string | null;
  itemId: string | null;
}

/** What a decided review's letters need beyond the review row: the reasons, who was invited, the evidence, the school's name and the council's tenant. */
export interface LetterFacts {
  reasons: string;
  invitations: LetterInvitation[];
  school_name: string | null;
  tenant_id: string | null;
  evidence: LetterEvidenceRow[];
}

/** The decision's letter facts; undefined when no decision is recorded. */
export async function letterFacts(tx: Queryable, review: { id: string; school_id: string | null; council_id: string }, draftReasons?: string): Promise<LetterFacts | undefined> {
  const [facts] = await tx.query<{ reasons: string; invitations: LetterInvitation[] | string; school_name: string | null; tenant_id: string | null; evidence: LetterEvidenceRow[] | string }>(
    `select d.reasons,
            (select coalesce(json_agg(json_build_object('role', i.role, 'name', i.name, 'email', i.email) order by i.id), '[]')
               from invitations i where i.review_id = $1) as invitations,
            (select name from organisations where id = $2) as school_name,
            (select entra_tenant_id from organisations where id = $3) as tenant_id,
            (select coalesce(json_agg(json_build_object('kind', e.kind, 'role', e.role, 'author', e.author, 'on', e.on_date, 'file', e.file_name, 'driveId', e.drive_id, 'itemId', e.item_id) order by e.on_date, e.kind), '[]')
               from (select 'advice' as kind, from_role as role, author, to_char(received_on, 'YYYY-MM-DD') as on_date, file_name, drive_id, item_id from advice_items where review_id = $1
                     union all
                     select 'report', 'school', null, to_char(sent_on, 'YYYY-MM-DD'), null, null, null from reports where review_id = $1) e) as evidence
       from ${draftReasons === undefined ? 'decisions d where d.review_id = $1' : '(select $4::text as reasons) d'}`,
    // A preview (draftReasons given) reads the reasons being written, not a recorded decision.
    draftReasons === undefined ? [review.id, review.school_id, review.council_id] : [review.id, review.school_id, review.council_id, draftReasons],
    { prepare: true },
  );
  if (!facts) return undefined;
  return {
    ...facts,
    invitations: typeof facts.invitations === 'string' ? JSON.parse(facts.invitations) : facts.invitations,
    evidence: typeof facts.evidence === 'string' ? JSON.parse(facts.evidence) : facts.evidence,
  };
}

/** One recorded delivery of a decision letter. */
export interface StoredLetterSend<R> {
  channel: 'send' | 'draft';
  mailbox: string;
  recipients: R[];
  sentAt: string;
  resend: boolean;
}

/** Every delivery of a review's decision letter, oldest first. */
export async function letterSends<R>(tx: Queryable, reviewId: string): Promise<StoredLetterSend<R>[]> {
  const rows = await tx.query<{ channel: 'send' | 'draft'; mailbox: string; recipients: R[] | string; sent_at: Date | string; resend: boolean }>(
    'select channel, mailbox, recipients, sent_at, resend from decision_letters where review_id = $1 order by sent_at, id',
    [reviewId],
    { prepare: true },
  );
  return rows.map((r) => ({
    channel: r.channel,
    mailbox: r.mailbox,
    recipients: typeof r.recipients === 'string' ? JSON.parse(r.recipients) : r.recipients,
    sentAt: new Date(r.sent_at).toISOString(),
    resend: r.resend,
  }));
}

/** Records a delivery (when, by whom, to whom, which channel, the PDF's hash); answers when, as an ISO instant. */
export async function recordLetterSend(
  tx: Queryable,
  principal: Principal,
  send: { reviewId: string; outcome: DecisionOutcome; channel: 'send' | 'draft'; mailbox: string; recipients: unknown[]; resend: boolean; pdfSha256: string; messageId: string | null },
): Promise<string> {
  const [row] = await tx.query<{ sent_at: Date | string }>(
    `insert into decision_letters (review_id, outcome, channel, mailbox, recipients, resend, pdf_sha256, graph_message_id, sent_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning sent_at`,
    [send.reviewId, send.outcome, send.channel, send.mailbox, JSON.stringify(send.recipients), send.resend, send.pdfSha256, send.messageId, principal.personId],
  );
  return new Date(row?.sent_at ?? Date.now()).toISOString();
}
