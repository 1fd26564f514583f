import { z } from 'zod';
import { isIsoDate } from '../calendar/isoDate';
import { chronologyProblems, type ParseResult, type Problem } from './chronology';
import { type CaseInput, settingPhases } from './types';

export { chronologyProblems, type ParseResult, type Problem } from './chronology';


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
