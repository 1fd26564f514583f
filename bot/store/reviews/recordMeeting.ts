import { adviceDueBy, checkMeetingProposal, computeTimeline, defaultTimelineSettings, type Finding, type InviteeRole, type MeetingMode, type RatingLevel } from '../../../shared';
import { readCouncilSettings } from '../councilSettings';
import { type IssuedAdviceLink, issueAdviceLink } from '../advice/links';
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

  const before = (await tx.query('select * from meetings where review_id = $1', [id]))[0] ?? null;
  const after = {
    meeting_date: input.meetingDate,
    invitations_sent_on: input.invitationsSentOn,
    mode: input.mode,
    rating: input.rating ?? null,
    outlook_event_id: input.outlookEventId ?? null,
    ical_uid: input.iCalUId ?? null,
    teams_join_url: input.teamsJoinUrl ?? null,
  };
  await tx.query(
    `insert into meetings (review_id, meeting_date, invitations_sent_on, mode, rating, outlook_event_id, ical_uid, teams_join_url, booked_by, source)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'service')
     on conflict (review_id) do update set meeting_date = excluded.meeting_date, invitations_sent_on = excluded.invitations_sent_on,
       mode = excluded.mode, rating = excluded.rating, outlook_event_id = excluded.outlook_event_id, ical_uid = excluded.ical_uid,
       teams_join_url = excluded.teams_join_url, booked_by = excluded.booked_by, source = 'service'`,
    [id, after.meeting_date, after.invitations_sent_on, after.mode, after.rating, after.outlook_event_id, after.ical_uid, after.teams_join_url, principal.personId],
  );
  await tx.query('delete from invitations where review_id = $1', [id]);
  // Requests that advice already answered stay (the items point at them), and so do those of
  // people still invited (their links keep working); the rest go, with their links.
  const kept = input.invitees.map((i) => `${i.role} ${(i.email?.trim() || '').toLowerCase()}`);
  await tx.query(
    `delete from advice_requests r where r.review_id = $1 and not exists (select 1 from advice_items i where i.request_id = r.id)
       and not (r.from_role || ' ' || lower(coalesce(r.email, '')) = any($2::text[]))`,
    [id, kept],
  );

  const timeline = computeTimeline({ ...caseInput, meetingDate: input.meetingDate });
  // Due a week (the council's setting) before circulation, so the pack can be collated; with too
  // little time for that (a meeting booked at short notice), due on the circulation day itself.
  const notice = { ...defaultTimelineSettings, ...caseInput.settings }.notice;
  const dueBy = adviceDueBy(input.meetingDate, notice, council.adviceLeadDays ?? 7);
  const adviceDue = dueBy > input.invitationsSentOn ? dueBy : (timeline.adviceCirculatedBy ?? input.meetingDate);
  for (const invitee of input.invitees) {
    const email = invitee.email?.trim() || null;
    await tx.query(
      `insert into invitations (review_id, role, person_id, name, email, sent_on)
       values ($1, $2, (select id from people where lower(email) = lower($4::text) and source = 'admin' and removed_at is null order by id limit 1), $3, $4, $5)`,
      [id, invitee.role, invitee.name ?? null, email, input.invitationsSentOn],
    );
    if (ADVISERS.has(invitee.role) || FAMILY.has(invitee.role)) {
      await tx.query(
        `insert into advice_requests (review_id, from_role, email, requested_on, due_on) select $1, $2, $3, $4, $5
          where not exists (select 1 from advice_requests where review_id = $1 and from_role = $2 and coalesce(email, '') = coalesce($3, ''))`,
        [id, invitee.role, email, input.invitationsSentOn, adviceDue],
      );
    }
  }

  await tx.query('update advice_requests set due_on = $2 where review_id = $1', [id, adviceDue]);
  const version = await updateReview(tx, row, { stage: 'booked', meeting_date: input.meetingDate, report_due: timeline.reportDue, decision_due: timeline.decisionDue });
  // Links expire at the end of the meeting day: a moved meeting moves them too.
  await tx.query(
    `update advice_links l set expires_at = (($2::date + 1)::timestamp at time zone 'Europe/London')
       from advice_requests q where q.id = l.request_id and q.review_id = $1 and l.used_at is null`,
    [id, input.meetingDate],
  );
  await appendAudit(tx, principal, before ? 'meeting.rebooked' : 'meeting.booked', 'review', id, before, { ...after, invitees: input.invitees });
  // Reminders follow the new date in the same transaction; those for the old date are cancelled.
  await scheduleReminders(tx, [id], today);
  const adviceLinks: IssuedAdviceLink[] = [];
  if (options.publicUrl) {
    const fresh = await tx.query<{ id: number }>(
      'select q.id::int from advice_requests q where q.review_id = $1 and not exists (select 1 from advice_links l where l.request_id = q.id) order by q.id',
      [id],
    );
    for (const r of fresh) adviceLinks.push(await issueAdviceLink(tx, r.id, { publicUrl: options.publicUrl, issuedBy: principal }));
  }
  return { findings, etag: etagOf({ id, version }), adviceLinks };
}
