import { computeTimeline, type CouncilSettings, familyAddressee } from '../../../shared';
import { type AccessAction, type Face, type Reader, reviewAccessParams, reviewAccessSql } from '../access/accessRecords';
import type { Queryable } from '../db';
import { NotFoundError } from '../errors';
import { type CurrentPlan, currentPlanSql, holdsContacts } from '../contacts/caseContacts';
import type { Principal } from '../principal';
import { readCouncilSettings, settingsFromText } from '../councilSettings';
import { transferHistory, transferHistorySql } from '../placements/transfers';
import { caseInputOf, etagOf, loadReview, type ReviewRow, reviewRowSql, type SettingColumns } from './loadReview';
import { visibleTo } from './visibility';

/** The read to record with the answer (bot/store/access): who read, through which face, and as what. */
export interface ReadNote {
  reader: Reader;
  face: Face;
  action: AccessAction;
}

/**
 * GET /api/reviews/{id}: the case, its timeline (each step's date, state and source) and
 * what has happened, in ONE statement (the add-in's hot path; a read once sent five, and
 * each round trip cost the service more CPU than the rest of the read): the review as
 * {@link loadReview} reads it, everything it has recorded, its council's settings, the
 * child's current plan (who holds the family's contacts), a transfer's history, and, with
 * `note`, the access record, inserted from the same visible row so a refused read (404)
 * leaves none (PostgreSQL runs a data-modifying WITH once, whether or not it is read).
 */
export async function reviewDetail(tx: Queryable, principal: Principal, id: string, today: string, note?: ReadNote) {
  const visible = visibleTo(principal, 3);
  const params: unknown[] = [id, today, ...visible.params];
  const noted = note ? `, noted as (${reviewAccessSql('review', params.length + 1)})` : '';
  if (note) params.push(...reviewAccessParams(note.reader, note.face, note.action));
  const [row] = await tx.query<ReviewRow & SettingColumns & Recorded & Extra>(
    `with review as (${reviewRowSql(visible.sql)})${noted}
     select review.*, ${recordedSql('$1', 'review.plan_id')},
            (select settings::text from council_settings where council_id = review.council_id) as council_settings,
            cur.school_id as current_school_id, cur.council_id as current_council_id,
            case when review.transferred_in_on is not null then (select history from (${transferHistorySql('review.plan_id')}) h) end as transferred_history
       from review left join lateral (${currentPlanSql('review.plan_id')}) cur on true`,
    params,
    // Planning this statement cost PostgreSQL three times what running it did: planned once per connection.
    { prepare: true },
  );
  if (!row) throw new NotFoundError(`Review ${id}`);
  const body = describeRecorded(row, row, settingsFromText(row.council_settings), row.transferred_in_on ? (row.transferred_history ?? null) : null, today);
  // The family's addresses go only to whoever holds the child's contacts now (not an old school).
  const current: Pick<CurrentPlan, 'school_id' | 'council_id'> | null = row.current_council_id === null ? null : { school_id: row.current_school_id, council_id: row.current_council_id };
  if (!current || !holdsContacts(principal, current)) body.contacts = [];
  return { body, etag: etagOf(row) };
}

/** What the one-statement read adds to the review and its records. */
interface Extra {
  council_settings: string | null;
  current_school_id: string | null;
  current_council_id: string | null;
  transferred_history: unknown;
}

interface Recorded {
  invitations: unknown[];
  requests: { id: number; fromRole: string; email: string | null; requestedOn: string; dueOn: string; outstanding: boolean; linkValidUntil: string | null }[];
  items: unknown[];
  meeting: { invitationsSentOn: string | null } | null;
  report: { sentOn: string } | null;
  decision: unknown;
  amendment: { finalPlanIssuedOn: string | null } | null;
  contacts: unknown[];
  attachments: unknown[];
  letters: unknown[];
  audit: unknown[];
}

