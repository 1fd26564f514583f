import type { Queryable } from '../db';
import { queueGraphDeletions } from '../graphDeletions';

/** The day before which each kind of record is past its period (bot/app/retention works them out). */
export interface Cutoffs {
  bornBefore: string;
  planEndedBefore: string;
  adviceLinkExpiredBefore: string;
  reminderSentBefore: string;
  accessRecordBefore: string;
}

export interface PastPeriodCounts {
  /** Closed cases (a child, their plan and every review of it). */
  case: number;
  /** SharePoint files of those cases queued for deletion through Graph (graph_deletions). */
  files?: number;
  adviceLink: number;
  reminder: number;
  accessRecord: number;
}

/**
 * The tables that hang off a review, in the order they are deleted (children of a row
 * before the row). test/store/retention.test.ts checks this list against the schema's
 * foreign keys, so a new table that refers to a review cannot be forgotten here.
 */
export const REVIEW_TABLES = [
  'meeting_attachments',
  'advice_items',
  'advice_requests',
  'invitations',
  'meetings',
  'reports',
  'review_reports',
  'decisions',
  'amendments',
  'cease_steps',
  'letters_sent',
  'representations',
  'decision_letters',
  'reminder_outbox',
] as const;

/** The tables a child or a plan owns directly (deleted after the reviews). */
export const CASE_TABLES = ['review_cycles', 'case_contacts', 'plan_transfers', 'plans', 'child_keys', 'children'] as const;

// A closed case past both rules: the plan ceased or moved away before the plan-end cut-off,
// and the child was born before the birth cut-off (or their date of birth is not known).
const CLOSED_CASES = `
  select p.id as plan_id, c.id as child_id
    from plans p join children c on c.id = p.child_id
   where c.council_id = $1
     and coalesce(p.ceased_on, p.transferred_out_on) < $2::date
     and (c.date_of_birth is null or c.date_of_birth < $3::date)`;

const LINKS = `
  from advice_links l join advice_requests q on q.id = l.request_id join review_cycles r on r.id = q.review_id
 where r.council_id = $1 and l.expires_at < ($2::date)::timestamptz`;

// Sent, cancelled or given-up reminders only: a pending one is still work to do.
const REMINDERS = `
  from reminder_outbox o join review_cycles r on r.id = o.review_id
 where r.council_id = $1 and o.status in ('sent', 'cancelled', 'dead') and o.send_on < $2::date`;

const ACCESS = 'from access_records where council_id = $1 and at < ($2::date)::timestamptz';

const count = async (tx: Queryable, sql: string, params: unknown[]) => Number((await tx.query<{ n: number | string }>(sql, params))[0]?.n ?? 0);

/** How many records of each kind are past their period for the council (the dry run's report). */
export async function countPastPeriod(tx: Queryable, councilId: string, c: Cutoffs): Promise<PastPeriodCounts> {
  return {
    case: await count(tx, `select count(*) as n from (${CLOSED_CASES}) closed`, [councilId, c.planEndedBefore, c.bornBefore]),
    adviceLink: await count(tx, `select count(*) as n ${LINKS}`, [councilId, c.adviceLinkExpiredBefore]),
    reminder: await count(tx, `select count(*) as n ${REMINDERS}`, [councilId, c.reminderSentBefore]),
    accessRecord: await count(tx, `select count(*) as n ${ACCESS}`, [councilId, c.accessRecordBefore]),
  };
}

/**
 * Deletes what is past its period, in the caller's transaction, and says how many of each
 * kind went. A closed case goes whole: every review of the plan with all it holds, the
 * contacts, the transfer record, the plan and the child. The audit log is append-only and
 * is not touched here (its entries about the child are the erasure's business).
 */
export async function deletePastPeriod(tx: Queryable, councilId: string, c: Cutoffs): Promise<PastPeriodCounts> {
  const links = await count(tx, `with gone as (delete from advice_links where id in (select l.id ${LINKS}) returning 1) select count(*) as n from gone`, [councilId, c.adviceLinkExpiredBefore]);
  const reminders = await count(tx, `with gone as (delete from reminder_outbox where id in (select o.id ${REMINDERS}) returning 1) select count(*) as n from gone`, [councilId, c.reminderSentBefore]);
  const access = await count(tx, `with gone as (delete ${ACCESS} returning 1) select count(*) as n from gone`, [councilId, c.accessRecordBefore]);
  const closed = await tx.query<{ plan_id: string | number; child_id: string | number }>(CLOSED_CASES, [councilId, c.planEndedBefore, c.bornBefore]);
  const files = closed.length > 0 ? await deleteCases(tx, councilId, closed.map((r) => String(r.plan_id)), closed.map((r) => String(r.child_id))) : 0;
  return { case: closed.length, adviceLink: links, reminder: reminders, accessRecord: access, files };
}

async function deleteCases(tx: Queryable, councilId: string, planIds: string[], childIds: string[]): Promise<number> {
  const reviews = (await tx.query<{ id: string }>('select id from review_cycles where plan_id = any($1::bigint[])', [planIds])).map((r) => r.id);
  // The files the product made for these reviews go through Graph once the rows are gone (the queue, then the daily job).
  const files = await tx.query<{ driveId: string; itemId: string }>(
    `select drive_id as "driveId", item_id as "itemId" from advice_items where review_id = any($1::text[]) and item_id is not null
     union select drive_id, item_id from letters_sent where review_id = any($1::text[]) and item_id is not null
     union select f ->> 'driveId', f ->> 'itemId' from review_reports, jsonb_array_elements(coalesce(files, '[]'::jsonb)) f where review_id = any($1::text[]) and f ->> 'itemId' is not null`,
    [reviews],
  );
  const queued = await queueGraphDeletions(tx, councilId, files.filter((f) => f.driveId && f.itemId), 'retention');
  // advice_links go with their requests (on delete cascade)
  for (const table of REVIEW_TABLES) await tx.query(`delete from ${table} where review_id = any($1::text[])`, [reviews]);
  await tx.query('delete from review_cycles where id = any($1::text[])', [reviews]);
  await tx.query('delete from case_contacts where child_id = any($1::bigint[])', [childIds]);
  // The receiving council keeps its own plan (and its transferred_in_on); only the link to ours goes.
  await tx.query('update plans set transferred_from_plan_id = null where transferred_from_plan_id = any($1::bigint[])', [planIds]);
  await tx.query('delete from plan_transfers where from_plan_id = any($1::bigint[]) or to_plan_id = any($1::bigint[])', [planIds]);
  await tx.query('delete from plans where id = any($1::bigint[])', [planIds]);
  // The child's key goes with them: their audit entries' before and after can no longer be read.
  await tx.query('delete from child_keys where child_id = any($1::bigint[])', [childIds]);
  await tx.query('delete from children where id = any($1::bigint[])', [childIds]);
  return queued;
}
