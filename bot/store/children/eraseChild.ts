import { createHash } from 'node:crypto';
import type { AuditActor } from '../audit';
import type { Queryable } from '../db';
import { queueGraphDeletions } from '../graphDeletions';
import { childEtag } from './rectifyChild';

/** One child as erasure finds them: what identifies them, and what of theirs is held. */
export interface ErasureScope {
  councilId: string;
  laReference: string;
  childId: string;
  planIds: string[];
  reviewIds: string[];
  /** Rows that hold the child's personal data, by table: what the erasure removes or blanks. */
  counts: Record<string, number>;
  /** SharePoint files the product made for the child (advice, letters, reports): deleted through Graph. */
  files: { driveId: string; itemId: string }[];
  /**
   * Everything that names the child or their family, as stored (name, date of birth,
   * references, the family's and contacts' names and emails; not the staff and professionals
   * who worked on the case): what must appear nowhere afterwards.
   */
  identifiers: string[];
  /** The child's details' ETag (as GET and rectify give it), for If-Match. */
  etag: string;
  dateOfBirth: string | null;
}

type ChildRow = { id: string; name: string; la_reference: string; date_of_birth: string | null; upn: string | null };

const countOf = async (tx: Queryable, sql: string, params: unknown[]) => Number((await tx.query<{ n: string | number }>(sql, params))[0]?.n ?? 0);

/**
 * What erasing the council's child with this reference would remove, or null when the
 * council holds no such child (an erased child's own `erased-…` reference is not one).
 */
export async function erasureScope(tx: Queryable, councilId: string, laReference: string, lock = false): Promise<ErasureScope | null> {
  const [child] = await tx.query<ChildRow>(
    `select id::text, name, la_reference, date_of_birth, upn from children where council_id = $1 and la_reference = $2 and erased_at is null ${lock ? 'for update' : ''}`,
    [councilId, laReference],
  );
  if (!child) return null;
  const planIds = (await tx.query<{ id: string }>('select id::text from plans where child_id = $1 order by id', [child.id])).map((p) => p.id);
  const reviewIds = (await tx.query<{ id: string }>('select id from review_cycles where plan_id = any($1::bigint[]) order by id', [planIds])).map((r) => r.id);
  const byReview = (table: string) => countOf(tx, `select count(*) as n from ${table} where review_id = any($1::text[])`, [reviewIds]);
  const counts: Record<string, number> = {
    children: 1,
    plans: planIds.length,
    review_cycles: reviewIds.length,
    case_contacts: await countOf(tx, 'select count(*) as n from case_contacts where child_id = $1', [child.id]),
    invitations: await byReview('invitations'),
    advice_requests: await byReview('advice_requests'),
    advice_links: await countOf(tx, 'select count(*) as n from advice_links l join advice_requests q on q.id = l.request_id where q.review_id = any($1::text[])', [reviewIds]),
    advice_items: await byReview('advice_items'),
    reports: await byReview('reports'),
    review_reports: await byReview('review_reports'),
    decisions: await byReview('decisions'),
    amendments: await byReview('amendments'),
    cease_steps: await byReview('cease_steps'),
    letters_sent: await byReview('letters_sent'),
    decision_letters: await byReview('decision_letters'),
    representations: await byReview('representations'),
    reminder_outbox: await byReview('reminder_outbox'),
    access_records: await countOf(tx, 'select count(*) as n from access_records where council_id = $1 and la_reference = $2', [councilId, laReference]),
    audit_log: await countOf(tx, "select count(*) as n from audit_log where child_id = $1 and sealed is not null", [child.id]),
  };
  const files = await tx.query<{ driveId: string; itemId: string }>(
    `select distinct drive_id as "driveId", item_id as "itemId" from (
       select drive_id, item_id from advice_items where review_id = any($1::text[]) and item_id is not null
       union all select drive_id, item_id from letters_sent where review_id = any($1::text[]) and item_id is not null
       union all select f ->> 'driveId', f ->> 'itemId' from review_reports, jsonb_array_elements(coalesce(files, '[]'::jsonb)) f where review_id = any($1::text[])) held
      where drive_id is not null and item_id is not null order by 1, 2`,
    [reviewIds],
  );
  const people = await tx.query<{ v: string | null }>(
    `select name as v from case_contacts where child_id = $1 union select email from case_contacts where child_id = $1
     union select alternative_person_name from plans where child_id = $1 union select alternative_person_email from plans where child_id = $1
     union select name from invitations where review_id = any($2::text[]) and role in ('parent', 'young-person')
     union select email from invitations where review_id = any($2::text[]) and role in ('parent', 'young-person')
     union select email from advice_requests where review_id = any($2::text[]) and from_role in ('parent', 'young-person')`,
    [child.id, reviewIds],
  );
  const identifiers = [child.name, child.la_reference, child.upn, child.date_of_birth, ...people.map((p) => p.v)].filter((v): v is string => Boolean(v && v.trim().length >= 3));
  const etag = childEtag(laReference, { name: child.name, dateOfBirth: child.date_of_birth, upn: child.upn });
  return { councilId, laReference, childId: child.id, planIds, reviewIds, counts, files, identifiers: [...new Set(identifiers)], etag, dateOfBirth: child.date_of_birth };
}

/**
 * The echo the second step must send back: a digest of who is erased and how much, so a
 * confirmation given for one child, or before more was recorded about them, erases nothing.
 *
 * @example confirmationOf(scope) //=> 'erase-3f9a0c12b7d4'
 */
