import { z } from 'zod';
import { isIsoDate } from '../../shared';
import { requestHash, runWrite } from '../store/idempotency';
import type { Principal } from '../store/principal';
import { rectifyChild as storeRectify } from '../store/children/rectifyChild';
import { type AppDeps, parsed, permit, type TaskResult } from './task';

/** The body of POST /api/children/{laReference}/rectify: what to correct and why. */
export const rectifyBody = z
  .strictObject({
    name: z.string().trim().min(1, 'write the child’s full name').max(200).optional(),
    dateOfBirth: z.string().refine(isIsoDate, { message: 'must be a real calendar date written YYYY-MM-DD (for example 2016-03-01)' }).optional(),
    upn: z
      .string()
      .regex(/^[A-Z][0-9]{11}[0-9A-Z]$/, 'must be a 13-character UPN: a letter, 11 digits, then a digit or letter')
      .nullable()
      .optional(),
    reason: z.string().trim().min(3, 'say why the details are corrected (for example "date of birth mistyped at import")').max(500),
  })
  .refine((b) => b.name !== undefined || b.dateOfBirth !== undefined || b.upn !== undefined, { message: 'give at least one of name, dateOfBirth or upn', path: ['name'] });

/**
 * Corrects a child's details (UK GDPR Article 16), for the council's LA officer or manager:
 * validated, idempotent, audited with before, after and the reason. A date of birth in the
 * future is refused. The council reference is not changed here: it names the child in the
 * audit and access records, so a new reference is a re-import under the new one.
 */
export function rectifyChild(deps: AppDeps, call: { principal: Principal; laReference: string; input: unknown; idempotencyKey?: string | undefined; ifMatch?: string | undefined }): Promise<TaskResult> {
  permit(call.principal, 'POST /api/children/{laReference}/rectify');
  const body = parsed(rectifyBody.refine((b) => b.dateOfBirth === undefined || b.dateOfBirth <= deps.today(), { message: 'cannot be after today', path: ['dateOfBirth'] }), call.input);
  const { reason, ...correction } = body;
  return runWrite(deps.db, call.principal, call.idempotencyKey, requestHash('POST', `/api/children/${call.laReference}/rectify`, call.input ?? null), async (tx) => {
    const result = await storeRectify(tx, call.principal, call.laReference, correction, reason, call.ifMatch);
    return { status: 200, etag: result.etag, body: { laReference: call.laReference, changed: result.changed, ...result.details } };
  });
}