/** The case for `row` (read by {@link loadReview}), as {@link reviewDetail} answers it: the export's read, one review at a time. */
export async function describeReview(tx: Queryable, row: ReviewRow & SettingColumns, today: string) {
  const [recorded] = await tx.query<Recorded>(`select ${recordedSql('$1', '$2')}`, [row.id, row.plan_id]);
  // Each review follows its own council's settings: a school works with every council that places a child there (#26).
  const { settings } = await readCouncilSettings(tx, row.council_id);
  // A plan transferred in from another council (Reg 15): where from, when, and its reviews there.
  const transferredFrom = row.transferred_in_on ? await transferHistory(tx, row.plan_id) : null;
  return describeRecorded(row, recorded as Recorded, settings, transferredFrom, today);
}

/** The select list of everything review `reviewId` has recorded (`planId`: its plan), as JSON columns: one round trip. */
function recordedSql(reviewId: string, planId: string): string {
  return `
       (select coalesce(json_agg(json_build_object('role', role, 'name', name, 'email', email, 'sentOn', sent_on, 'response', response) order by id), '[]')
          from invitations where review_id = ${reviewId}) as invitations,
       (select coalesce(json_agg(json_build_object('id', q.id, 'fromRole', q.from_role, 'email', q.email, 'requestedOn', q.requested_on, 'dueOn', q.due_on,
                                                   'outstanding', not exists (select 1 from advice_items i where i.request_id = q.id),
                                                   'linkValidUntil', (select max(l.expires_at) from advice_links l
                                                                       where l.request_id = q.id and l.used_at is null and l.revoked_at is null)) order by q.id), '[]')
          from advice_requests q where q.review_id = ${reviewId}) as requests,
       (select coalesce(json_agg(json_build_object('id', id, 'requestId', request_id, 'fromRole', from_role, 'author', author, 'receivedOn', received_on, 'driveId', drive_id,
                                                   'itemId', item_id, 'fileName', file_name) order by id), '[]')
          from advice_items where review_id = ${reviewId}) as items,
       (select json_build_object('date', meeting_date, 'invitationsSentOn', invitations_sent_on, 'mode', mode, 'rating', rating, 'outlookEventId', outlook_event_id,
                                 'iCalUId', ical_uid, 'teamsJoinUrl', teams_join_url, 'source', source)
          from meetings where review_id = ${reviewId}) as meeting,
       (select json_build_object('sentOn', sent_on, 'recommendation', recommendation, 'notes', notes) from reports where review_id = ${reviewId}) as report,
       (select json_build_object('outcome', d.outcome, 'notifiedOn', d.notified_on, 'reasons', d.reasons, 'decidedBy', p.display_name)
          from decisions d join people p on p.id = d.decided_by where d.review_id = ${reviewId}) as decision,
       (select json_build_object('noticeServedOn', notice_served_on, 'familyRespondedOn', family_responded_on, 'finalPlanIssuedOn', final_plan_issued_on)
          from amendments where review_id = ${reviewId}) as amendment,
       (select coalesce(json_agg(json_build_object('role', k.role, 'name', k.name, 'email', k.email) order by k.role, lower(k.name), k.id), '[]')
          from case_contacts k where k.child_id = (select child_id from plans where id = ${planId})) as contacts,
       (select coalesce(json_agg(json_build_object('adviceItemId', advice_item_id, 'outlookEventId', outlook_event_id, 'attachmentId', attachment_id, 'attachedAt', attached_at)
                                 order by attached_at), '[]')
          from meeting_attachments where review_id = ${reviewId}) as attachments,
       -- the letters kept as sent, posted or drafted (who they went to by role only), and the review's audit trail (what, when, by which role)
       (select coalesce(json_agg(json_build_object('kind', kind, 'title', title, 'channel', channel, 'letterDate', letter_date, 'sentOn', sent_on,
                                                   'recipients', (select coalesce(json_agg(x->>'role'), '[]') from jsonb_array_elements(recipients) x)) order by created_at, id), '[]')
          from letters_sent where review_id = ${reviewId} and not superseded) as letters,
       (select coalesce(json_agg(json_build_object('action', action, 'on', (at at time zone 'Europe/London')::date, 'role', actor_role) order by id), '[]')
          from (select id, action, at, actor_role from audit_log where entity = 'review' and entity_id = ${reviewId} order by id desc limit 100) a) as audit`;
}

