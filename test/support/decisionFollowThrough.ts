import type { Db } from '../../bot/store/db';
import type { Principal } from '../../bot/store/principal';
import { DEMO_COUNCIL } from '../../bot/store/seed/demoSeed';
import type { GraphTestState } from '../../testkit/graph-server/state';
import { SHARED_MAILBOX } from '../../testkit/graph-server/harness';

/**
 * What recording a decision must do, whichever face it came through (bot/app/recordDecision):
 * counted in the store and in the local Graph's mailbox, so the use case's test, the API's
 * and the Teams card's assert the same numbers.
 */
export interface FollowThrough {
  decisions: number;
  decisionAudit: number;
  /** Review cycles of the plan: the decided one and the next (maintain and amend start one). */
  cycles: number;
  letters: number;
  letterAudit: number;
  /** Letters the local Graph holds (sent or saved as drafts) for this child's reference. */
  mailed: number;
}

/** The demo council sends its letters from the local Graph's shared mailbox, in `tenantId` (the Graph stand-in must consent it). */
export async function letDemoCouncilMail(db: Db, tenantId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('update organisations set entra_tenant_id = $1 where id = $2', [tenantId, DEMO_COUNCIL]);
    await tx.query("update council_settings set settings = jsonb_set(settings::jsonb, '{sharedMailbox}', to_jsonb($1::text)) where council_id = $2", [SHARED_MAILBOX.userPrincipalName, DEMO_COUNCIL]);
  });
}

/** The demo officer as the store knows them (the principal a signed-in demo-officer acts as). */
export async function demoOfficer(db: Db): Promise<Principal> {
  const [row] = await db.query<{ person_id: number; email: string | null }>("select id::int as person_id, email from people where org_id = $1 and entra_object_id = 'demo-officer'", [DEMO_COUNCIL]);
  if (!row) throw new Error('the demo officer is not registered: seed the demo first');
  return { orgId: DEMO_COUNCIL, orgKind: 'council', role: 'la-officer', userId: 'demo-officer', personId: row.person_id, email: row.email, councilId: DEMO_COUNCIL };
}

/** A demo review awaiting its decision, its reference, and how many of them are left. */
export async function demoReviewAwaitingDecision(db: Db, skip = 0): Promise<{ id: string; laReference: string }> {
  const rows = await db.query<{ id: string; la_reference: string }>(
    "select r.id, c.la_reference from review_cycles r join plans p on p.id = r.plan_id join children c on c.id = p.child_id where r.stage = 'reported' and r.council_id = $1 order by c.la_reference",
    [DEMO_COUNCIL],
  );
  const row = rows[skip];
  if (!row) throw new Error(`no demo review left awaiting a decision (asked for number ${skip + 1} of ${rows.length})`);
  return { id: row.id, laReference: row.la_reference };
}

/** The subjects of every message the local Graph sent or holds as a draft. */
export function mailSubjects(state: GraphTestState): string[] {
  const drafts = [...state.messages.values()].flatMap((box) => [...box.values()].map((m) => m.json.subject));
  return [...state.sentMail.map((m) => m.message.subject), ...drafts].map((s) => String(s ?? ''));
}

/** Counts what followed a decision on `reviewId` in the store and in the local Graph. */
export async function followThrough(db: Db, reviewId: string, graph: GraphTestState, laReference: string): Promise<FollowThrough> {
  const n = async (sql: string, params: unknown[]) => (await db.query<{ n: number }>(sql, params))[0]?.n ?? 0;
  return {
    decisions: await n('select count(*)::int as n from decisions where review_id = $1', [reviewId]),
    decisionAudit: await n("select count(*)::int as n from audit_log where entity_id = $1 and action like 'decision.%'", [reviewId]),
    cycles: await n('select count(*)::int as n from review_cycles where plan_id = (select plan_id from review_cycles where id = $1)', [reviewId]),
    letters: await n('select count(*)::int as n from decision_letters where review_id = $1', [reviewId]),
    letterAudit: await n("select count(*)::int as n from audit_log where entity_id = $1 and action like 'decision-letter.%'", [reviewId]),
    mailed: mailSubjects(graph).filter((s) => s.includes(laReference)).length,
  };
}

/** A maintain decision, recorded once from any face: one decision, one audit entry, the next cycle, one letter (the demo council drafts). */
export const maintainedOnce: FollowThrough = { decisions: 1, decisionAudit: 1, cycles: 2, letters: 1, letterAudit: 1, mailed: 1 };

/** The same decision refused (a SENCO, or a stale If-Match): nothing recorded, nothing mailed. */
export const nothingFollowed: FollowThrough = { decisions: 0, decisionAudit: 0, cycles: 1, letters: 0, letterAudit: 0, mailed: 0 };
