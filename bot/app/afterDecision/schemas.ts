import { z } from 'zod';
import { isIsoDate } from '../../../shared';

const isoDate = z.string().refine(isIsoDate, { message: 'must be a real calendar date written YYYY-MM-DD (for example 2026-03-31)' });
const text = (max: number) => z.string().trim().min(1).max(max);

/** `POST /api/reviews/{id}/letter/send-draft`: nothing to say; the draft goes as it is. */
export const sendDraftBody = z.strictObject({});

/** `POST /api/reviews/{id}/letter/posted`: the day the officer posted the letter (and the notice). */
export const letterPostedBody = z.strictObject({ postedOn: isoDate });

/** `POST /api/reviews/{id}/representations`: what the family said about the proposed amendments, and when it arrived. */
export const representationsBody = z.strictObject({
  receivedOn: isoDate,
  summary: text(4000),
  wantsMeeting: z.boolean().optional(),
  /** A school or other institution the family asks to be named (CFA 2014 s38(2)(b)). */
  requestedSchool: text(200).optional(),
  /** When the council consulted it (s39(2)) and what it said. */
  schoolConsultedOn: isoDate.optional(),
  schoolResponse: text(4000).optional(),
});

const amendment = z.strictObject({ section: text(100), change: text(2000) });

/** `POST /api/reviews/{id}/final-plan`: the final amended plan (a PDF in the council's library) and the changes as made. */
export const finalPlanBody = z.strictObject({
  /** The final amended plan, dated and marked as amended, as a file in the council's SharePoint library. */
  plan: z.strictObject({ driveId: text(512), itemId: text(512) }),
  /** The changes as finalised; by default the proposed ones. */
  amendments: z.array(amendment).min(1).max(40).optional(),
});

/** `POST /api/reviews/{id}/not-amending`: the reasons, which go into the family's letter word for word. */
export const notAmendingBody = z.strictObject({ reasons: text(4000) });
