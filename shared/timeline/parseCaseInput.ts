import { z } from 'zod';
import { isIsoDate } from '../calendar/isoDate';
import { type CaseInput, settingPhases } from './types';

/** One thing wrong with an input, named by its field path (`decision.notifiedOn`). */
export interface Problem {
  field: string;
  message: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

const isoDate = z.string({ error: (i) => (i.input === undefined ? 'is required' : 'must be a date written YYYY-MM-DD') }).refine(isIsoDate, {
  error: (i) => `${JSON.stringify(i.input)} is not a real calendar date; use YYYY-MM-DD (for example 2026-03-31)`,
});
/** Optional field where JSON `null` means "not given", so errors inside keep their paths. */
function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === null ? undefined : v), schema.optional());
}
const optionalDate = optional(isoDate);

const NC_YEAR = 'must be a whole number from -1 (nursery) to 14';

/** The fields of a child's plan history shared by the timeline JSON and the caseload CSV. */
export const planHistorySchema = z.object({
  planIssued: isoDate,
  lastReviewConcluded: optionalDate,
  dateOfBirth: optionalDate,
  ncYear: optional(
    z
      .number({ error: NC_YEAR })
      .int({ error: NC_YEAR })
      .min(-1, { error: NC_YEAR })
      .max(14, { error: NC_YEAR }),
  ),
  ncYearSchoolYear: optional(z.number({ error: 'must be the year the school year starts in, e.g. 2025 for 2025/26' }).int().min(1990).max(2100)),
  setting: optional(
    z.object({
      phase: z.enum(settingPhases, { error: `must be one of ${settingPhases.join(', ')}` }),
      sixthForm: z.boolean({ error: 'must be true or false' }).optional(),
      lastYear: optional(z.number({ error: NC_YEAR }).int({ error: NC_YEAR }).min(-1, { error: NC_YEAR }).max(14, { error: NC_YEAR })),
    }),
  ),
  // "none" (no transfer coming, overriding an inferred one) is taken off before parsing, so a wrong object keeps its field paths.
  transfer: optional(
    z.object({
      kind: z.enum(['school', 'post16', 'post16-move'], { error: 'must be one of school, post16, post16-move' }),
      date: isoDate,
    }),
  ),
  meetingDate: optionalDate,
});

const caseSchema = planHistorySchema.extend({
  decision: optional(
    z.object({
      outcome: z.enum(['maintain', 'amend', 'cease'], { error: 'must be one of maintain, amend, cease' }),
      notifiedOn: isoDate,
    }),
  ),
  ceaseProposed: optionalDate,
  // A review started out of its annual turn: early (restarts the 12 months) or interim (does not, unless restartsCycle).
  review: optional(
    z.object({
      kind: z.enum(['early', 'interim'], { error: 'must be early or interim' }),
      startedOn: isoDate,
      reason: z.string({ error: 'must say why the review was started out of turn' }).trim().min(1, { error: 'must say why the review was started out of turn' }).max(2000),
      restartsCycle: z.boolean({ error: 'must be true or false' }).optional(),
    }),
  ),
  namesNextPlacement: optional(z.boolean({ error: 'must be true or false' })),
  amendmentNoticeServed: optionalDate,
  mediationCertificate: optionalDate,
  settings: optional(
    z.object({
      notice: z.enum(['strict', 'lenient'], { error: 'must be strict or lenient' }).optional(),
      anchor: z.enum(['decision', 'meeting'], { error: 'must be decision or meeting' }).optional(),
      allThroughTransfer: z.boolean({ error: 'must be true or false' }).optional(),
      ceaseConsultationDays: z.number({ error: 'must be a whole number of days from 1 to 90' }).int().min(1).max(90).optional(),
    }),
  ),
});

/** Field problems from a zod error, one per field, in input order. */
export function problemsFromZod(error: z.ZodError): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const issue of error.issues) {
    const field = issue.path.join('.') || '(input)';
    if (seen.has(field)) continue;
    seen.add(field);
    problems.push({ field, message: issue.message });
  }
  return problems;
}

