import { isBankHolidayInEngland } from '../calendar/bankHolidays';
import { isWeekend, later, plusDays } from '../calendar/londonDay';
import { endOfPeriodStartingWith, withinWeeksOf } from '../calendar/periods';
import type { IsoDate } from '../timeline/types';

/**
 * Moving an EHC plan between councils (SEND Regs 2014 reg 15, "Transfer of EHC plans"),
 * as the regulation reads (legislation.gov.uk/uksi/2014/1530/regulation/15/made):
 * - 15(1): applies when the child or young person moves from the area of the council that
 *   maintains the plan ("the old authority") into another council's area ("the new authority");
 * - 15(2): the old authority transfers the plan on the day of the move or, where it did not
 *   become aware of the move at least 15 working days before it, within 15 working days
 *   beginning with the day it did become aware;
 * - 15(3)(a): from the transfer the plan is treated as made by the new authority on the date
 *   the old authority made it, and the new authority must maintain it (so the review clock
 *   carries on: no new 12 months starts);
 * - 15(4): within 6 weeks of the transfer the new authority tells the parent or young person
 *   that the plan has been transferred, whether it proposes an EHC needs assessment, and when
 *   it proposes to review the plan;
 * - 15(5): the new authority reviews the plan (s44) before the later of (a) the 12 months
 *   beginning with the date the plan was made or last reviewed, and (b) 3 months beginning
 *   with the date of the transfer (the period's end as the project counts "starting with").
 *   The regulation's text was read to "(a) the period of 12 months beginning with the d[ate]";
 *   the 3 months of (b) are as Devon County Council's and IPSEA's guidance on moving between
 *   councils state them ("within three months of the plan being transferred").
 * Regulation 16 (the health commissioning body's side) is not encoded: its text was not
 * available to check, so nothing here cites it.
 */
export const planTransferRules = [
  { id: 'transferDay', rule: 'The old council transfers the plan on the day of the move, or within 15 working days beginning with the day it became aware of the move when it learned of it less than 15 working days before.', source: 'Reg 15(2)' },
  { id: 'treatedAsMadeBy', rule: 'From the transfer, the plan is treated as made by the new council on the date the old council made it, and the new council maintains it.', source: 'Reg 15(3)(a)' },
  { id: 'familyToldBy', rule: 'Within 6 weeks of the transfer the new council tells the parent or young person: transferred; whether it will assess; when it will review.', source: 'Reg 15(4)' },
  { id: 'transferReviewDeadline', rule: 'The new council reviews the plan before the later of the 12 months from when it was made or last reviewed and 3 months from the transfer.', source: 'Reg 15(5)' },
] as const;

export const transferDaySource = 'Reg 15(2)';
export const familyToldBySource = 'Reg 15(4)';
export const transferReviewDeadlineSource = 'Reg 15(5)';

function isWorkingDay(date: IsoDate): boolean {
  return !isWeekend(date) && !isBankHolidayInEngland(date);
}

/** The `n`th working day counting `from` itself as the first when it is one. */
function nthWorkingDayBeginningWith(from: IsoDate, n: number): IsoDate {
  let day = from;
  let count = isWorkingDay(day) ? 1 : 0;
  while (count < n) {
    day = plusDays(day, 1);
    if (isWorkingDay(day)) count++;
  }
  return day;
}

/**
 * The latest day the old council may transfer the plan (Reg 15(2)): the day of the move,
 * unless it became aware of the move less than 15 working days before it; then the 15th
 * working day beginning with the day it became aware.
 *
 * @example transferDueBy('2027-03-01', '2027-01-04') //=> '2027-03-01'
 * @example transferDueBy('2027-03-01', '2027-02-22') //=> '2027-03-12'
 */
export function transferDueBy(movedOn: IsoDate, awareOn: IsoDate = movedOn): IsoDate {
  // Aware at least 15 working days before the move: the 15 working days beginning with that day end before the move.
  const fifteenth = nthWorkingDayBeginningWith(awareOn, 15);
  return fifteenth < movedOn ? movedOn : fifteenth;
}

/**
 * The new council's review deadline after a transfer on `transferredOn` (Reg 15(5)): the
 * later of the plan's own 12-month deadline (`s44Deadline`, from when it was made or last
 * reviewed: the clock carries on) and the end of the 3 months beginning with the transfer.
 * A review concluded after the transfer starts an ordinary 12 months: then this does not apply.
 *
 * @example transferReviewDeadline('2027-04-14', '2027-03-01') //=> '2027-05-31'
 * @example transferReviewDeadline('2027-09-30', '2027-03-01') //=> '2027-09-30'
 */
export function transferReviewDeadline(s44Deadline: IsoDate, transferredOn: IsoDate): IsoDate {
  return later(s44Deadline, endOfPeriodStartingWith(transferredOn, 3));
}

/**
 * Last day for the new council to tell the family about the transfer (Reg 15(4)): "within 6 weeks of" it.
 * @example familyToldBy('2027-03-01') //=> '2027-04-12'
 */
export function familyToldBy(transferredOn: IsoDate): IsoDate {
  return withinWeeksOf(transferredOn, 6);
}

/** Every date of one transfer, with the rule each comes from. */
export interface PlanTransferDates {
  transferDueBy: IsoDate;
  familyToldBy: IsoDate;
  reviewDeadline: IsoDate;
  sources: { transferDueBy: string; familyToldBy: string; reviewDeadline: string };
}

/**
 * The dates a transfer sets: `s44Deadline` is the review deadline the plan already had
 * (from its issue date or its last review), `transferredOn` the day the plan moved.
 */
export function planTransferDates(input: { movedOn: IsoDate; awareOn?: IsoDate | undefined; transferredOn: IsoDate; s44Deadline: IsoDate }): PlanTransferDates {
  return {
    transferDueBy: transferDueBy(input.movedOn, input.awareOn),
    familyToldBy: familyToldBy(input.transferredOn),
    reviewDeadline: transferReviewDeadline(input.s44Deadline, input.transferredOn),
    sources: { transferDueBy: transferDaySource, familyToldBy: familyToldBySource, reviewDeadline: transferReviewDeadlineSource },
  };
}
