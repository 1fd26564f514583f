import { isBankHolidayInEngland } from '../calendar/bankHolidays';
import { isWeekend } from '../calendar/londonDay';
import { englandTypicalTerms, isSchoolHoliday, type TermCalendar } from '../calendar/termDates';
import type { Rating, RatingLevel } from '../rating/rateReview';
import { invitationsBy } from '../timeline/rules/invitationsBy';
import { latestMeetingDate } from '../timeline/rules/latestMeetingDate';
import { transferDeadline } from '../timeline/rules/phaseTransfer';
import { preparingForAdulthood } from '../timeline/rules/preparingForAdulthood';
import { reviewDeadline } from '../timeline/rules/reviewDeadline';
import { type CaseInput, defaultTimelineSettings, type IsoDate, type TimelineSettings } from '../timeline/types';
import { type InviteeRole, requiredInviteeGroups } from './inviteeRoles';

export type MeetingMode = 'in-person' | 'virtual' | 'hybrid';

export interface MeetingProposal {
  case: CaseInput;
  meetingDate: IsoDate;
  /** The day invitations go (or went) out. */
  invitationsSentOn: IsoDate;
  invitees: InviteeRole[];
  mode: MeetingMode;
  rating?: Rating | RatingLevel | undefined;
  /** The meeting will cover preparing for adulthood (needed from Year 9). */
  coversPreparingForAdulthood?: boolean | undefined;
  terms?: TermCalendar | undefined;
  settings?: Partial<TimelineSettings> | undefined;
  today?: IsoDate | undefined;
}

/**
 * `block`: the booking would break the law (the review would not be compliant), so
 * the SENCO must change it. `warn`: allowed, but against guidance or awkward.
 */
export type Severity = 'block' | 'warn';

export interface Finding {
  code: string;
  severity: Severity;
  source: string;
  /** One sentence telling the SENCO what to change. */
  message: string;
}

/**
 * Checks a proposed review meeting before it is booked.
 *
 * @example checkMeetingProposal({ case: { planIssued: '2026-03-01' }, meetingDate: '2027-01-20', invitationsSentOn: '2027-01-10', invitees: ['parent'], mode: 'in-person' })
 *   //=> [{ code: 'notice-too-short', severity: 'block', ... }, { code: 'required-role-missing', ... }, ...]
 * @see Reg 20; CoP 9.176-9.185; Derby toolkit
 */
export function checkMeetingProposal(p: MeetingProposal): Finding[] {
  const settings = { ...defaultTimelineSettings, ...p.case.settings, ...p.settings };
  const findings: Finding[] = [];
  const add = (code: string, severity: Severity, source: string, message: string) => findings.push({ code, severity, source, message });
  const meeting = p.meetingDate;
  const deadline = reviewDeadline(p.case.planIssued, p.case.lastReviewConcluded);
  const transfer = p.case.transfer ? transferDeadline(p.case.transfer.kind, p.case.transfer.date) : null;
  const latest = latestMeetingDate(deadline, transfer);

  if (meeting < p.case.planIssued) {
    add('meeting-before-plan', 'block', 'CFA 2014 s44(1)', `The meeting on ${meeting} is before the plan was issued (${p.case.planIssued}); choose a date after it.`);
  }
  const sendBy = invitationsBy(meeting, settings.notice);
  if (p.invitationsSentOn > sendBy) {
    add(
      'notice-too-short',
      'block',
      'Reg 20(2)-(3); CoP 9.176',
      `Invitations sent on ${p.invitationsSentOn} give less than two weeks' notice of a meeting on ${meeting}; send them by ${sendBy} or move the meeting later (and before ${latest}).`,
    );
  }
  if (p.invitationsSentOn > meeting) {
    add('invitations-after-meeting', 'block', 'Reg 20(2)', `Invitations dated ${p.invitationsSentOn} are after the meeting on ${meeting}; fix the dates.`);
  }
  if (p.today && p.invitationsSentOn < p.today) {
    add('invitations-in-past', 'warn', 'Reg 20(2)', `Invitations are dated ${p.invitationsSentOn}, before today (${p.today}); record the day they really went out.`);
  }
  if (meeting > deadline) {
    add('meeting-after-review-deadline', 'block', 'CFA 2014 s44(1); CoP 9.169', `The meeting on ${meeting} is after the review deadline ${deadline}; book it by ${latest}.`);
  } else if (meeting > latest) {
    const why = transfer && latest < deadline ? `so the plan can be amended before the transfer deadline ${transfer}` : `so the LA can decide within 4 weeks and by ${deadline}`;
    add('meeting-after-latest-date', 'block', transfer ? 'Reg 18; CoP 9.169' : 'CoP 9.169; Reg 20(10)', `The meeting on ${meeting} is after the latest meeting date ${latest}; book it by then ${why}.`);
  }

  const invited = new Set(p.invitees);
  for (const group of requiredInviteeGroups) {
    if (!group.roles.some((r) => invited.has(r))) {
      add('required-role-missing', 'block', 'Reg 20(2)-(3); CoP 9.176', `Invite ${group.name}: they must be invited to every review.`);
    }
  }

  const pfa = preparingForAdulthood(p.case, meeting);
  if (pfa && p.coversPreparingForAdulthood === false) {
    add('pfa-missing', 'block', 'CoP 9.184-9.185', 'From Year 9 the review must cover preparing for adulthood (employment, independent living, community participation); add it to the agenda.');
  }
  const post16Coming = p.case.transfer?.kind === 'post16' || p.case.transfer?.kind === 'post16-move';
  if (pfa && post16Coming && !invited.has('post16-institution')) {
    add('post16-not-invited', 'warn', 'CoP 9.185; Reg 20(3)', 'A post-16 move is coming: invite the post-16 institution the young person wants to attend.');
  }

  const level = typeof p.rating === 'string' ? p.rating : p.rating?.level;
  if (level === 'red' && p.mode === 'virtual') {
    add('red-review-virtual', 'block', 'Derby annual review toolkit', 'This review is rated red: hold it face to face (in person or hybrid), with the LA SEN officer attending.');
  }
  if (level === 'amber' && p.mode === 'virtual') {
    add('amber-review-virtual', 'warn', 'Derby annual review toolkit', 'This review is rated amber: offer the family a face-to-face meeting.');
  }

  if (isWeekend(meeting)) add('weekend', 'warn', 'Good practice', `${meeting} is a weekend; choose a school day.`);
  if (isBankHolidayInEngland(meeting)) add('bank-holiday', 'warn', 'Good practice', `${meeting} is a bank holiday in England; choose another day.`);
  const terms = p.terms ?? englandTypicalTerms();
  if (!isWeekend(meeting) && isSchoolHoliday(meeting, terms)) {
    add('school-holiday', 'warn', `Term dates: ${terms.council}`, `${meeting} is in the school holidays (${terms.council}); school staff may not be available.`);
  }
  return findings;
}
