import type { IsoDate, ReminderLink } from '../../../shared';
import type { Db, Queryable } from '../db';

/** A claimed reminder with what delivery needs: who, about which child (label only), and the review's organisations. */
export interface ClaimedReminder {
  id: number;
  reviewId: string;
  kind: string;
  recipientRole: string;
  recipientPerson: number | null;
  recipientEmail: string | null;
  dueOn: IsoDate;
  sendOn: IsoDate;
  deadline: IsoDate | null;
  urgency: number;
  source: string | null;
  action: string | null;
  link: ReminderLink | null;
  attempts: number;
  createdOn: IsoDate | null;
  /** The child's name: only ever turned into initials (`childLabel`), never sent. */
  childName: string;
  laReference: string;
  councilId: string;
  schoolId: string | null;
}

interface ClaimRow {
  id: number;
  review_id: string;
  kind: string;
  recipient_role: string;
  recipient_person: number | null;
  recipient_email: string | null;
  due_on: string;
  send_on: string;
  deadline: string | null;
  urgency: number;
  source: string | null;
  action: string | null;
  link: ReminderLink | null;
  attempts: number;
  created_on: string | null;
  child_name: string;
  la_reference: string;
  council_id: string;
  school_id: string | null;
}

/**
 * The sweep's query: pending reminders whose send day has come, still worth sending, not
 * waiting for a retry and not leased to a live instance; most urgent first. `FOR UPDATE
 * SKIP LOCKED` lets several instances claim at once without waiting for or taking each
 * other's rows. Leases run on the database's clock, not the service's: the service's clock
 * is injected (tests run it days ahead) and two processes' clocks differ by however far
 * apart they started, which would shorten a lease as another instance reads it, so a
 * reminder still being sent could be retaken and sent twice. Exported so the benchmark can print its plan.
 */
export const DUE_REMINDERS_SQL = `select o.id from reminder_outbox o
   where o.status = 'pending' and o.send_on <= $1::date
     and (o.expires_on is null or o.expires_on >= $1::date)
     and (o.not_before is null or o.not_before <= $2::timestamptz)
     and (o.lease_until is null or o.lease_until < clock_timestamp())
   order by o.urgency, o.deadline nulls last, o.send_on, o.id
   limit $3
   for update of o skip locked`;

/**
 * Claims up to `limit` due reminders for `owner` until `now + leaseMs`, counting an attempt
 * for each (so a reminder that crashes its sender every time still ends up dead). Returns
 * them most urgent first. Commit the claim before sending: the lease is what keeps other
 * instances off a reminder while it is being delivered.
 */
export async function claimDueReminders(
  q: Queryable,
  claim: { owner: string; now: Date; today: IsoDate; leaseMs: number; limit: number },
): Promise<ClaimedReminder[]> {
  const rows = await q.query<ClaimRow>(
    `with due as (${DUE_REMINDERS_SQL}),
     claimed as (
       update reminder_outbox o set lease_owner = $4, lease_until = clock_timestamp() + make_interval(secs => $5::double precision / 1000),
              attempts = o.attempts + 1, updated_at = now()
         from due where o.id = due.id
       returning o.*)
     select c.id::int as id, c.review_id, c.kind, c.recipient_role, c.recipient_person::int as recipient_person, c.recipient_email,
            coalesce(c.due_on, c.send_on) as due_on, c.send_on, c.deadline, c.urgency, c.source, c.action, c.link, c.attempts, c.created_on,
            ch.name as child_name, ch.la_reference, r.council_id, r.school_id
       from claimed c
       join review_cycles r on r.id = c.review_id
       join plans p on p.id = r.plan_id
       join children ch on ch.id = p.child_id`,
    [claim.today, claim.now.toISOString(), claim.limit, claim.owner, claim.leaseMs],
  );
  return rows
    .map(
      (r): ClaimedReminder => ({
        id: r.id,
        reviewId: r.review_id,
        kind: r.kind,
        recipientRole: r.recipient_role,
        recipientPerson: r.recipient_person,
        recipientEmail: r.recipient_email,
        dueOn: r.due_on,
        sendOn: r.send_on,
        deadline: r.deadline,
        urgency: r.urgency,
        source: r.source,
        action: r.action,
        link: r.link,
        attempts: r.attempts,
        createdOn: r.created_on,
        childName: r.child_name,
        laReference: r.la_reference,
        councilId: r.council_id,
        schoolId: r.school_id,
      }),
    )
    .sort((a, b) => a.urgency - b.urgency || (a.deadline ?? '9999') .localeCompare(b.deadline ?? '9999') || a.sendOn.localeCompare(b.sendOn) || a.id - b.id);
}