export function confirmationOf(scope: ErasureScope): string {
  const digest = createHash('sha256').update(JSON.stringify([scope.councilId, scope.laReference, scope.childId, scope.counts, scope.files.length])).digest('hex');
  return `erase-${digest.slice(0, 12)}`;
}

/** The reference an erased child keeps: unique in the council, and saying nothing about them. */
export const erasedReference = (childId: string) => `erased-${childId}`;

// Strings as JSON text holds them (quotes and backslashes escaped), for searching stored answers.
const asStored = (values: string[]) => [...new Set(values.flatMap((v) => [v, JSON.stringify(v).slice(1, -1)]))];

/**
 * Erases one child (UK GDPR Article 17), in the caller's transaction: every row that holds
 * their personal data is deleted or blanked, so that nothing held names them, while the
 * case rows stay (anonymised) for the council's counts: the plan, each review with its
 * dates, stages and outcomes, the SEN2 return's figures. Their audit entries keep who, what
 * and when; their before and after become unreadable as the child's key is deleted
 * (crypto-shredding, bot/store/auditSeal). The SharePoint files made for them are queued
 * for deletion through Graph (graph_deletions). A tombstone names the rule, the reason and
 * the counts, and no one.
 */
export async function eraseChild(tx: Queryable, actor: AuditActor, scope: ErasureScope, reason: string): Promise<{ reference: string; removed: Record<string, number>; filesQueued: number }> {
  const { childId, planIds, reviewIds } = scope;
  const reference = erasedReference(childId);
  const filesQueued = await queueGraphDeletions(tx, scope.councilId, scope.files, 'erasure');
  // The review's own rows keep their dates and outcomes (the counts) and lose what they say.
  await tx.query('delete from advice_links where request_id in (select id from advice_requests where review_id = any($1::text[]))', [reviewIds]);
  await tx.query('update invitations set name = null, email = null where review_id = any($1::text[])', [reviewIds]);
  await tx.query('update advice_requests set email = null where review_id = any($1::text[])', [reviewIds]);
  await tx.query('update advice_items set author = null, file_name = null, drive_id = null, item_id = null where review_id = any($1::text[])', [reviewIds]);
  await tx.query('update reports set notes = null where review_id = any($1::text[])', [reviewIds]);
  // The structured report is all free text about the child (the day it went stays in \`reports\`).
  await tx.query('delete from review_reports where review_id = any($1::text[])', [reviewIds]);
  await tx.query("update decisions set reasons = 'erased', considered_instead = null, proposed_amendments = '[]'::jsonb where review_id = any($1::text[])", [reviewIds]);
  await tx.query('update amendments set outcome_reasons = null, final_amendments = null where review_id = any($1::text[])', [reviewIds]);
  await tx.query('update cease_steps set reengagement = null, reasons = null where review_id = any($1::text[])', [reviewIds]);
  await tx.query(
    "update letters_sent set title = kind, recipients = '[]'::jsonb, file_name = 'erased.pdf', drive_id = null, item_id = null, graph_message_id = null where review_id = any($1::text[])",
    [reviewIds],
  );
  await tx.query("update decision_letters set recipients = '[]'::jsonb, graph_message_id = null where review_id = any($1::text[])", [reviewIds]);
  await tx.query("update representations set summary = 'erased', requested_school = null, school_response = null where review_id = any($1::text[])", [reviewIds]);
  // Reminders say who to and what about, and a pending one would go on writing to the family.
  await tx.query('delete from reminder_outbox where review_id = any($1::text[])', [reviewIds]);
  await tx.query('update review_cycles set early_reason = null where id = any($1::text[])', [reviewIds]);
  await tx.query("update plans set addressee = 'auto', alternative_person_name = null, alternative_person_email = null where id = any($1::bigint[])", [planIds]);
  await tx.query('delete from case_contacts where child_id = $1', [childId]);
  await tx.query(
    "update children set name = 'Erased child', la_reference = $2, date_of_birth = null, upn = null, family_contact = null, family_contact_recorded_on = null, erased_at = now() where id = $1",
    [childId, reference],
  );
  // Reads of the child stay counted (who looked, when) under the new reference, without their detail.
  await tx.query('update access_records set la_reference = $3, detail = null where council_id = $1 and la_reference = $2', [scope.councilId, scope.laReference, reference]);
  // Stored answers about the child's reviews or naming them or their family (a date alone is
  // no one's, so not searched for); a retry after this is a new request.
  const stored = asStored([...scope.identifiers.filter((v) => v !== scope.dateOfBirth), ...reviewIds]);
  await tx.query('delete from idempotency_keys where exists (select 1 from unnest($1::text[]) t where strpos(lower(body), lower(t)) > 0)', [stored]);
  await tx.query(
    'update caseload_import_settings set last_result = null, last_sha256 = null where council_id = $1 and exists (select 1 from unnest($2::text[]) t where strpos(lower(last_result::text), lower(t)) > 0)',
    [scope.councilId, stored],
  );
  // Crypto-shredding: without the key, the sealed before and after of every entry about the child are noise.
  await tx.query('delete from child_keys where child_id = $1', [childId]);
  await tx.query("insert into audit_log (actor_org, actor_user, actor_role, action, entity, entity_id, after) values ($1, $2, $3, 'child.erased', 'erasure', $4, $5)", [
    actor.orgId,
    actor.userId,
    actor.role,
    childId,
    JSON.stringify({ rule: 'UK GDPR Article 17', reason, council: scope.councilId, reference, removed: scope.counts, filesQueued }),
  ]);
  return { reference, removed: scope.counts, filesQueued };
}
