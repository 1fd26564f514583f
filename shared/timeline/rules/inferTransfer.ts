import { plusMonths } from '../../calendar/londonDay';
import type { CaseInput, IsoDate, RecordedTransfer, SettingInput, TimelineSettings, TransferKind, TransferPlan } from '../types';
import { transferDeadline } from './phaseTransfer';
import { ncYearOn } from './preparingForAdulthood';

export const inferTransferSource = 'Reg 18(1)-(2); CFA 2014 s83(2); CoP 9.180';

/**
 * The school year a date falls in, by the calendar year it starts in (September).
 * @example schoolYearOf('2026-03-01') //=> 2025
 */
export function schoolYearOf(date: IsoDate): number {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 9 ? year : year - 1;
}

interface Exit {
  lastYear: number;
  kind: TransferKind;
  to: string;
}

/**
 * The year groups after which a child at this setting moves on, and to what. A school
 * sixth form is not a post-16 institution (CFA 2014 s83(2)), so a Year 11 who stays in
 * it is not transferring; leaving the sixth form for a college (after Year 13) is.
 */
function exits(setting: SettingInput, allThrough: boolean): Exit[] {
  const post16: Exit = setting.sixthForm ? { lastYear: 13, kind: 'post16', to: 'a post-16 institution (leaving the school sixth form)' } : { lastYear: 11, kind: 'post16', to: 'a post-16 institution' };
  const last = (usual: number) => setting.lastYear ?? usual;
  switch (setting.phase) {
    case 'early-years':
      return [{ lastYear: last(-1), kind: 'school', to: 'school' }];
    case 'infant':
      return [{ lastYear: last(2), kind: 'school', to: 'junior school' }];
    case 'junior':
    case 'primary':
      return [{ lastYear: last(6), kind: 'school', to: 'secondary (or middle) school' }];
    case 'middle':
      return [{ lastYear: last(8), kind: 'school', to: 'secondary school' }];
    case 'secondary':
      return [{ ...post16, lastYear: setting.lastYear ?? post16.lastYear }];
    case 'all-through':
    case 'special':
      return [...(allThrough ? [{ lastYear: 6, kind: 'school' as const, to: 'Year 7 (an all-through school: treated as a transfer by the council setting)' }] : []), post16];
    case 'college':
      // A move between post-16 institutions has no fixed date: it is recorded with its date (5 months before it).
      return [];
  }
}

const PHASE_NAMES: Record<SettingInput['phase'], string> = {
  'early-years': 'an early years setting',
  infant: 'an infant school',
  junior: 'a junior school',
  primary: 'a primary school',
  middle: 'a middle school',
  secondary: 'a secondary school',
  'all-through': 'an all-through school',
  special: 'a special school',
  college: 'a college',
};

/**
 * The Reg 18 transfer the review starting on `cycleStart` must plan for: the first move,
 * in September, after a school year in which the child is in the setting's last year
 * group, when the move is within 12 months of the review deadline and its own deadline
 * has not passed before the cycle began. The year group comes from `ncYear` in
 * `ncYearSchoolYear` (default: the school year the cycle starts in), else from the birth
 * date. Null when nothing says a transfer is coming.
 *
 * @example inferTransfer({ planIssued: '2024-06-01', lastReviewConcluded: '2025-06-16', dateOfBirth: '2014-10-02', setting: { phase: 'primary' } }, '2025-06-16', '2026-06-15', true)
 *   //=> { kind: 'school', date: '2026-09-01', deadline: '2026-02-14', inferred: true, reason: 'Year 6 at a primary school in 2025/26: ...' }
 * @see Reg 18(1)-(2); CFA 2014 s83(2)
 */
export function inferTransfer(input: CaseInput, cycleStart: IsoDate, reviewDeadline: IsoDate, allThrough: TimelineSettings['allThroughTransfer']): TransferPlan | null {
  if (!input.setting) return null;
  const first = schoolYearOf(cycleStart);
  const yearIn = (schoolYear: number): number | null => {
    if (input.ncYear !== undefined) return input.ncYear + schoolYear - (input.ncYearSchoolYear ?? first);
    if (input.dateOfBirth) return ncYearOn(input.dateOfBirth, `${schoolYear}-10-01`);
    return null;
  };
  const ways = exits(input.setting, allThrough);
  for (let schoolYear = first; schoolYear <= first + 2; schoolYear++) {
    const year = yearIn(schoolYear);
    if (year === null) return null;
    const exit = ways.find((e) => e.lastYear === year);
    if (!exit) continue;
    const date = `${schoolYear + 1}-09-01`;
    const deadline = transferDeadline(exit.kind, date);
    if (deadline < cycleStart) continue;
    if (plusMonths(date, -12) > reviewDeadline) return null;
    const yearName = year === -1 ? 'Nursery' : year === 0 ? 'Reception' : `Year ${year}`;
    return {
      kind: exit.kind,
      date,
      deadline,
      inferred: true,
      reason: `${yearName} at ${PHASE_NAMES[input.setting.phase]} in ${schoolYear}/${String(schoolYear + 1).slice(2)}: moves to ${exit.to} in September ${schoolYear + 1}`,
    };
  }
  return null;
}

/**
 * The transfer this cycle plans for: the one recorded (with its deadline), none when the
 * case says `transfer: 'none'`, else the inferred one.
 *
 * @example transferFor({ planIssued: '2026-01-10', transfer: { kind: 'post16', date: '2027-09-01' } }, '2026-01-10', '2027-01-09', true)?.deadline //=> '2027-03-30'
 * @see Reg 18(1)-(2)
 */
export function transferFor(input: CaseInput, cycleStart: IsoDate, reviewDeadline: IsoDate, allThrough: boolean): TransferPlan | null {
  if (input.transfer === 'none') return null;
  if (input.transfer) {
    return { ...input.transfer, deadline: transferDeadline(input.transfer.kind, input.transfer.date), inferred: false, reason: `recorded: ${input.transfer.kind} transfer on ${input.transfer.date}` };
  }
  return inferTransfer(input, cycleStart, reviewDeadline, allThrough);
}

/**
 * The transfer as recorded, or null for none or 'none' (what a store column holds).
 * @example recordedTransfer('none') //=> null
 */
export function recordedTransfer(transfer: CaseInput['transfer']): RecordedTransfer | null {
  return transfer && transfer !== 'none' ? transfer : null;
}
