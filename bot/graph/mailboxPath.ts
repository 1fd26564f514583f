import { GraphInputError } from './errors';

/** A mailbox: `'me'` (the signed-in user, delegated only) or a user id / UPN (a person or shared mailbox). */
export type Mailbox = 'me' | (string & {});

/** The Graph path prefix for a mailbox: `/me` or `/users/{id}`. */
export function mailboxPath(mailbox: Mailbox): string {
  if (mailbox === 'me') return '/me';
  if (!/^[^/\s?#]+$/.test(mailbox)) {
    throw new GraphInputError('mailbox', `"${mailbox}" is not a mailbox: give "me", a user id (GUID) or an address such as sen-team@council.gov.uk.`);
  }
  return `/users/${encodeURIComponent(mailbox)}`;
}
