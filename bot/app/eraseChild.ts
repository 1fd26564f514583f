import { z } from 'zod';
import type { AuditActor } from '../store/audit';
import { confirmationOf, eraseChild as storeErase, erasureScope, type ErasureScope } from '../store/children/eraseChild';
import type { Db, Queryable } from '../store/db';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError, PreconditionFailedError } from '../store/errors';
import { ifMatchAccepts } from '../store/ifMatch';
import { requestHash, runWrite } from '../store/idempotency';
import type { Principal } from '../store/principal';
import { parsed, permit, type TaskResult } from './task';

/** The body of POST /api/children/{laReference}/erase: why, and (second step) the confirmation the first step gave. */
export const eraseBody = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(10, 'say why the council erases this child (for example "record created in error: not a child of this council"); it is kept in the audit, so do not name the child')
    .max(500),
  confirm: z.string().trim().min(1).max(64).optional(),
});

/** Who asks: the council's LA manager through the API, or an operator at the command line for a council. */
export type Eraser = { principal: Principal } | { operator: string; councilId: string };

/** What the first step answers: what would go, and the confirmation to send back. */
export interface ErasurePreview {
  laReference: string;
  wouldErase: Record<string, number>;
  sharePointFiles: number;
  confirmation: string;
  next: string;
}

function councilAndActor(who: Eraser): { councilId: string; actor: AuditActor } {
  if ('operator' in who) return { councilId: who.councilId, actor: { orgId: null, userId: who.operator, role: 'administrator' } };
  permit(who.principal, 'POST /api/children/{laReference}/erase');
  if (who.principal.orgKind !== 'council') throw new ForbiddenError('A child is erased by the council that holds them; sign in as the council’s LA manager.');
  return { councilId: who.principal.orgId, actor: who.principal };
}

const preview = (scope: ErasureScope): ErasurePreview => ({
  laReference: scope.laReference,
  wouldErase: scope.counts,
  sharePointFiles: scope.files.length,
  confirmation: confirmationOf(scope),
  next: 'Nothing is erased yet. To erase, send the same request again with "confirm" set to the confirmation above; it cannot be undone.',
});

/**
 * Erases a child where the council decides it must (UK GDPR Article 17), in two steps: the
 * first call answers what would be erased and a confirmation, which the second sends back to
 * erase. LA manager only (or an operator at the command line); a reason is required and kept
 * in the tombstone, and must not name the child. A confirmation that does not match (another
 * child's, or given before more was recorded about the child) erases nothing (409).
 * The API and `ehcp-review erase` both call this.
 */
export async function eraseChild(deps: { db: Db }, call: { who: Eraser; laReference: string; input: unknown; idempotencyKey?: string | undefined; ifMatch?: string | undefined }): Promise<TaskResult> {
  const { councilId, actor } = councilAndActor(call.who);
  const body = parsed(eraseBody, call.input);
  const work = async (tx: Queryable) => {
    const scope = await erasureScope(tx, councilId, call.laReference, true);
    if (!scope) throw new NotFoundError(`The child with council reference ${call.laReference}`);
    if (!ifMatchAccepts(call.ifMatch, scope.etag)) throw new PreconditionFailedError(scope.etag, "The child's details have changed since you read them; read them again before erasing.");
    const named = scope.identifiers.find((v) => body.reason.toLowerCase().includes(v.toLowerCase()));
    if (named) throw new InvalidInputError([{ field: 'reason', message: 'names the child or their family; the reason is kept after the erasure, so say why without who (for example "duplicate record of another case")' }]);
    if (body.confirm === undefined) return { status: 200, body: { ...preview(scope) } };
    if (body.confirm !== confirmationOf(scope)) {
      throw new ConflictError('erasure-not-confirmed', 'The confirmation is not the one for this child as held now (another child’s, or more has been recorded since): nothing was erased. Ask again without "confirm" and send the new confirmation.');
    }
    const done = await storeErase(tx, actor, scope, body.reason);
    // The answer names no one: a replay of it, kept with the Idempotency-Key, holds nothing of the child.
    return { status: 200, body: { erased: true, reference: done.reference, removed: done.removed, sharePointFilesQueued: done.filesQueued } };
  };
  if ('operator' in call.who) return deps.db.transaction(work);
  return runWrite(deps.db, call.who.principal, call.idempotencyKey, requestHash('POST', `/api/children/${call.laReference}/erase`, call.input ?? null), work);
}
