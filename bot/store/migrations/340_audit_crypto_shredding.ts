import { childKeys, sealEntry } from '../auditSeal/childKeys';
import { AuditKeyError } from '../auditSeal/vault';
import type { Queryable } from '../db';

/**
 * Crypto-shredding of the audit log, and what erasure needs (#29 item 3):
 * - `child_keys`: one data key per child, wrapped by the service key (bot/store/auditSeal);
 *   deleted with the child (retention) or by erasure, which leaves that child's entries
 *   unreadable without touching them;
 * - `audit_log.child_id` and `sealed`: the child an entry is about and its before and after
 *   sealed under that child's key (AES-256-GCM); `before` and `after` stay for the entries
 *   about no child (council settings, people, retention tombstones);
 * - `children.erased_at`: the child was erased; the row stays, anonymised, for the counts;
 * - `graph_deletions`: SharePoint files the product created that retention or erasure took
 *   off its records, until Graph confirms they are deleted (the daily job retries).
 */
export const auditCryptoShredding = `
create table child_keys (
  child_id bigint primary key references children (id) on delete cascade,
  wrapped text not null,
  created_at timestamptz not null default now()
);
alter table audit_log add column child_id bigint;
alter table audit_log add column sealed text;
alter table audit_log add constraint audit_log_sealed_check check (sealed is null or (child_id is not null and before is null and after is null));
create index audit_log_child on audit_log (child_id, id) where child_id is not null;

-- an erased child's row stays (anonymised) so the council's counts hold; this says it was erased
alter table children add column erased_at timestamptz;

create table graph_deletions (
  id bigint generated always as identity primary key,
  council_id text not null references organisations (id),
  drive_id text not null,
  item_id text not null,
  -- why it goes: 'retention' or 'erasure' (never the file's name, which may name the child)
  reason text not null check (reason in ('retention', 'erasure')),
  attempts integer not null default 0,
  last_error text,
  not_before timestamptz not null default now(),
  created_at timestamptz not null default now(),
  unique (drive_id, item_id)
);
create index graph_deletions_due on graph_deletions (not_before);
`;

/**
 * The entries written before this migration, sealed in the same transaction. The audit
 * log's trigger refuses every UPDATE; it is switched off here only, because this is the one
 * rewrite the log ever has: its before and after move into \`sealed\` unchanged, and an entry
 * about a child named by council reference is re-keyed to the child's row id. ALTER TABLE
 * holds an exclusive lock on audit_log until the migration commits, so no other session
 * writes or reads while the trigger is off, and a failure rolls the rewrite and the switch
 * back together. Entries about a child the store no longer holds (retention deleted them)
 * have no key to seal under: their before and after are dropped, as the erasure of a key
 * would have done.
 */
export async function sealExistingEntries(tx: Queryable): Promise<void> {
  await tx.query('alter table audit_log disable trigger audit_log_no_update');
  // Which child each entry is about: a review's child; a child named by row id (contacts)
  // or by council reference within the actor's council (or, moving in, the receiving one).
  await tx.query(`
    update audit_log a set child_id = s.child_id from (
      select a.id, coalesce(
        (select p.child_id from review_cycles r join plans p on p.id = r.plan_id where a.entity = 'review' and r.id = a.entity_id),
        (select c.id from children c where a.entity = 'child' and a.action in ('contacts.replaced', 'family-contact.recorded') and c.id::text = a.entity_id),
        (select c.id from children c left join organisations o on o.id = a.actor_org
          where a.entity = 'child' and a.action not in ('contacts.replaced', 'family-contact.recorded') and c.la_reference = a.entity_id
            and c.council_id in (a.actor_org, o.council_id, a.after -> 'to' ->> 'council')
          order by c.id limit 1)) as child_id
        from audit_log a where a.entity in ('review', 'child')) s
     where s.id = a.id and s.child_id is not null`);
  await tx.query("update audit_log set entity_id = child_id::text where entity = 'child' and child_id is not null");
  for (let after = 0; ; ) {
    const rows = await tx.query<{ id: string; child_id: string; before: unknown; after: unknown }>(
      'select id::text, child_id::text, before, after from audit_log where child_id is not null and (before is not null or after is not null) and id > $1 order by id limit 500',
      [after],
    );
    if (rows.length === 0) break;
    if (!tx.vault) throw new AuditKeyError('Migration 340 seals the existing audit entries and needs the audit key: run it through the service or `ehcp-review migrate` (AUDIT_KEY or DATA_DIR/audit-key).');
    const keys = await childKeys(
      tx,
      rows.map((r) => r.child_id),
    );
    await tx.query('update audit_log a set sealed = u.sealed, before = null, after = null from unnest($1::bigint[], $2::text[]) as u(id, sealed) where a.id = u.id', [
      rows.map((r) => r.id),
      rows.map((r) => sealEntry(keys.get(r.child_id) as Buffer, r.child_id, r.before, r.after)),
    ]);
    after = Number(rows.at(-1)?.id);
  }
  // About a child no longer held: nothing to seal under, so the personal data goes.
  await tx.query("update audit_log set before = null, after = null where child_id is null and entity in ('review', 'child') and (before is not null or after is not null)");
  await tx.query('alter table audit_log enable trigger audit_log_no_update');
}
