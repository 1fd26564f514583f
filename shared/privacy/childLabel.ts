/**
 * How a child is named outside the case record: Teams messages, cards, email subjects, logs,
 * the advice pages and the names of files we store. Only initials and the council's
 * reference, never the full name or the date of birth (UK GDPR art. 5(1)(c), data
 * minimisation: a message read over someone's shoulder identifies no child).
 */

/**
 * The initials of a name, each followed by a full stop; hyphenated parts count as names.
 *
 * @example childInitials('Amara Bello') //=> 'A.B.'
 * @example childInitials('  jean-luc  o’neill ') //=> 'J.L.O.'
 */
export function childInitials(name: string): string {
  const parts = name
    .normalize('NFC')
    .split(/[\s\-‐-―]+/)
    .map((p) => p.replace(/^[^\p{L}\p{N}]+/u, ''))
    .filter(Boolean);
  return parts.map((p) => `${[...p][0]?.toLocaleUpperCase('en-GB')}.`).join('');
}

/**
 * The label a child goes by outside the case record.
 *
 * @example childLabel('Amara Bello', 'DEMO-0007') //=> 'A.B. (DEMO-0007)'
 */
export function childLabel(name: string, laReference: string): string {
  const initials = childInitials(name);
  return initials ? `${initials} (${laReference})` : laReference;
}
