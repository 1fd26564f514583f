import { adviceDueBy, checkMeetingProposal, computeTimeline, defaultTimelineSettings, type Finding, type InviteeRole, type MeetingMode, type RatingLevel } from '../../../shared';
import { readCouncilSettings } from '../councilSettings';
import { type IssuedAdviceLink, issueAdviceLinks } from '../advice/links';
import { appendAudit } from '../audit';
import type { Queryable } from '../db';
import { ConflictError, ProposalBlockedError } from '../errors';
import type { Principal } from '../principal';
import { scheduleReminders } from '../reminders/scheduleReminders';
import { caseInputOf, etagOf, loadReview, runByOf } from './loadReview';
import { checkIfMatch, updateReview } from './writeSupport';

export interface MeetingInput {
  meetingDate: string;
  invitationsSentOn: string;
  invitees: { role: InviteeRole; name?: string | undefined; email?: string | undefined }[];
  mode: MeetingMode;
  rating?: RatingLevel | undefined;
  coversPreparingForAdulthood?: boolean | undefined;
  outlookEventId?: string | undefined;
  iCalUId?: string | undefined;
  teamsJoinUrl?: string | undefined;
}

/** Roles whose advice the meeting needs; the reminder rules chase each request. */
const ADVISERS = new Set<InviteeRole>(['health', 'social-care', 'educational-psychologist']);
/** Whose views the review must take account of (CoP 9.168): their request is the views form. */
const FAMILY = new Set<InviteeRole>(['parent', 'young-person']);

export interface MeetingOptions {
  /** Issue a one-time link for each new advice and views request, with URLs under this origin. */
  publicUrl?: string | undefined;
}

/**
 * Books (or re-books) the review meeting. `checkMeetingProposal` decides: any `block`
 * finding refuses the booking and nothing is stored; warnings come back with the 201. A
 * late meeting is a warning, never a block: a review past its dates must still be held.
 * Who runs the review comes from the setting (Reg 20(12), Reg 21), the council's rules from
 * its settings; advice is due the council's number of days before the circulation date.
 * Invitations are replaced, advice requests and reminders follow the new date.
 */
