import { isBankHolidayInEngland } from '../calendar/bankHolidays';
import { daysBetween, isWeekend } from '../calendar/londonDay';
import { englandTypicalTerms, isSchoolHoliday, type TermCalendar } from '../calendar/termDates';
import type { Rating, RatingLevel } from '../rating/rateReview';
import { invitationsBy } from '../timeline/rules/invitationsBy';
import { cycleLimits } from '../timeline/rules/cycleLimits';
import { preparingForAdulthood } from '../timeline/rules/preparingForAdulthood';
import { type CaseInput, defaultTimelineSettings, type IsoDate, type ReviewRunner, type TimelineSettings } from '../timeline/types';
import { type Addressing, familyAddressee, familyAddresseeSource } from './familyAddressee';
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
  /** Who runs the review (a property of the setting): under Reg 21 no school is invited. Default: the school. */
  runBy?: ReviewRunner | undefined;
  /** Who the case says is addressed once the young person is over compulsory school age (CFA 2014 s80; Regs 63-64); default `auto`. */
  addressing?: Addressing | undefined;
  /** The council's rule for a red review held virtually: Derby blocks it; by default it is a warning. */
  redMeansInPerson?: Severity | undefined;
}

/**
 * `block`: the meeting itself would be unlawful (too little notice, a required invitee
 * missing), so the SENCO must change it. `warn`: allowed, but late, against guidance or
 * awkward. Lateness is never a block: the duty to review continues (s44; Reg 20(1)).
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
 * @see Reg 20; CoP 9.176, 9.184-9.185; Derby toolkit
 */