/** Cancels pending reminders past their last useful day (a later one took over); returns how many. */
export async function cancelExpiredReminders(q: Queryable, today: IsoDate): Promise<number> {
  const rows = await q.query<{ n: number }>(
    `with expired as (
       update reminder_outbox set status = 'cancelled', cancelled_reason = 'expired: a later reminder took over', lease_owner = null, lease_until = null, updated_at = now()
        where status = 'pending' and send_on <= $1::date and expires_on < $1::date returning 1)
     select count(*)::int as n from expired`,
    [today],
  );
  return rows[0]?.n ?? 0;
}

/** Records a delivery. Only the lease holder may: a reminder retaken after an expired lease is the new holder's. */
export async function markReminderSent(db: Db, id: number, owner: string, sent: { channel: 'teams' | 'email'; at: Date; late: boolean }): Promise<boolean> {
  const rows = await quickly(db, (tx) =>
    tx.query(
      `update reminder_outbox set status = 'sent', channel = $3, sent_at = $4, late = $5, sent_by = $2, last_error = null, lease_owner = null, lease_until = null, updated_at = now()
        where id = $1 and status = 'pending' and lease_owner = $2 returning id`,
      [id, owner, sent.channel, sent.at.toISOString(), sent.late],
    ),
  );
  return rows.length > 0;
}

/**
 * Runs an outcome write without waiting for its WAL flush (synchronous_commit off, this
 * transaction only): a few milliseconds a reminder on a busy server. If PostgreSQL itself
 * crashes in the next instant the record can be lost and the reminder is sent again,
 * which the at-least-once guarantee already allows; the data stays consistent.
 */
function quickly<T>(db: Db, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query('set local synchronous_commit = off');
    return fn(tx);
  });
}

/** Releases a failed attempt to be retried from `notBefore`, keeping the error. */
export async function markReminderRetry(db: Db, id: number, owner: string, retry: { notBefore: Date; error: string }): Promise<void> {
  await quickly(db, (q) => q.query(
    `update reminder_outbox set not_before = $3, last_error = $4, lease_owner = null, lease_until = null, updated_at = now()
      where id = $1 and status = 'pending' and lease_owner = $2`,
    [id, owner, retry.notBefore.toISOString(), retry.error],
  ));
}

/** Hands back claims this instance will not use (left in a batch it stopped sending), so any instance may take them at once. */
export async function releaseReminderClaims(db: Db, ids: readonly number[], owner: string): Promise<void> {
  if (ids.length === 0) return;
  await quickly(db, (q) => q.query(
    `update reminder_outbox set lease_owner = null, lease_until = null, updated_at = now()
      where id = any($1::bigint[]) and status = 'pending' and lease_owner = $2`,
    [ids, owner],
  ));
}

/** Gives up on a reminder: dead letter with the reason a person can act on. */
export async function markReminderDead(db: Db, id: number, owner: string, dead: { at: Date; error: string }): Promise<void> {
  await quickly(db, (q) => q.query(
    `update reminder_outbox set status = 'dead', dead_at = $3, last_error = $4, lease_owner = null, lease_until = null, updated_at = now()
      where id = $1 and status = 'pending' and lease_owner = $2`,
    [id, owner, dead.at.toISOString(), dead.error],
  ));
}

/** A dead letter as the LA manager sees it: no child's name, only the council reference. */
export interface DeadReminder {
  id: number;
  reviewId: string;
  laReference: string;
  kind: string;
  recipientRole: string;
  sendOn: IsoDate;
  attempts: number;
  lastError: string | null;
  deadAt: string;
}

/** The council's dead letters, newest first. */
export async function listDeadReminders(q: Queryable, councilId: string, page: { limit: number; beforeId?: number | undefined }): Promise<DeadReminder[]> {
  return q.query<DeadReminder>(
    `select o.id::int as id, o.review_id as "reviewId", ch.la_reference as "laReference", o.kind, o.recipient_role as "recipientRole",
            o.send_on as "sendOn", o.attempts, o.last_error as "lastError", o.dead_at as "deadAt"
       from reminder_outbox o
       join review_cycles r on r.id = o.review_id
       join plans p on p.id = r.plan_id
       join children ch on ch.id = p.child_id
      where o.status = 'dead' and r.council_id = $1 and ($3::bigint is null or o.id < $3)
      order by o.id desc limit $2`,
    [councilId, page.limit, page.beforeId ?? null],
  );
}
