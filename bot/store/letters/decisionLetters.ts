import type { DecisionOutcome } from '../../../shared';
import type { Queryable } from '../db';
import type { Principal } from '../principal';

/** Someone on the case's invitations, as the letter needs them. */
export interface LetterInvitation {
  role: string;
  name: string | null;
  email: string | null;
}

/** What a decided review's letter needs beyond the review row: the reasons, who was invited, the school's name and the council's tenant. */
export interface LetterFacts {
  reasons: string;
  invitations: LetterInvitation[];
  schoolName: string | null;
  tenantId: string | null;
}

/** The decision's letter facts; undefined when no decision is recorded. */
export async function letterFacts(tx: Queryable, review: { id: string; school_id: string | null; council_id: string }): Promise<LetterFacts | undefined> {
  const [facts] = await tx.query<{ reasons: string; invitations: LetterInvitation[] | string; school_name: string | null; tenant_id: string | null }>(
    `select d.reasons,
            (select coalesce(json_agg(json_build_object('role', i.role, 'name', i.name, 'email', i.email) order by i.id), '[]')
               from invitations i where i.review_id = $1) as invitations,
            (select name from organisations where id = $2) as school_name,
            (select entra_tenant_id from organisations where id = $3) as tenant_id
       from decisions d where d.review_id = $1`,
    [review.id, review.school_id, review.council_id],
  );
  if (!facts) return undefined;
  return {
    reasons: facts.reasons,
    invitations: typeof facts.invitations === 'string' ? JSON.parse(facts.invitations) : facts.invitations,
    schoolName: facts.school_name,
    tenantId: facts.tenant_id,
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
