/**
 * How a child is named wherever the name could travel beyond the case record: Teams
 * messages, cards, email and meeting subjects, logs. Only initials and the council's
 * reference, never the full name or date of birth (UK GDPR art. 5(1)(c), data minimisation).
 */

/**
 * The child's initials, each followed by a full stop; hyphenated and apostrophised
 * name parts count as one word.
 *
 * @example childInitials('Amira Begum') //=> 'A.B.'
 * @example childInitials('  jean-luc  o\'neil ') //=> 'J.O.'
 */
export function childInitials(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((part) => `${(part.match(/\p{L}|\p{N}/u)?.[0] ?? '').toUpperCase()}.`)
    .filter((initial) => initial !== '.')
    .join('');
}

/**
 * The label for a child outside the case record: initials and council reference.
 *
 * @example childLabel('Amira Begum', 'DEMO-0007') //=> 'A.B. (DEMO-0007)'
 */
export function childLabel(name: string, laReference: string): string {
  const initials = childInitials(name);
  return initials ? `${initials} (${laReference})` : laReference;
}
