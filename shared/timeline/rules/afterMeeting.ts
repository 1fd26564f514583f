import { earlier, later, plusMonths } from '../../calendar/londonDay';
import { endOfPeriodStartingWith, lastDayBeginningWith, withinWeeksOf } from '../../calendar/periods';
import type { IsoDate } from '../types';

export const reportDueSource = 'Reg 20(7)-(8); CoP 9.176';
export const decisionDueSource = 'Reg 20(10); CoP 9.169, 9.176';
export const amendmentNoticeDueSource = 'Reg 22(2); R (L) v Devon CC [2022] EWHC 493 (Admin); "7 steps" step 6';
export const familyResponseBySource = 'Reg 22(3); CoP 9.194';
export const finalAmendedPlanDueSource = 'Reg 22(5); CoP 9.194; Reg 18 (transfer)';
export const appealDeadlineSource = 'CFA 2014 s51; Reg 32-33';
export const nextReviewDeadlineSource = 'CFA 2014 s44(1); CoP 9.169';
export const rightsNoticeSource = 'Reg 20(10)-(11), Reg 32; CoP 9.177';

/**
 * Last day the school sends the meeting report to everyone invited: within 2 weeks.
 * @example reportDue('2026-06-30') //=> '2026-07-14'
 * @see Reg 20(7)-(8); CoP 9.176
 */
export function reportDue(meeting: IsoDate): IsoDate {
  return withinWeeksOf(meeting, 2);
}

/**
 * Last day the LA notifies its decision (maintain, amend or cease): within 4 weeks of
 * the meeting, but never after the review deadline.
 * @example decisionDue('2026-06-30', '2027-01-31') //=> '2026-07-28'
 * @example decisionDue('2027-01-20', '2027-01-31') //=> '2027-01-31'
 * @see Reg 20(10); CoP 9.169, 9.176
 */
export function decisionDue(meeting: IsoDate, reviewDeadline: IsoDate): IsoDate {
  return earlier(withinWeeksOf(meeting, 4), reviewDeadline);
}

/**
 * A decision to amend goes with the current plan, the proposed amendments and the
 * evidence, so the amendment notice is due with the decision.
 * @example amendmentNoticeDue('2026-07-28') //=> '2026-07-28'
 * @see Reg 22(2); R (L) v Devon CC [2022] EWHC 493 (Admin)
 */
export function amendmentNoticeDue(decisionDueDate: IsoDate): IsoDate {
  return decisionDueDate;
}

/**
 * Last day of the family's 15 days (beginning with the day served) to comment on
 * proposed amendments; the plan must not be finalised before it ends.
 * @example familyResponseBy('2026-07-20') //=> '2026-08-03'
 * @see Reg 22(3); CoP 9.194
 */
export function familyResponseBy(noticeServed: IsoDate): IsoDate {
  return lastDayBeginningWith(noticeServed, 15);
}

/**
 * Last day to issue the amended plan (or say it will not be amended): 8 weeks from
 * the amendment notice, or the phase-transfer deadline if that is earlier.
 * @example finalAmendedPlanDue('2026-07-20') //=> '2026-09-14'
 * @example finalAmendedPlanDue('2026-12-20', '2027-02-14') //=> '2027-02-14'
 * @see Reg 22(5); CoP 9.194; Reg 18
 */
export function finalAmendedPlanDue(noticeServed: IsoDate, transferDeadline?: IsoDate | null): IsoDate {
  const eightWeeks = withinWeeksOf(noticeServed, 8);
  return transferDeadline ? earlier(eightWeeks, transferDeadline) : eightWeeks;
}

/**
 * Last day to appeal to the First-tier Tribunal: 2 months from the decision letter,
 * or 1 month from a mediation certificate, whichever is later.
 * @example appealDeadline('2026-07-28') //=> '2026-09-28'
 * @example appealDeadline('2026-07-28', '2026-09-10') //=> '2026-10-10'
 * @see CFA 2014 s51; Reg 32-33
 */
export function appealDeadline(decisionLetter: IsoDate, mediationCertificate?: IsoDate): IsoDate {
  const twoMonths = plusMonths(decisionLetter, 2);
  return mediationCertificate ? later(twoMonths, plusMonths(mediationCertificate, 1)) : twoMonths;
}

/**
 * Deadline for the next review: the 12-month period starting with the date this
 * review was concluded (or, by local policy, its meeting date).
 * @example nextReviewDeadline('2026-07-28') //=> '2027-07-27'
 * @see CFA 2014 s44(1); CoP 9.169
 */
export function nextReviewDeadline(concludedOn: IsoDate): IsoDate {
  return endOfPeriodStartingWith(concludedOn, 12);
}
