import type { Db } from '../../bot/store/db';
import { seedDemoData } from '../../bot/store/seed/demoSeed';
import { plusDays } from '../../shared';

/**
 * The demo data, plus what the dashboard needs to show that it tells things apart: a second
 * case officer owning three cases, one case with no officer, two phase transfers next year,
 * another council with an officer, and two dead letters when the outbox can hold them.
 * Answers whether it could (the 'dead' status comes with the reminder engine's migration).
 */
export async function seedDashboard(db: Db, today: string): Promise<{ deadStatusAllowed: boolean }> {
  await seedDemoData(db, today);
  const [second] = await db.query<{ id: number }>(
    "insert into people (org_id, entra_object_id, role, display_name, email) values ('demo-council', 'demo-officer-2', 'la-officer', 'Second SEND Officer', 'second@demo-council.example') returning id::int",
  );
  const plansOf = (refs: string[]) => `select p.id from plans p join children c on c.id = p.child_id where c.la_reference in (${refs.map((r) => `'${r}'`).join(', ')})`;
  await db.query(`update plans set case_officer_id = $1 where id in (${plansOf(['DEMO-0001', 'DEMO-0003', 'DEMO-0022'])})`, [second?.id]);
  await db.query(`update plans set case_officer_id = null where id in (${plansOf(['DEMO-0005'])})`);
  const year = Number(today.slice(0, 4)) + 1;
  await db.query(`update plans set transfer_kind = 'school', transfer_date = '${year}-09-01' where id in (${plansOf(['DEMO-0002'])})`);
  await db.query(`update plans set transfer_kind = 'post16', transfer_date = '${year}-09-03' where id in (${plansOf(['DEMO-0004'])})`);
  await db.query("insert into organisations (id, kind, name) values ('other-council', 'council', 'Other Council')");
  await db.query("insert into people (org_id, entra_object_id, role, display_name) values ('other-council', 'other-officer', 'la-officer', 'Other Officer')");
  const [constraint] = await db.query<{ def: string }>(
    "select pg_get_constraintdef(oid) as def from pg_constraint where conrelid = 'reminder_outbox'::regclass and contype = 'c' and pg_get_constraintdef(oid) like '%status%'",
  );
  const deadStatusAllowed = (constraint?.def ?? '').includes("'dead'");
  if (deadStatusAllowed) {
    await db.query(
      "insert into reminder_outbox (review_id, kind, recipient_role, recipient_email, send_on, status, attempts, last_error) select r.id, 'report-due', 'senco', 'senco@oakfield.example', $1, 'dead', 5, 'mailbox not found' from review_cycles r where r.stage = 'booked' order by r.id limit 2",
      [plusDays(today, -3)],
    );
  }
  return { deadStatusAllowed };
}
