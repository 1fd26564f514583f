import { type Addressing, familyAddressee } from '../../../shared';
import { appendAudit } from '../audit';
import type { Queryable } from '../db';
import { InvalidInputError } from '../errors';
import type { Principal } from '../principal';
import { etagOf, loadReview } from './loadReview';
import { checkIfMatch, updateReview } from './writeSupport';

export interface AddresseeInput {
  addressee: Addressing;
  /** With `alternative-person`: who acts for the young person who lacks capacity (Reg 64). */
  alternativePerson?: { name: string; email?: string | undefined } | undefined;
}

/**
 * Records on the child's plan who the family's invitations, the decision and every notice
 * go to once the child is over compulsory school age (CFA 2014 s80; Regs 63-64): `auto`
 * (the parent, then the young person), the young person with the parent as well because the
 * young person wishes it, or the alternative person acting for a young person who lacks
 * capacity. The answer says who is addressed today.
 */
export async function recordAddressee(tx: Queryable, principal: Principal, id: string, input: AddresseeInput, today: string, ifMatch?: string) {
  const row = await loadReview(tx, principal, id, today, true);
  checkIfMatch(row, ifMatch);
  const alternative = input.addressee === 'alternative-person' ? input.alternativePerson : undefined;
  if (input.addressee === 'alternative-person' && !alternative) {
    throw new InvalidInputError([{ field: 'alternativePerson', message: 'name the alternative person acting for the young person who lacks capacity (Regs 63-64): {"name": ..., "email": ...}' }]);
  }
  if (input.addressee !== 'alternative-person' && input.alternativePerson) {
    throw new InvalidInputError([{ field: 'alternativePerson', message: 'an alternative person is recorded only with "addressee": "alternative-person"; leave it out' }]);
  }
  const before = { addressee: row.addressee ?? 'auto', alternativePerson: row.alternative_person_name ? { name: row.alternative_person_name, email: row.alternative_person_email } : null };
  await tx.query('update plans set addressee = $2, alternative_person_name = $3, alternative_person_email = $4 where id = $1', [row.plan_id, input.addressee, alternative?.name ?? null, alternative?.email ?? null]);
  const version = await updateReview(tx, row, {});
  const after = { addressee: input.addressee, alternativePerson: alternative ? { name: alternative.name, email: alternative.email ?? null } : null };
  await appendAudit(tx, principal, 'plan.addressee', 'review', id, before, after);
  return { etag: etagOf({ id, version }), ...after, today: familyAddressee({ dateOfBirth: row.date_of_birth, on: today, addressing: input.addressee }) };
}
