import { computeTimeline, type DecisionOutcome, type InviteeRole, type ReviewState, type TransferKind } from '../../../shared';
import type { Queryable } from '../db';
import { caseInputOf, runByOf, type SettingColumns, settingColumnsSql } from '../reviews/loadReview';
import { reviewStepsFrom } from '../reviews/reviewSteps';

interface Row extends SettingColumns {
  id: string;
  family_contact: 'email' | 'post' | null;
  /** The council setting, as text (jsonb ->>), or null when unset. */
  family_reminder_days: string | null;
  issued_on: string;
  transferred_in_on: string | null;
  previous_concluded_on: string | null;
  date_of_birth: string | null;
  nc_year: number | null;
  transfer_kind: TransferKind | null;
  transfer_date: string | null;
  meeting_date: string | null;
  invitations_sent_on: string | null;
  mode: 'in-person' | 'virtual' | 'hybrid' | null;
  teams_join_url: string | null;
  report_sent_on: string | null;
  decision_outcome: DecisionOutcome | null;
  decision_notified_on: string | null;
  notice_served_on: string | null;
  family_responded_on: string | null;
  final_plan_issued_on: string | null;
}

interface ContactRow {
  review_id: string;
  role: InviteeRole;
  person_id: number | null;
  email: string | null;
}

interface RequestRow extends ContactRow {
  requested_on: string;
  due_on: string;
  received_on: string | null;
}

/** `($1, $2, ...)` for the ids: equality on the primary key, so one review's write stays an index lookup. */
export function idList(count: number, from = 1): string {
  return `(${Array.from({ length: count }, (_, i) => `$${i + from}`).join(', ')})`;
}

/**
 * What the reminder rules need of each review, read in four queries whatever the number
 * of reviews (the daily pass reads a council's reviews a thousand at a time). No
 * principal: this is the service's own scheduling, not a user's read; it returns no names.
 */
export async function loadReviewStates(q: Queryable, reviewIds: readonly string[]): Promise<Map<string, ReviewState>> {
  const out = new Map<string, ReviewState>();
  if (reviewIds.length === 0) return out;
  const param = [...reviewIds];
  const ids = idList(reviewIds.length);
  // One after another: a transaction is one connection, which runs one query at a time anyway.
  const rows = await q.query<Row>(
      `select r.id, p.issued_on, p.transferred_in_on, r.previous_concluded_on, c.date_of_birth, p.nc_year, p.transfer_kind, p.transfer_date,
              r.meeting_date, m.invitations_sent_on, m.mode, m.teams_join_url, rp.sent_on as report_sent_on,
              d.outcome as decision_outcome, d.notified_on as decision_notified_on, a.notice_served_on, a.family_responded_on, a.final_plan_issued_on,
              c.family_contact, cset.settings ->> 'familyResponseReminderDays' as family_reminder_days,
              ${settingColumnsSql.columns}
         from ${reviewStepsFrom}
         ${settingColumnsSql.joins}
         left join council_settings cset on cset.council_id = r.council_id
        where r.id in ${ids}`,
      param,
  );
  const invitations = await q.query<ContactRow>(`select review_id, role, person_id::int as person_id, email from invitations where review_id in ${ids} order by id`, param);
  const requests = await q.query<RequestRow>(
      `select r.review_id, r.from_role as role, r.person_id::int as person_id, r.email, r.requested_on, r.due_on,
              (select min(i.received_on) from advice_items i
                where i.review_id = r.review_id and (i.request_id = r.id or (i.request_id is null and i.from_role = r.from_role))) as received_on
         from advice_requests r where r.review_id in ${ids} order by r.id`,
      param,
  );
  for (const row of rows) {
    const input = caseInputOf(row);
    out.set(row.id, {
      timeline: computeTimeline(input),
      meeting: row.meeting_date ? { date: row.meeting_date, invitationsSentOn: row.invitations_sent_on, mode: row.mode, teamsJoinUrl: row.teams_join_url } : null,
      invitees: [],
      adviceRequests: [],
      report: row.report_sent_on ? { sentOn: row.report_sent_on } : null,
      // A proposal to cease is the review's decision (the cease itself is in `cease`).
      decision: input.ceaseProposed ? { outcome: 'cease', notifiedOn: input.ceaseProposed } : (input.decision ?? null),
      runBy: runByOf(row),
      familyContact: row.family_contact,
      ...(row.family_reminder_days !== null && row.family_reminder_days !== undefined ? { familyReminderDaysBefore: Number(row.family_reminder_days) } : {}),
      cease: row.cease_proposed_on ? { ceasedOn: row.cease_decision === 'cease' ? (row.cease_decided_on ?? null) : null, kept: row.cease_decision === 'keep', planEndConfirmed: row.cease_plan_end_confirmed ?? null } : undefined,
      amendment:
        row.notice_served_on || row.family_responded_on || row.final_plan_issued_on
          ? { noticeServedOn: row.notice_served_on, familyRespondedOn: row.family_responded_on, finalPlanIssuedOn: row.final_plan_issued_on }
          : null,
    });
  }
  for (const i of invitations) out.get(i.review_id)?.invitees.push({ role: i.role, personId: i.person_id, email: i.email });
  for (const r of requests) {
    out.get(r.review_id)?.adviceRequests.push({ role: r.role, personId: r.person_id, email: r.email, requestedOn: r.requested_on, dueOn: r.due_on, receivedOn: r.received_on });
  }
  return out;
}
