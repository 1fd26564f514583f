import { z } from 'zod';
import { inviteeRoles, isIsoDate } from '../../shared';
import type { FieldProblem } from '../store/errors';
import { amendmentsFromText } from '../store/reviews/proposedAmendments';
import { reviewStatuses } from '../store/reviews/status';

const isoDate = z.string().refine(isIsoDate, { message: 'must be a real calendar date written YYYY-MM-DD (for example 2026-03-31)' });
const text = (max: number) => z.string().trim().min(1).max(max);
const outcome = z.enum(['maintain', 'amend', 'cease']);

export const meetingBody = z.strictObject({
  meetingDate: isoDate,
  invitationsSentOn: isoDate,
  invitees: z
    .array(z.strictObject({ role: z.enum(inviteeRoles), name: text(200).optional(), email: z.string().trim().email().max(320).optional() }))
    .min(1, 'list everyone invited, each with a role')
    .max(50),
  mode: z.enum(['in-person', 'virtual', 'hybrid']),
  rating: z.enum(['green', 'amber', 'red']).optional(),
  coversPreparingForAdulthood: z.boolean().optional(),
  outlookEventId: text(1024).optional(),
  iCalUId: text(1024).optional(),
  teamsJoinUrl: z.string().url().startsWith('https://', 'must be an https:// Teams join link').max(2048).optional(),
});

export const contactsBody = z.strictObject({
  contacts: z
    .array(z.strictObject({ role: z.enum(inviteeRoles), name: text(200), email: z.string().trim().email('must be an email address such as name@school.org.uk').max(320) }))
    .max(50),
  /**
   * How the family agreed to be written to: `email` only where they agreed to it, else
   * `post` (letters and the amendment notice are then marked for the officer to post).
   * Absent: left as recorded.
   */
  familyContact: z.enum(['email', 'post']).optional(),
});

/** The add-in's Graph requests name the Outlook event (its REST id, which Graph uses too). */
const eventId = z.string().min(1).max(1024).regex(/^[A-Za-z0-9_=+/-]+$/, 'must be the Outlook item id as a REST id (Office.context.mailbox.convertToRestId)');
export const teamsBody = z.strictObject({ eventId });
export const attachBody = z.strictObject({ eventId, adviceItemId: z.coerce.number().int().positive() });

export const adviceBody = z
  .strictObject({
    // A professional's role comes from their invitation (they may leave it out); others must say whose advice it is.
    fromRole: z.enum(inviteeRoles).optional(),
    author: text(200).optional(),
    receivedOn: isoDate,
    driveId: text(512).optional(),
    itemId: text(512).optional(),
    fileName: text(255).optional(),
  })
  .refine((a) => (a.driveId === undefined) === (a.itemId === undefined), { message: 'give both driveId and itemId (the file in OneDrive/SharePoint), or neither', path: ['itemId'] });

export const reportBody = z.strictObject({ sentOn: isoDate, recommendation: outcome, notes: text(4000).optional() });

const proposedAmendments = z.union([
  z.array(z.strictObject({ section: text(100), change: text(2000) })).min(1, 'list at least one amendment').max(40),
  text(4000).transform(amendmentsFromText),
]);

export const decisionBody = z
  .strictObject({
    outcome,
    notifiedOn: isoDate,
    reasons: text(4000),
    /**
     * For amend: what the LA proposes to change, per section of the plan, listed in the letter
     * and the amendment notice that goes with the decision (Reg 22(2)(a)). Either a list of
     * {section, change}, or text with one "section: change" per line.
     */
    proposedAmendments: proposedAmendments.optional(),
    /** Needed when no report is recorded: what the decision took account of instead (Reg 19(c)). */
    consideredInstead: text(4000).optional(),
    /** Cease (a proposal, Reg 31(1)(a)): the young person has left education, and what was done to re-engage them (Regs 29-30). */
    leftEducation: z.boolean().optional(),
    reengagement: text(4000).optional(),
    /** Interim reviews only: the council treats this interim review as the annual review, so it restarts the 12 months (s44(1)). */
    restartsCycle: z.boolean().optional(),
  })
  .refine((d) => d.outcome === 'amend' || d.proposedAmendments === undefined, {
    message: 'proposed amendments go with an amend decision only; remove them, or choose amend',
    path: ['proposedAmendments'],
  })
  .refine((d) => d.outcome !== 'amend' || (d.proposedAmendments?.length ?? 0) > 0, {
    message: 'list the proposed amendments, one per section of the plan ("F: weekly speech and language therapy"): the notice sent with the decision sets them out (Reg 22(2)(a))',
    path: ['proposedAmendments'],
  });

/** POST /api/reviews/{id}/early: start a review now, before its annual turn, saying why. */
export const earlyReviewBody = z.strictObject({
  /** `early`: the annual review brought forward (its decision restarts the 12 months); `interim`: one between annual reviews (it does not, unless the council's decision says so). */
  kind: z.enum(['early', 'interim']),
  reason: text(2000),
});

/** POST /api/reviews/{id}/addressee: who is addressed once the child is over compulsory school age (CFA 2014 s80; Regs 63-64). */
export const addresseeBody = z.strictObject({
  addressee: z.enum(['auto', 'young-person-and-parent', 'alternative-person']),
  alternativePerson: z.strictObject({ name: text(200), email: z.string().trim().email('must be an email address').max(254).optional() }).optional(),
});