/** The answer, from the review's row, its records and its council's settings. */
function describeRecorded(row: ReviewRow & SettingColumns, recorded: Recorded, settings: CouncilSettings, transferredFrom: unknown, today: string) {
  const { invitations, requests, items, meeting, report, decision, amendment, contacts, attachments, letters, audit } = recorded;
  const input = caseInputOf(row);
  // The council's reading of what the next 12 months count from (README, "Readings and council settings").
  if (settings.nextReviewFrom) input.settings = { ...input.settings, anchor: settings.nextReviewFrom };
  const timeline = computeTimeline(input, { today });
  // Steps the timeline core cannot know are done but the service has evidence of.
  const evidence: Record<string, string | null | undefined> = {
    invitationsBy: meeting?.invitationsSentOn,
    reportDue: report?.sentOn,
    finalAmendedPlanDue: amendment?.finalPlanIssuedOn,
  };
  const steps = timeline.steps.map((s) => {
    const doneOn = s.doneOn ?? evidence[s.id] ?? null;
    return doneOn && !s.doneOn ? { ...s, doneOn, state: 'done' as const } : s;
  });
  return {
    id: row.id,
    status: row.status,
    version: row.version,
    child: { name: row.child_name, dateOfBirth: row.date_of_birth, laReference: row.la_reference, upn: row.upn },
    plan: {
      issuedOn: row.issued_on,
      ncYear: row.nc_year,
      transfer: row.transfer_kind ? { kind: row.transfer_kind, date: row.transfer_date } : null,
      schoolId: row.school_id,
      councilId: row.council_id,
      previousReviewConcluded: row.previous_concluded_on,
    },
    // The annual review, or one started out of its turn (early or interim) with when and why.
    kind: row.review_kind ?? 'annual',
    startedEarly: row.early_started_on ? { on: row.early_started_on, reason: row.early_reason } : null,
    // Who the family's invitations, the decision and notices go to today (CFA 2014 s80; Regs 63-64), and what the case records.
    addressee: {
      recorded: row.addressee ?? 'auto',
      alternativePerson: row.alternative_person_name ? { name: row.alternative_person_name, email: row.alternative_person_email ?? null } : null,
      today: familyAddressee({ dateOfBirth: row.date_of_birth, on: today, addressing: row.addressee }),
    },
    council: {
      id: row.council_id,
      name: settings.councilName ?? row.council_name ?? row.council_id,
      // The council's own term dates, or null where it has set none (the typical England terms then apply).
      termDates: settings.termDates ?? null,
      sendTeam: settings.sendTeamName ? { name: settings.sendTeamName, email: settings.sendTeamEmail ?? null, phone: settings.sendTeamPhone ?? null } : null,
      sendiass: settings.sendiassName ? { name: settings.sendiassName, contact: settings.sendiassContact ?? null } : null,
      mediation: settings.mediationServiceName ? { name: settings.mediationServiceName, contact: settings.mediationServiceContact ?? null } : null,
    },
    // A plan transferred in from another council (Reg 15): where from, when, and its reviews there.
    transferredFrom,
    timeline: { ...timeline, steps },
    invitations,
    // Every item with who sent it and when; which requests still wait for their advice.
    advice: { requests, items, outstanding: requests.filter((r) => r.outstanding), attachments },
    contacts,
    meeting,
    report,
    decision,
    amendment,
    letters,
    audit,
  };
}
