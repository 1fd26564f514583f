import { type CaseContact, contactsForReview, familyContactForReview, recordFamilyContact, replaceContacts as storeContacts } from '../store/contacts/caseContacts';
import { requestHash, runWrite } from '../store/idempotency';
import type { Principal } from '../store/principal';
import { contactsBody } from './schemas';
import { type AppDeps, parsed, permit, type ReviewCall, type TaskResult } from './task';

/** A child's contacts, read through their review (who the review invites, by role). */
export async function readContacts(deps: AppDeps, principal: Principal, reviewId: string) {
  permit(principal, 'GET /api/reviews/{id}/contacts');
  const contacts: CaseContact[] = await contactsForReview(deps.db, principal, reviewId, deps.today());
  return { contacts, ...(await familyContactForReview(deps.db, reviewId)) };
}

/**
 * Replace a child's contacts through their review: the whole list at once, idempotently,
 * answering what changed; with `familyContact`, how the family agreed to be written to
 * (email or post), which decides how their letters go.
 *
 * @example await replaceContacts(deps, { principal: senco, reviewId, input: { contacts: [{ role: 'parent', name: 'Pat', email: 'pat@home.example' }] } }) //=> { status: 200, body: { reviewId, contacts, changed: true } }
 */
export async function replaceContacts(deps: AppDeps, call: ReviewCall): Promise<TaskResult> {
  permit(call.principal, 'PUT /api/reviews/{id}/contacts');
  const input = parsed(contactsBody, call.input);
  return runWrite(deps.db, call.principal, call.idempotencyKey, requestHash('PUT', `/api/reviews/${call.reviewId}/contacts`, call.input ?? null), async (tx) => {
    const replaced = await storeContacts(tx, call.principal, call.reviewId, input.contacts as CaseContact[], deps.today(), call.ifMatch);
    // The contacts' write moved the version on; the preference is checked against that one.
    const preference = input.familyContact ? await recordFamilyContact(tx, call.principal, call.reviewId, input.familyContact, deps.today(), replaced.etag) : undefined;
    const { familyContact, recordedOn } = await familyContactForReview(tx, call.reviewId);
    const changed = replaced.changed || (preference?.changed ?? false);
    return { status: 200, body: { reviewId: call.reviewId, contacts: replaced.contacts, familyContact, recordedOn, changed }, etag: preference?.etag ?? replaced.etag };
  });
}
