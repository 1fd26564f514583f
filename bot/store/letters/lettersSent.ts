import type { LetterKind } from '../../../shared';
import type { Queryable } from '../db';

/** Someone a letter went to. */
export interface SentTo {
  role: string;
  name: string | null;
  email: string | null;
}

/** One document sent (or drafted, or posted), as the record keeps it. */
export interface SentLetter {
  id: string;
  mailing: string;
  kind: LetterKind;
  title: string;
  letterDate: string;
  channel: 'email' | 'draft' | 'post';
  /** The day it went; null while it waits in Drafts. */
  sentOn: string | null;
  superseded: boolean;
  mailbox: string | null;
  graphMessageId: string | null;
  recipients: SentTo[];
  fileName: string;
  pdfSha256: string;
  bytes: number;
  /** Where its copy is kept: the review's folder in the council's SharePoint library. */
  storedCopy: { driveId: string; itemId: string } | null;
  sentAt: string;
}

export type NewSentLetter = Omit<SentLetter, 'id' | 'sentAt' | 'superseded'>;

/** Records one document of a mailing. */
export async function insertSentLetter(tx: Queryable, reviewId: string, sentBy: number, l: NewSentLetter): Promise<string> {
  const [row] = await tx.query<{ id: string | number }>(
    `insert into letters_sent (review_id, mailing, kind, title, letter_date, channel, sent_on, mailbox, graph_message_id, recipients, file_name, pdf_sha256, bytes, drive_id, item_id, sent_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) returning id`,
    [
      reviewId,
      l.mailing,
      l.kind,
      l.title,
      l.letterDate,
      l.channel,
      l.sentOn,
      l.mailbox,
      l.graphMessageId,
      JSON.stringify(l.recipients),
      l.fileName,
      l.pdfSha256,
      l.bytes,
      l.storedCopy?.driveId ?? null,
      l.storedCopy?.itemId ?? null,
      sentBy,
    ],
  );
  return String(row?.id);
}

/** Every document of a review, oldest first: what `GET /api/reviews/{id}/letters` lists. */
export async function lettersOfReview(tx: Queryable, reviewId: string): Promise<SentLetter[]> {
  const rows = await tx.query<{
    id: string | number;
    mailing: string;
    kind: LetterKind;
    title: string;
    letter_date: string;
    channel: SentLetter['channel'];
    sent_on: string | null;
    superseded: boolean;
    mailbox: string | null;
    graph_message_id: string | null;
    recipients: SentTo[] | string;
    file_name: string;
    pdf_sha256: string;
    bytes: number;
    drive_id: string | null;
    item_id: string | null;
    created_at: Date | string;
  }>(
    `select id, mailing, kind, title, to_char(letter_date, 'YYYY-MM-DD') as letter_date, channel, to_char(sent_on, 'YYYY-MM-DD') as sent_on, superseded, mailbox,
            graph_message_id, recipients, file_name, pdf_sha256, bytes, drive_id, item_id, created_at
       from letters_sent where review_id = $1 order by created_at, id`,
    [reviewId],
    { prepare: true },
  );
  return rows.map((r) => ({
    id: String(r.id),
    mailing: r.mailing,
    kind: r.kind,
    title: r.title,
    letterDate: r.letter_date,
    channel: r.channel,
    sentOn: r.sent_on,
    superseded: r.superseded,
    mailbox: r.mailbox,
    graphMessageId: r.graph_message_id,
    recipients: typeof r.recipients === 'string' ? JSON.parse(r.recipients) : r.recipients,
    fileName: r.file_name,
    pdfSha256: r.pdf_sha256,
    bytes: r.bytes,
    storedCopy: r.drive_id && r.item_id ? { driveId: r.drive_id, itemId: r.item_id } : null,
    sentAt: new Date(r.created_at).toISOString(),
  }));
}

/** The draft mailing of `kind` still waiting to be sent, if any. */
export async function pendingDraft(tx: Queryable, reviewId: string, kind: LetterKind): Promise<SentLetter[]> {
  const all = await lettersOfReview(tx, reviewId);
  const last = all.filter((l) => l.kind === kind && l.channel === 'draft' && !l.superseded).at(-1);
  if (!last || last.sentOn) return [];
  return all.filter((l) => l.mailing === last.mailing);
}

/** Marks a draft mailing as sent on `sentOn`. */
export async function markMailingSent(tx: Queryable, mailing: string, sentOn: string): Promise<void> {
  await tx.query('update letters_sent set sent_on = $2 where mailing = $1', [mailing, sentOn]);
}

/** Marks a draft mailing superseded: a regenerated one replaces it. */
export async function supersedeMailing(tx: Queryable, mailing: string): Promise<void> {
  await tx.query('update letters_sent set superseded = true where mailing = $1', [mailing]);
}
