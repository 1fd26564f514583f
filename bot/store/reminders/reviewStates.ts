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

/** What scheduling reads of each review: its state for the rules, and its council's own term dates (raw settings JSON), if set. */
export interface ScheduleInputs {
  states: Map<string, ReviewState>;
  /** The review's council's `termDates` setting as stored, or null where it set none. */
  termDates: Map<string, { councilId: string; raw: unknown }>;
}

const parsedJson = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

/**
 * What the reminder rules need of each review, read in one query whatever the number of
 * reviews (a review's write schedules its reminders with it; the daily pass reads a
 * council's reviews a thousand at a time): the invitations and advice requests come as
 * JSON arrays in id order. No principal: this is the service's own scheduling, not a
 * user's read; it returns no names.
 */
export async function loadScheduleInputs(q: Queryable, reviewIds: readonly string[]): Promise<ScheduleInputs> {
  const out: ScheduleInputs = { states: new Map(), termDates: new Map() };
  if (reviewIds.length === 0) return out;
  const rows = await q.query<Row & { council_id: string; term_dates: unknown; invitation_list: unknown; request_list: unknown }>(
    `select r.id, r.council_id, p.issued_on, p.transferred_in_on, r.previous_concluded_on, c.date_of_birth, p.nc_year, p.transfer_kind, p.transfer_date,
            r.meeting_date, m.invitations_sent_on, m.mode, m.teams_join_url, rp.sent_on as report_sent_on,
            d.outcome as decision_outcome, d.notified_on as decision_notified_on, a.notice_served_on, a.family_responded_on, a.final_plan_issued_on,
            c.family_contact, cset.settings ->> 'familyResponseReminderDays' as family_reminder_days, cset.settings -> 'termDates' as term_dates,
            (select coalesce(json_agg(json_build_object('role', i.role, 'person_id', i.person_id, 'email', i.email) order by i.id), '[]'::json)
               from invitations i where i.review_id = r.id) as invitation_list,
            (select coalesce(json_agg(json_build_object('role', q.from_role, 'person_id', q.person_id, 'email', q.email, 'requested_on', q.requested_on, 'due_on', q.due_on,
                                                        'received_on', (select min(i.received_on) from advice_items i
                                                                         where i.review_id = q.review_id and (i.request_id = q.id or (i.request_id is null and i.from_role = q.from_role))))
                                      order by q.id), '[]'::json)
               from advice_requests q where q.review_id = r.id) as request_list,
            ${settingColumnsSql.columns}
       from ${reviewStepsFrom}
       ${settingColumnsSql.joins}
       left join council_settings cset on cset.council_id = r.council_id
      where r.id in ${idList(reviewIds.length)}`,
    [...reviewIds],
    // A write's one or two reviews: planning this read cost the server seven times running it (2.2 against 0.3 ms). The daily pass's batches stay unprepared.
    { prepare: reviewIds.length <= 2 },
  );
  for (const row of rows) {
    const input = caseInputOf(row);
    const invitations = parsedJson<Omit<ContactRow, 'review_id'>[]>(row.invitation_list);
    const requests = parsedJson<Omit<RequestRow, 'review_id'>[]>(row.request_list);
    out.states.set(row.id, {
      timeline: computeTimeline(input),
      meeting: row.meeting_date ? { date: row.meeting_date, invitationsSentOn: row.invitations_sent_on, mode: row.mode, teamsJoinUrl: row.teams_join_url } : null,
      invitees: invitations.map((i) => ({ role: i.role, personId: i.person_id === null ? null : Number(i.person_id), email: i.email })),
      adviceRequests: requests.map((r) => ({
        role: r.role,
        personId: r.person_id === null ? null : Number(r.person_id),
        email: r.email,
        requestedOn: r.requested_on,
        dueOn: r.due_on,
        receivedOn: r.received_on,
      })),
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
    out.termDates.set(row.id, { councilId: row.council_id, raw: row.term_dates === null || row.term_dates === undefined ? null : parsedJson(row.term_dates) });
  }
  return out;
}

/** Each review's state for the reminder rules (see {@link loadScheduleInputs}). */
export async function loadReviewStates(q: Queryable, reviewIds: readonly string[]): Promise<Map<string, ReviewState>> {
  return (await loadScheduleInputs(q, reviewIds)).states;
}
