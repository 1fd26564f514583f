import type { Db } from '../../bot/store/db';
import { plusDays } from '../../shared';
import { fullInvitees, importRows, type People, registerPeople } from './fixtures';

/** The fixed day these tests run on (Europe/London). */
export const TODAY = '2026-11-16';

/** North Council's people and four reviews not yet booked, due in about two months. */
export async function reviewsToBook(db: Db): Promise<{ people: People; ids: Record<string, string> }> {
  const people = await registerPeople(db);
  const ids = await importRows(
    db,
    people.officer,
    ['M-1', 'M-2', 'M-3', 'M-4'].map((ref) => `${ref},Ada ${ref},north-school,${plusDays(TODAY, -300)},,,4,,,`),
  );
  return { people, ids };
}

/** A lawful booking three weeks ahead, everyone the review must invite invited today. */
export const booking = { meetingDate: plusDays(TODAY, 21), invitationsSentOn: TODAY, invitees: fullInvitees(), mode: 'in-person' };

/** Advice from health, received today. */
export const healthAdvice = { fromRole: 'health', author: 'Dr Example', receivedOn: TODAY };

/** What booking a meeting leaves in the store, whichever face booked it (bot/app/bookMeeting). */
export interface Booked {
  stage: string;
  meetings: number;
  invitations: number;
  /** Whose advice or views were asked for. */
  requested: string[];
  meetingAudit: number;
  /** Roles the reminder engine now chases (pending reminders). */
  chased: string[];
}

export async function booked(db: Db, reviewId: string): Promise<Booked> {
  const n = async (sql: string) => (await db.query<{ n: number }>(sql, [reviewId]))[0]?.n ?? 0;
  const roles = async (sql: string) => (await db.query<{ role: string }>(sql, [reviewId])).map((r) => r.role);
  const [review] = await db.query<{ stage: string }>('select stage from review_cycles where id = $1', [reviewId]);
  return {
    stage: review?.stage ?? 'missing',
    meetings: await n('select count(*)::int as n from meetings where review_id = $1'),
    invitations: await n('select count(*)::int as n from invitations where review_id = $1'),
    requested: await roles('select from_role as role from advice_requests where review_id = $1 order by from_role'),
    meetingAudit: await n("select count(*)::int as n from audit_log where entity_id = $1 and action like 'meeting.%'"),
    chased: await roles("select distinct recipient_role as role from reminder_outbox where review_id = $1 and status = 'pending' and kind like 'advice-%' order by 1"),
  };
}

/** A meeting booked once with {@link booking}: the family's views and two advisers' advice asked for, and chased. */
export const bookedOnce: Booked = {
  stage: 'booked',
  meetings: 1,
  invitations: 5,
  requested: ['health', 'parent', 'social-care'],
  meetingAudit: 1,
  chased: ['health', 'parent', 'social-care'],
};

/** What recording advice leaves, whichever face recorded it (bot/app/recordAdvice). */
export interface AdviceRecorded {
  items: number;
  /** The roles whose request an item answers. */
  answered: string[];
  adviceAudit: number;
  chased: string[];
}

export async function adviceRecorded(db: Db, reviewId: string): Promise<AdviceRecorded> {
  const roles = async (sql: string) => (await db.query<{ role: string }>(sql, [reviewId])).map((r) => r.role);
  const n = async (sql: string) => (await db.query<{ n: number }>(sql, [reviewId]))[0]?.n ?? 0;
  return {
    items: await n('select count(*)::int as n from advice_items where review_id = $1'),
    answered: await roles('select q.from_role as role from advice_requests q where q.review_id = $1 and exists (select 1 from advice_items i where i.request_id = q.id) order by 1'),
    adviceAudit: await n("select count(*)::int as n from audit_log where entity_id = $1 and action = 'advice.received'"),
    chased: await roles("select distinct recipient_role as role from reminder_outbox where review_id = $1 and status = 'pending' and kind like 'advice-%' order by 1"),
  };
}

/** Health's advice recorded once on a booked review: its request answered, health no longer chased. */
export const healthAdviceOnce: AdviceRecorded = { items: 1, answered: ['health'], adviceAudit: 1, chased: ['parent', 'social-care'] };
