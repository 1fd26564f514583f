import { type CaseInput, checkMeetingProposal, type Finding, type InviteeRole, londonToday, type MeetingMode, proposeMeetingDates, type RatingLevel } from '../domain';

/** Findings that say the review is late: a warning, never a block (the review must still be held; s44, Reg 20(1)). */
const LATE = new Set(['meeting-after-review-deadline', 'meeting-after-latest-date']);

/** Custom property holding the review (case) id: the manifest contract with the service. */
export const REVIEW_ID_PROPERTY = 'ehcpReviewId';
/** Custom property with what the send check needs, so the handler works with no network. */
export const CHECK_PROPERTY = 'ehcpCheck';

/**
 * What the pane stores on the item when it books, for the event handlers. No name and no
 * date of birth: the year group decides preparing for adulthood; addresses map attendees
 * to roles (they are on the item already).
 */
export interface StoredCheck {
  case: Omit<CaseInput, 'dateOfBirth' | 'meetingDate' | 'decision' | 'amendmentNoticeServed' | 'mediationCertificate'>;
  mode: MeetingMode;
  rating?: RatingLevel | undefined;
  coversPreparingForAdulthood: boolean;
  /** Lower-cased email -> role. */
  roles: Record<string, InviteeRole>;
  /** The organizer's own role (the SENCO is the school's representative). */
  organizerRole: InviteeRole;
}

export interface SendDecision {
  allow: boolean;
  /** Stopped only to say the review is late (Smart Alerts softBlock: the SENCO can send anyway). */
  lateOnly?: boolean;
  findings: Finding[];
  /** For the Smart Alerts dialog (at most 500 characters) or the notification bar. */
  message: string;
}

/**
 * Runs the shared `checkMeetingProposal` on the item as it actually is (its start, its
 * attendees), as if invitations went out now. Not a review meeting (no case id): allowed.
 *
 * @example decideSend({ start, attendees: ['parent@home.example'] }, props, now).allow //=> false (roles missing)
 */
export function decideSend(item: { start: Date; attendees: string[] }, props: Record<string, unknown>, now: Date): SendDecision {
  const reviewId = props[REVIEW_ID_PROPERTY];
  const raw = props[CHECK_PROPERTY];
  if (typeof reviewId !== 'string' || typeof raw !== 'string') return { allow: true, findings: [], message: '' };
  let stored: StoredCheck;
  try {
    stored = JSON.parse(raw) as StoredCheck;
  } catch {
    // A damaged property must never trap a meeting (soft block): let it go, say so.
    return { allow: true, findings: [], message: 'The review check could not read its data; open the EHCP Review add-in to check the booking.' };
  }
  const today = londonToday(now);
  const invitees = new Set<InviteeRole>([stored.organizerRole]);
  for (const email of item.attendees) {
    const role = stored.roles[email.toLowerCase()];
    if (role) invitees.add(role);
  }
  const findings = checkMeetingProposal({
    case: stored.case,
    meetingDate: londonToday(item.start),
    invitationsSentOn: today,
    invitees: [...invitees],
    mode: stored.mode,
    rating: stored.rating,
    coversPreparingForAdulthood: stored.coversPreparingForAdulthood,
    today,
  });
  const blocks = findings.filter((f) => f.severity === 'block');
  if (blocks.length) {
    const lateToo = findings.filter((f) => LATE.has(f.code));
    const message = `Change this before sending: ${blocks.map((f) => f.message).join(' ')}${lateToo.length ? ` Also: ${lateToo.map((f) => f.message).join(' ')}` : ''}`;
    return { allow: false, findings, message: message.length > 500 ? `${message.slice(0, 497)}...` : message };
  }
  const late = findings.filter((f) => LATE.has(f.code));
  if (late.length) {
    // Late is a warning: stop once (softBlock lets the SENCO send anyway) and offer the earliest lawful dates from today.
    const proposal = proposeMeetingDates(stored.case, today, { count: 3 });
    const dates = proposal.dates.map((d) => d.date);
    const offer = ` With two weeks' notice from today the earliest date is ${proposal.earliest}${dates.length ? `; school days to propose: ${dates.join(', ')}` : ''}.`;
    const message = `${late.map((f) => f.message).join(' ')}${offer} If this is the earliest you can hold it, send anyway.`;
    return { allow: false, lateOnly: true, findings, message: message.length > 500 ? `${message.slice(0, 497)}...` : message };
  }
  const warns = findings.filter((f) => f.severity === 'warn');
  return { allow: true, findings, message: warns.length ? `Review check: ${warns.map((f) => f.message).join(' ')}` : 'Review check: the date and invitees meet the statutory rules.' };
}

/** One line for the notification bar (150 characters at most). */
export function notificationLine(decision: SendDecision): string {
  const blocks = decision.findings.filter((f) => f.severity === 'block');
  const line = blocks.length ? `Review check: ${blocks.length} to fix before sending. ${blocks[0]?.message ?? ''}` : decision.lateOnly ? `Review check (late): ${decision.message}` : decision.message;
  return line.length > 150 ? `${line.slice(0, 147)}...` : line;
}