export async function recordMeeting(tx: Queryable, principal: Principal, id: string, input: MeetingInput, today: string, ifMatch?: string, options: MeetingOptions = {}) {
  const row = await loadReview(tx, principal, id, today, true);
  checkIfMatch(row, ifMatch);
  if (row.stage !== 'not-booked' && row.stage !== 'booked') {
    throw new ConflictError('meeting-already-held', `This review is ${row.status}; its meeting can no longer be changed. Book the next review's meeting instead.`);
  }
  const caseInput = { ...caseInputOf(row), meetingDate: undefined };
  const council = (await readCouncilSettings(tx, row.council_id)).settings;
  const findings: Finding[] = checkMeetingProposal({
    runBy: runByOf(row),
    addressing: row.addressee,
    redMeansInPerson: council.redMeansInPerson,
    settings: council.allThroughTransfer === undefined ? undefined : { allThroughTransfer: council.allThroughTransfer },
    case: caseInput,
    meetingDate: input.meetingDate,
    invitationsSentOn: input.invitationsSentOn,
    invitees: input.invitees.map((i) => i.role),
    mode: input.mode,
    rating: input.rating,
    coversPreparingForAdulthood: input.coversPreparingForAdulthood,
    today,
  });
  if (findings.some((f) => f.severity === 'block')) throw new ProposalBlockedError(findings);

  const after = {
    meeting_date: input.meetingDate,
    invitations_sent_on: input.invitationsSentOn,
    mode: input.mode,
    rating: input.rating ?? null,
    outlook_event_id: input.outlookEventId ?? null,
    ical_uid: input.iCalUId ?? null,
    teams_join_url: input.teamsJoinUrl ?? null,
  };
  // One statement: the meeting as it was (for the audit), the meeting stored, the old
  // invitations gone, and the requests no longer wanted gone. Requests that advice already
  // answered stay (the items point at them), and so do those of people still invited (their
  // links keep working); the rest go, with their links. Every part reads the table as it was
  // before the statement, which is what each needs.
  const kept = input.invitees.map((i) => `${i.role} ${(i.email?.trim() || '').toLowerCase()}`);
  const [before = null] = await tx.query<Record<string, unknown>>(
    `with before as (select * from meetings where review_id = $1),
          stored as (
            insert into meetings (review_id, meeting_date, invitations_sent_on, mode, rating, outlook_event_id, ical_uid, teams_join_url, booked_by, source)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'service')
            on conflict (review_id) do update set meeting_date = excluded.meeting_date, invitations_sent_on = excluded.invitations_sent_on,
              mode = excluded.mode, rating = excluded.rating, outlook_event_id = excluded.outlook_event_id, ical_uid = excluded.ical_uid,
              teams_join_url = excluded.teams_join_url, booked_by = excluded.booked_by, source = 'service'
            returning 1),
          uninvited as (delete from invitations where review_id = $1 returning 1),
          unasked as (delete from advice_requests r where r.review_id = $1 and not exists (select 1 from advice_items i where i.request_id = r.id)
                        and not (r.from_role || ' ' || lower(coalesce(r.email, '')) = any($10::text[])) returning 1)
     select * from before`,
    [id, after.meeting_date, after.invitations_sent_on, after.mode, after.rating, after.outlook_event_id, after.ical_uid, after.teams_join_url, principal.personId, kept],
  );

  const timeline = computeTimeline({ ...caseInput, meetingDate: input.meetingDate });
  // Due a week (the council's setting) before circulation, so the pack can be collated; with too
  // little time for that (a meeting booked at short notice), due on the circulation day itself.
  const notice = { ...defaultTimelineSettings, ...caseInput.settings }.notice;
  const dueBy = adviceDueBy(input.meetingDate, notice, council.adviceLeadDays ?? 7);
  const adviceDue = dueBy > input.invitationsSentOn ? dueBy : (timeline.adviceCirculatedBy ?? input.meetingDate);
  const emails = input.invitees.map((i) => i.email?.trim() || null);
  // Everyone invited, in the order given, in one statement.
  await tx.query(
    `insert into invitations (review_id, role, person_id, name, email, sent_on)
     select $1, u.role, (select p.id from people p where lower(p.email) = lower(u.email) and p.source = 'admin' and p.removed_at is null order by p.id limit 1), u.name, u.email, $5
       from unnest($2::text[], $3::text[], $4::text[]) with ordinality as u(role, name, email, n) order by u.n`,
    [id, input.invitees.map((i) => i.role), input.invitees.map((i) => i.name ?? null), emails, input.invitationsSentOn],
  );
  // One statement for the requests: those kept take the new due date, and each adviser or
  // family member invited without one gets one (the first of any repeated in the list),
  // with the moved meeting's links expiring at the end of its day.
  const asked = input.invitees.flatMap((i, n) => (ADVISERS.has(i.role) || FAMILY.has(i.role) ? [{ role: i.role, email: emails[n] ?? null }] : []));
  await tx.query(
    `with moved as (update advice_requests set due_on = $5 where review_id = $1 returning id),
          links as (update advice_links l set expires_at = (($6::date + 1)::timestamp at time zone 'Europe/London')
                      from moved q where q.id = l.request_id and l.used_at is null returning 1)
     insert into advice_requests (review_id, from_role, email, requested_on, due_on)
     select $1, u.role, u.email, $4, $5
       from (select distinct on (role, coalesce(email, '')) role, email, n from unnest($2::text[], $3::text[]) with ordinality as x(role, email, n)
              order by role, coalesce(email, ''), n) u
      where not exists (select 1 from advice_requests q where q.review_id = $1 and q.from_role = u.role and coalesce(q.email, '') = coalesce(u.email, ''))
      order by u.n`,
    [id, asked.map((a) => a.role), asked.map((a) => a.email), input.invitationsSentOn, adviceDue, input.meetingDate],
  );
  const version = await updateReview(tx, row, { stage: 'booked', meeting_date: input.meetingDate, report_due: timeline.reportDue, decision_due: timeline.decisionDue });
  await appendAudit(tx, principal, before ? 'meeting.rebooked' : 'meeting.booked', 'review', id, before, { ...after, invitees: input.invitees });
  // Reminders follow the new date in the same transaction; those for the old date are cancelled.
  await scheduleReminders(tx, [id], today);
  const adviceLinks: IssuedAdviceLink[] = [];
  if (options.publicUrl) {
    const fresh = await tx.query<{ id: number }>(
      'select q.id::int from advice_requests q where q.review_id = $1 and not exists (select 1 from advice_links l where l.request_id = q.id) order by q.id',
      [id],
    );
    adviceLinks.push(...(await issueAdviceLinks(tx, id, fresh.map((r) => r.id), { publicUrl: options.publicUrl, issuedBy: principal })));
  }
  return { findings, etag: etagOf({ id, version }), adviceLinks };
}