export function checkMeetingProposal(p: MeetingProposal): Finding[] {
  const settings = { ...defaultTimelineSettings, ...p.case.settings, ...p.settings };
  const findings: Finding[] = [];
  const add = (code: string, severity: Severity, source: string, message: string) => findings.push({ code, severity, source, message });
  const meeting = p.meetingDate;
  const limits = cycleLimits(p.case, settings);
  const deadline = limits.reviewDeadline;
  const transfer = limits.transfer?.deadline ?? null;
  const latest = limits.latestMeetingDate;

  if (meeting < p.case.planIssued) {
    add('meeting-before-plan', 'block', 'CFA 2014 s44(1)', `The meeting on ${meeting} is before the plan was issued (${p.case.planIssued}); choose a date after it.`);
  }
  const sendBy = invitationsBy(meeting, settings.notice);
  if (p.invitationsSentOn > sendBy) {
    add(
      'notice-too-short',
      'block',
      'Reg 20(2)-(3); CoP 9.176',
      `Invitations sent on ${p.invitationsSentOn} give less than two weeks' notice of a meeting on ${meeting}; send them by ${sendBy} or move the meeting later${meeting <= latest ? ` (and before ${latest})` : ''}.`,
    );
  }
  if (p.invitationsSentOn > meeting) {
    add('invitations-after-meeting', 'block', 'Reg 20(2)', `Invitations dated ${p.invitationsSentOn} are after the meeting on ${meeting}; fix the dates.`);
  }
  if (p.today && p.invitationsSentOn < p.today) {
    add('invitations-in-past', 'warn', 'Reg 20(2)', `Invitations are dated ${p.invitationsSentOn}, before today (${p.today}); record the day they really went out.`);
  }
  const late = lateness(meeting, deadline, latest, transfer);
  if (late) add(late.code, 'warn', late.source, late.message);

  const invited = new Set(p.invitees);
  // Over compulsory school age the invitation is the young person's own (or, where they lack capacity, the alternative person's, invited as the young person).
  const family = familyAddressee({ dateOfBirth: p.case.dateOfBirth, on: meeting, addressing: p.addressing });
  for (const group of requiredInviteeGroups) {
    // A child at no school or institution: the council runs the review and no school is invited (Reg 21).
    if (p.runBy === 'reg21' && group.roles.includes('school')) continue;
    if (family.to !== 'parent' && group.roles.includes('parent')) {
      if (!invited.has('young-person')) {
        const who = family.to === 'alternative-person' ? 'the alternative person acting for the young person (they lack capacity)' : 'the young person';
        add(
          'young-person-not-invited',
          'block',
          familyAddresseeSource,
          `Invite ${who}, as the young person: they are over compulsory school age (it ended on ${family.compulsorySchoolAgeEnds}), so the invitation is theirs, the parent's only as well where the young person wishes it (CFA 2014 s80; Regs 63-64).`,
        );
      }
      if (invited.has('parent') && !family.copyParent && family.to === 'young-person') {
        add('parent-invited-over-age', 'warn', familyAddresseeSource, 'The parent is invited although the young person is over compulsory school age: invite them only where the young person wishes it, and record that on the case (CFA 2014 s80).');
      }
      continue;
    }
    if (!group.roles.some((r) => invited.has(r))) {
      add('required-role-missing', 'block', 'Reg 20(2)-(3); CoP 9.176', `Invite ${group.name}: they must be invited to every review.`);
    }
  }

  const pfa = preparingForAdulthood(p.case, meeting);
  if (pfa && p.coversPreparingForAdulthood === false) {
    add('pfa-missing', 'block', 'Reg 20(6), 21(6); CoP 9.184-9.185', 'From Year 9 the review must cover preparing for adulthood (employment, independent living, community participation); add it to the agenda.');
  }
  const post16Coming = limits.transfer?.kind === 'post16' || limits.transfer?.kind === 'post16-move';
  if (pfa && post16Coming && !invited.has('post16-institution')) {
    add('post16-not-invited', 'warn', 'CoP 9.185; Reg 20(3)', 'A post-16 move is coming: invite the post-16 institution the young person wants to attend.');
  }

  const level = typeof p.rating === 'string' ? p.rating : p.rating?.level;
  if (level === 'red' && p.mode === 'virtual') {
    // Derby's local rule, not the law: a council setting, a warning by default.
    add('red-review-virtual', p.redMeansInPerson ?? 'warn', 'Derby annual review toolkit', 'This review is rated red: hold it face to face (in person or hybrid), with the LA SEN officer attending.');
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

/** Why a meeting on `meeting` is late, if it is: after the review deadline, or after the latest meeting date. */
export interface Lateness {
  code: 'meeting-after-review-deadline' | 'meeting-after-latest-date';
  daysLate: number;
  source: string;
  message: string;
}

/**
 * How late a meeting is, in one sentence naming the rule; null when it is in time. A late
 * meeting is still booked: the review must be held as soon as it can be (s44; Reg 20(1)).
 *
 * @example lateness('2026-12-21', '2026-11-05', '2026-10-08', null)?.message
 *   //=> 'The meeting on 2026-12-21 is 46 days after the review deadline 2026-11-05 (CFA 2014 s44(1)): the review is late. Hold it as soon as you can; ...'
 * @see CFA 2014 s44(1); Reg 20(1), 20(10); Reg 18(1); CoP 9.169
 */
export function lateness(meeting: IsoDate, deadline: IsoDate, latest: IsoDate, transfer: IsoDate | null): Lateness | null {
  if (meeting > deadline) {
    const daysLate = daysBetween(deadline, meeting);
    return {
      code: 'meeting-after-review-deadline',
      daysLate,
      source: 'CFA 2014 s44(1); Reg 20(1); CoP 9.169',
      message: `The meeting on ${meeting} is ${daysLate} ${daysLate === 1 ? 'day' : 'days'} after the review deadline ${deadline} (CFA 2014 s44(1)): the review is late. Hold it as soon as you can; the LA must still decide within 4 weeks of it (Reg 20(10)).`,
    };
  }
  if (meeting > latest) {
    const daysLate = daysBetween(latest, meeting);
    const why = transfer && latest < deadline ? `the plan must be amended before the transfer deadline ${transfer} (Reg 18(1))` : `the LA must decide by the review deadline ${deadline} (CoP 9.169)`;
    return {
      code: 'meeting-after-latest-date',
      daysLate,
      source: transfer ? 'Reg 18(1); CoP 9.169' : 'CoP 9.169; Reg 20(10)',
      message: `The meeting on ${meeting} is ${daysLate} ${daysLate === 1 ? 'day' : 'days'} after the latest meeting date ${latest}: ${why}, leaving less than the 4 weeks for its decision. Book the earliest date you can.`,
    };
  }
  return null;
}