/**
 * Order checks between dates that each parsed on their own: nothing happens
 * before the plan exists, and a decision cannot precede its meeting.
 */
export function chronologyProblems(c: Omit<CaseInput, 'settings'>): Problem[] {
  const problems: Problem[] = [];
  const after = (field: string, value: string | undefined, earliest: string, what: string) => {
    if (value !== undefined && value < earliest) problems.push({ field, message: `${value} is before ${what} (${earliest}); check the date` });
  };
  after('lastReviewConcluded', c.lastReviewConcluded, c.planIssued, 'the plan was issued');
  after('meetingDate', c.meetingDate, c.planIssued, 'the plan was issued');
  if (c.lastReviewConcluded) after('meetingDate', c.meetingDate, c.lastReviewConcluded, 'the previous review was concluded');
  if (c.dateOfBirth && c.planIssued < c.dateOfBirth) problems.push({ field: 'planIssued', message: `${c.planIssued} is before the child's date of birth (${c.dateOfBirth})` });
  if (c.decision) {
    if (c.meetingDate === undefined) problems.push({ field: 'decision', message: 'a decision needs the meetingDate of the review it follows' });
    else after('decision.notifiedOn', c.decision.notifiedOn, c.meetingDate, 'its review meeting');
  }
  if (c.ceaseProposed !== undefined) {
    if (c.meetingDate === undefined) problems.push({ field: 'ceaseProposed', message: 'a proposal to cease needs the meetingDate of the review it follows' });
    else after('ceaseProposed', c.ceaseProposed, c.meetingDate, 'its review meeting');
    if (c.decision && c.decision.outcome !== 'cease') problems.push({ field: 'decision.outcome', message: 'after a proposal to cease, the decision recorded is the cease ("cease")' });
    else if (c.decision) after('decision.notifiedOn', c.decision.notifiedOn, c.ceaseProposed, 'the proposal to cease');
  }
  if (c.review) {
    if (c.review.restartsCycle !== undefined && c.review.kind !== 'interim') problems.push({ field: 'review.restartsCycle', message: 'only an interim review says whether it restarts the 12 months; an early one always does (CFA 2014 s44(1))' });
    after('review.startedOn', c.review.startedOn, c.lastReviewConcluded ?? c.planIssued, c.lastReviewConcluded ? 'the previous review was concluded' : 'the plan was issued');
    if (c.meetingDate) after('meetingDate', c.meetingDate, c.review.startedOn, 'the review was started');
  }
  if (c.amendmentNoticeServed !== undefined) {
    if (c.decision?.outcome !== 'amend') problems.push({ field: 'amendmentNoticeServed', message: 'an amendment notice needs a decision with outcome "amend"' });
    else after('amendmentNoticeServed', c.amendmentNoticeServed, c.decision.notifiedOn, 'the decision was notified');
  }
  if (c.mediationCertificate !== undefined) {
    if (!c.decision) problems.push({ field: 'mediationCertificate', message: 'a mediation certificate needs the decision it follows' });
    else after('mediationCertificate', c.mediationCertificate, c.decision.notifiedOn, 'the decision was notified');
  }
  return problems;
}

/**
 * Checks one case (the CLI's `timeline` JSON) and reports every problem, one per
 * field, with what to fix. Unknown keys are ignored.
 *
 * @example parseCaseInput({ planIssued: '2025-02-30' }) //=> { ok: false, problems: [{ field: 'planIssued', ... }] }
 */
export function parseCaseInput(raw: unknown): ParseResult<CaseInput> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, problems: [{ field: '(input)', message: 'must be a JSON object with at least "planIssued"' }] };
  }
  const none = (raw as { transfer?: unknown }).transfer === 'none';
  const parsed = caseSchema.safeParse(none ? { ...raw, transfer: undefined } : raw);
  if (!parsed.success) return { ok: false, problems: problemsFromZod(parsed.error) };
  const value = parsed.data as CaseInput;
  if (none) value.transfer = 'none';
  const problems = chronologyProblems(value);
  return problems.length ? { ok: false, problems } : { ok: true, value };
}
