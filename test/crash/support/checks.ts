import { readAuditEntries } from '../../../bot/store/auditSeal/childKeys';
import type { Queryable } from '../../../bot/store/db';
import type { WriteOp } from './burst';

interface ReviewState {
  id: string;
  plan_id: number;
  stage: string;
  meeting_date: string | null;
  booked_date: string | null;
  has_report: boolean;
  outcome: string | null;
  ceased_on: string | null;
}

const TABLES = ['children', 'plans', 'review_cycles', 'meetings', 'invitations', 'advice_requests', 'reminder_outbox', 'reports', 'decisions', 'audit_log', 'idempotency_keys'];

/** How many rows each table holds: a replay must change none of them. */
export async function countRows(db: Queryable): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) counts[table] = (await db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]?.n ?? -1;
  return counts;
}

/**
 * Every way the store could be left wrong by a crash, as readable sentences (none is the
 * pass): acknowledged writes missing, writes doubled, reviews half-updated, audit missing.
 */
export async function findDamage(db: Queryable, councilId: string, ops: WriteOp[]): Promise<string[]> {
  const problems: string[] = [];
  const reviews = await db.query<ReviewState>(
    `select r.id, r.plan_id::int, r.stage, r.meeting_date, m.meeting_date as booked_date, (rp.review_id is not null) as has_report, d.outcome, p.ceased_on
       from review_cycles r join plans p on p.id = r.plan_id
       left join meetings m on m.review_id = r.id left join reports rp on rp.review_id = r.id left join decisions d on d.review_id = r.id
      where r.council_id = $1`,
    [councilId],
  );
  const byId = new Map(reviews.map((r) => [r.id, r]));

  // No review half-updated: the stage agrees with the rows that move it.
  for (const r of reviews) {
    if (r.stage === 'not-booked' && (r.booked_date !== null || r.meeting_date !== null)) problems.push(`review ${r.id} is not-booked but has a meeting (${r.booked_date}/${r.meeting_date})`);
    if (r.stage !== 'not-booked' && (r.booked_date === null || r.booked_date !== r.meeting_date)) {
      problems.push(`review ${r.id} is ${r.stage} but its meeting row says ${r.booked_date} and the review says ${r.meeting_date}`);
    }
    if (r.has_report !== ['reported', 'amending', 'ceasing', 'concluded'].includes(r.stage)) problems.push(`review ${r.id} is ${r.stage} ${r.has_report ? 'with' : 'without'} a report`);
    if ((r.outcome !== null) !== ['amending', 'ceasing', 'concluded'].includes(r.stage)) problems.push(`review ${r.id} is ${r.stage} ${r.outcome ? 'with' : 'without'} a decision`);
  }

  // Nothing doubled.
  const doubled = async (what: string, sql: string) => {
    for (const row of await db.query<{ k: string; n: number }>(sql)) problems.push(`${what} ${row.k} appears ${row.n} times`);
  };
  await doubled('child', 'select council_id || \'/\' || la_reference as k, count(*)::int as n from children group by council_id, la_reference having count(*) > 1');
  await doubled('plan of child', 'select child_id::text as k, count(*)::int as n from plans group by child_id having count(*) > 1');
  await doubled('open review of plan', "select plan_id::text as k, count(*)::int as n from review_cycles where stage in ('not-booked', 'booked', 'reported') group by plan_id having count(*) > 1");
  await doubled('first booking of review', "select entity_id as k, count(*)::int as n from audit_log where action = 'meeting.booked' group by entity_id having count(*) > 1");
  await doubled('decision audit of review', "select entity_id as k, count(*)::int as n from audit_log where action like 'decision.%' group by entity_id having count(*) > 1");
  await doubled('import audit of child', "select entity_id as k, count(*)::int as n from audit_log where action = 'child.imported' group by entity_id having count(*) > 1");
  const claimed = await db.query<{ n: number }>('select count(*)::int as n from idempotency_keys where status = 0');
  if (claimed[0]?.n) problems.push(`${claimed[0].n} Idempotency-Keys are claimed with no stored answer`);

  // Meetings: per review, the last acknowledged booking (or one sent after it that never got its answer).
  // Sealed under each child's key (bot/store/auditSeal): opened, then read.
  const meetingAudit = (await readAuditEntries(db, "entity = 'review' and action in ('meeting.booked', 'meeting.rebooked')")).map((a) => ({
    entity_id: a.entity_id as string,
    date: (a.after as { meeting_date: string }).meeting_date,
  }));
  const auditDates = new Map<string, string[]>();
  for (const a of meetingAudit) auditDates.set(a.entity_id, [...(auditDates.get(a.entity_id) ?? []), a.date]);
  const lanes = new Map<string, WriteOp[]>();
  for (const op of ops) if (op.kind === 'meeting') lanes.set(op.reviewId!, [...(lanes.get(op.reviewId!) ?? []), op]);
  for (const [id, lane] of lanes) {
    const r = byId.get(id);
    if (!r) {
      problems.push(`review ${id} has gone`);
      continue;
    }
    const lastAcked = lane.map((op) => op.state).lastIndexOf('acked');
    const allowed = new Set<string | null>(lastAcked >= 0 ? [lane[lastAcked]!.meetingDate!] : [null]);
    for (const op of lane.slice(lastAcked + 1)) if (op.state === 'lost') allowed.add(op.meetingDate!);
    if (!allowed.has(r.booked_date)) problems.push(`review ${id}: meeting ${r.booked_date}, expected one of ${[...allowed].join(', ')} (${lane.map((o) => `${o.meetingDate}:${o.state}`).join(' ')})`);
    const dates = auditDates.get(id) ?? [];
    for (const op of lane) if (op.state === 'acked' && !dates.includes(op.meetingDate!)) problems.push(`review ${id}: the acknowledged booking for ${op.meetingDate} has no audit entry`);
    const mayHave = lane.filter((o) => o.state === 'acked' || o.state === 'lost').length;
    if (dates.length > mayHave) problems.push(`review ${id}: ${dates.length} booking audit entries for at most ${mayHave} bookings`);
  }

  // Decisions: all of it (decision, stage, next cycle or ceased plan, audit) or none of it.
  const decisionAudit = new Map(
    (await db.query<{ entity_id: string; action: string }>("select entity_id, action from audit_log where action like 'decision.%'")).map((a) => [a.entity_id, a.action]),
  );
  const openByPlan = new Map<number, number>();
  for (const r of reviews) if (['not-booked', 'booked', 'reported'].includes(r.stage)) openByPlan.set(r.plan_id, (openByPlan.get(r.plan_id) ?? 0) + 1);
  for (const op of ops.filter((o) => o.kind === 'decision')) {
    const r = byId.get(op.reviewId!);
    if (!r) {
      problems.push(`review ${op.reviewId} has gone`);
      continue;
    }
    const decided = r.outcome !== null;
    if (op.state === 'acked' && !decided) problems.push(`review ${r.id}: the acknowledged decision (${op.outcome}) is missing`);
    if ((op.state === 'unsent' || op.state === 'refused') && decided) problems.push(`review ${r.id}: decided (${r.outcome}) though the decision was never stored`);
    if (!decided) {
      if (r.stage !== 'reported') problems.push(`review ${r.id}: no decision but stage ${r.stage}`);
      if (decisionAudit.has(r.id)) problems.push(`review ${r.id}: a decision audit entry without a decision`);
      continue;
    }
    if (r.outcome !== op.outcome) problems.push(`review ${r.id}: decision ${r.outcome}, sent ${op.outcome}`);
    const audited = op.outcome === 'cease' ? 'decision.cease-proposed' : `decision.${op.outcome}`;
    if (decisionAudit.get(r.id) !== audited) problems.push(`review ${r.id}: decision audit entry ${decisionAudit.get(r.id) ?? 'missing'}`);
    const open = openByPlan.get(r.plan_id) ?? 0;
    // A cease decision is the proposal (Reg 31(1)(a)): the plan stays, with no next cycle, while the family is consulted (s45).
    if (op.outcome === 'cease' ? open !== 0 || r.stage !== 'ceasing' || r.ceased_on !== null : open !== 1) {
      problems.push(`review ${r.id}: decided ${op.outcome}, but the plan has ${open} open reviews and ceased_on ${r.ceased_on}`);
    }
  }

  // Imports: every child of an acknowledged import, each once with its plan and review; a lost import all or nothing.
  const imported = await db.query<{ la_reference: string; plans: number; reviews: number; audits: number }>(
    `select c.la_reference, count(distinct p.id)::int as plans, count(distinct r.id)::int as reviews,
            (select count(*)::int from audit_log a where a.action = 'child.imported' and a.entity_id = c.id::text) as audits
       from children c left join plans p on p.child_id = c.id left join review_cycles r on r.plan_id = p.id
      where c.council_id = $1 and c.la_reference like 'CRASH-IM-%' group by c.id, c.la_reference`,
    [councilId],
  );
  const child = new Map(imported.map((c) => [c.la_reference, c]));
  for (const op of ops.filter((o) => o.kind === 'import')) {
    const refs = op.laReferences ?? [];
    const found = refs.filter((ref) => child.has(ref));
    const whole = found.length === refs.length;
    if (op.state === 'acked' && !whole) problems.push(`import ${op.key}: acknowledged, but only ${found.length} of ${refs.length} children are stored`);
    else if (op.state === 'lost' && found.length > 0 && !whole) problems.push(`import ${op.key}: half stored (${found.length} of ${refs.length})`);
    else if ((op.state === 'unsent' || op.state === 'refused') && found.length > 0) problems.push(`import ${op.key}: never stored, yet ${found.join(', ')} exist`);
    for (const ref of found) {
      const c = child.get(ref)!;
      if (c.plans !== 1 || c.reviews !== 1 || c.audits !== 1) problems.push(`child ${ref}: ${c.plans} plans, ${c.reviews} reviews, ${c.audits} audit entries (want 1 each)`);
    }
  }
  return problems;
}
