import { openAuditRows } from '../auditSeal/childKeys';
import { CHILD_AUDIT_WHERE } from '../caseExport';
import type { Queryable } from '../db';

/** A file the product keeps a pointer to (in the council's SharePoint), for the export to fetch. */
export interface HeldFile {
  kind: 'letter' | 'advice';
  id: number;
  fileName: string;
  driveId: string;
  itemId: string;
  sha256: string | null;
}

/** Everything the store holds about one child of one council, by table, for a subject access export (#29 item 2). */
export interface ChildRecords {
  laReference: string;
  /** The child's row id: what audit entries about the child name them by. */
  childId: string;
  /** The council's Microsoft 365 tenant (the Graph token for its SharePoint). */
  councilTenantId: string | null;
  councilName: string;
  reviewIds: string[];
  tables: Record<string, unknown[]>;
  files: HeldFile[];
}

const byReviews = (table: string, order = 'id') => `select * from ${table} where review_id = any($1::text[]) order by ${order}`;

/**
 * One child's rows from every table that holds data about them, or null when the council
 * holds no child with that reference. Rows are as stored (column names as in the schema,
 * docs/data-protection.md's data map), so the export shows exactly what is held.
 */
export async function childRecords(tx: Queryable, councilId: string, laReference: string): Promise<ChildRecords | null> {
  const [child] = await tx.query<{ id: string | number }>('select id from children where council_id = $1 and la_reference = $2', [councilId, laReference]);
  if (!child) return null;
  const [council] = await tx.query<{ name: string; entra_tenant_id: string | null }>('select name, entra_tenant_id from organisations where id = $1', [councilId]);
  const children = await tx.query('select * from children where id = $1', [child.id]);
  const plans = await tx.query<{ id: string | number }>('select * from plans where child_id = $1', [child.id]);
  const planIds = plans.map((p) => String(p.id));
  const reviews = await tx.query<{ id: string }>('select * from review_cycles where plan_id = any($1::bigint[]) order by created_at, id', [planIds]);
  const reviewIds = reviews.map((r) => r.id);
  const q = (table: string, order?: string) => tx.query(byReviews(table, order), [reviewIds]);
  const adviceItems = await q('advice_items');
  const lettersSent = await q('letters_sent');
  const tables: Record<string, unknown[]> = {
    children,
    plans,
    plan_transfers: await tx.query('select * from plan_transfers where from_plan_id = any($1::bigint[]) or to_plan_id = any($1::bigint[]) order by id', [planIds]),
    review_cycles: reviews,
    case_contacts: await tx.query('select * from case_contacts where child_id = $1 order by id', [child.id]),
    invitations: await q('invitations'),
    advice_requests: await q('advice_requests'),
    advice_items: adviceItems,
    meetings: await q('meetings', 'review_id'),
    meeting_attachments: await q('meeting_attachments', 'review_id'),
    reports: await q('reports', 'review_id'),
    review_reports: await q('review_reports', 'review_id'),
    decisions: await q('decisions', 'review_id'),
    amendments: await q('amendments', 'review_id'),
    cease_steps: await q('cease_steps', 'review_id'),
    decision_letters: await q('decision_letters'),
    letters_sent: lettersSent,
    representations: await q('representations'),
    reminder_outbox: await q('reminder_outbox'),
    // Sealed entries opened under the child's key (bot/store/auditSeal).
    audit_log: await openAuditRows(tx, await tx.query(`select * from audit_log where ${CHILD_AUDIT_WHERE} order by id`, [String(child.id), reviewIds])),
    access_records: await tx.query('select * from access_records where council_id = $1 and la_reference = $2 order by id', [councilId, laReference]),
  };
  const files: HeldFile[] = [
    ...(lettersSent as { id: number | string; file_name: string; drive_id: string | null; item_id: string | null; pdf_sha256: string }[])
      .filter((l) => l.drive_id && l.item_id)
      .map((l) => ({ kind: 'letter' as const, id: Number(l.id), fileName: l.file_name.endsWith('.pdf') ? l.file_name : `${l.file_name}.pdf`, driveId: l.drive_id as string, itemId: l.item_id as string, sha256: l.pdf_sha256 })),
    ...(adviceItems as { id: number | string; file_name: string | null; drive_id: string | null; item_id: string | null }[])
      .filter((a) => a.drive_id && a.item_id)
      .map((a) => ({ kind: 'advice' as const, id: Number(a.id), fileName: a.file_name ?? `advice-${a.id}`, driveId: a.drive_id as string, itemId: a.item_id as string, sha256: null })),
  ];
  return { laReference, childId: String(child.id), councilTenantId: council?.entra_tenant_id ?? null, councilName: council?.name ?? councilId, reviewIds, tables, files };
}