/** A decision being written, for a preview of its letter: the decision form's outcome, reasons and (for amend) changes. Nothing is stored. */
export const letterPreviewBody = z
  .strictObject({ outcome, reasons: text(4000), proposedAmendments: proposedAmendments.optional() })
  .refine((d) => d.outcome === 'amend' || d.proposedAmendments === undefined, { message: 'proposed amendments go with an amend decision only; remove them, or choose amend', path: ['proposedAmendments'] });

export const ceaseBody = z.strictObject({ decision: z.enum(['cease', 'keep']), decidedOn: isoDate, reasons: text(4000) });

export const planEndBody = z.strictObject({ endsOn: isoDate, note: text(2000).optional() });

export const amendmentBody = z
  .strictObject({ noticeServedOn: isoDate.optional(), familyRespondedOn: isoDate.optional(), finalPlanIssuedOn: isoDate.optional() })
  .refine((a) => Object.keys(a).length > 0, { message: 'give at least one of noticeServedOn, familyRespondedOn, finalPlanIssuedOn', path: ['body'] });

const booleanText = z.enum(['true', 'false']).transform((v) => v === 'true');

export const reviewListQuery = z.strictObject({
  status: z.enum(reviewStatuses).optional(),
  overdue: booleanText.optional(),
  dueBefore: isoDate.optional(),
  school: z.string().min(1).max(63).optional(),
  council: z.string().min(1).max(63).optional(),
  q: z.string().trim().min(1, 'type at least one character of the name or reference').max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional(),
});

export const periodQuery = z
  .strictObject({ from: isoDate.optional(), to: isoDate.optional() })
  .refine((p) => !p.from || !p.to || p.from <= p.to, { message: 'from must be on or before to', path: ['from'] });

export const letterQuery = z.strictObject({
  format: z.enum(['docx', 'pdf']).default('pdf'),
  /** The decision letter, or the amendment notice that goes with a decision to amend. */
  kind: z.enum(['decision', 'amendment-notice']).default('decision'),
});

export const letterSendBody = z.strictObject({
  resend: z.boolean().optional(),
  /** Replace a draft that is no longer dated today with one dated today (its periods counted again). */
  regenerate: z.boolean().optional(),
});

/** Validates `value` against `schema`, or lists every problem by field (400). */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown): { ok: true; value: z.output<T> } | { ok: false; problems: FieldProblem[] } {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => {
      if (issue.code === 'unrecognized_keys') return { field: issue.keys.join(', '), message: 'is not a field this endpoint takes; remove it' };
      const field = issue.path.join('.') || 'body';
      const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
      return { field, message };
    }),
  };
}

const noNul = (v: string) => !v.includes('\u0000');

/** GET /api/settings: find a registered school, college or early years provider by name or URN. */
export const settingSearchQuery = z.strictObject({
  q: z.string().trim().min(2, 'type at least two characters of the name, or the start of the URN').max(100).refine(noNul, 'must not contain a NUL character'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

const orgId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be 2-63 lower-case letters, digits or hyphens (e.g. oak-hill-school)');

/** POST /api/settings: a council registers a setting missing from the service, saying why. */
export const settingBody = z.strictObject({
  id: orgId,
  name: text(200).refine(noNul, 'must not contain a NUL character'),
  settingType: z.enum(['school', 'college', 'early-years'], { message: 'must be one of school, college, early-years' }),
  urn: z.string().regex(/^[0-9]{6,8}$/, 'must be the DfE URN (6 digits) or UKPRN (8 digits)').optional(),
  localCouncil: orgId,
  reason: text(500).refine(noNul, 'must not contain a NUL character'),
});

/** POST /api/reviews/{id}/transfer: the child moved into another council's area (Reg 15). */
export const transferBody = z
  .strictObject({
    toCouncil: orgId,
    movedOn: isoDate,
    awareOn: isoDate.optional(),
    transferredOn: isoDate.optional(),
    newLaReference: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9/_.-]{0,63}$/, 'must be 1-64 letters, digits or / _ . -').optional(),
    school: orgId.optional(),
  })
  .refine((t) => !t.awareOn || !t.transferredOn || t.awareOn <= t.transferredOn, { message: 'must be on or before transferredOn: the plan cannot move before the council knew of the move', path: ['awareOn'] });

/** GET /api/audit: a council's access records for one child, one person, or both (#29 item 4). */
export const accessQuery = z
  .strictObject({
    child: z.string().trim().min(1).max(64).optional(),
    person: z.string().trim().min(1).max(320).optional(),
    before: z.string().regex(/^[1-9][0-9]{0,17}$/, 'must be the id of a record, from the previous page').transform(Number).optional(),
    limit: z.string().regex(/^[0-9]{1,4}$/, 'must be a whole number').transform(Number).pipe(z.number().int().min(1).max(1000)).default(200),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .refine((q) => q.child !== undefined || q.person !== undefined, {
    message: 'say whose records: child (the council reference, for example DEMO-0008) or person (an email or user id)',
    path: ['child'],
  });
