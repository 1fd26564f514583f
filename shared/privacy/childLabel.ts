/**
 * How a child is named outside the case record: Teams messages and cards, email subjects
 * and logs carry only the initials and the council's reference, never the full name or
 * the date of birth (UK GDPR data minimisation, Art. 5(1)(c)). Everything that leaves the
 * store for a chat goes through these two functions.
 */

/**
 * The initials of a name: the first letter of each part, upper-cased, each followed by a
 * full stop. Hyphenated and apostrophised parts count once ("Mary-Jane O'Neil" is "M.O.").
 *
 * @example childInitials('Ada Example') // 'A.E.'
 * @example childInitials('  ') // '?'
 */
export function childInitials(name: string): string {
  const letters = name
    .trim()
    .split(/\s+/)
    .map((part) => part.match(/\p{L}|\p{N}/u)?.[0])
    .filter((c): c is string => c !== undefined);
  return letters.length ? letters.map((c) => `${c.toLocaleUpperCase('en-GB')}.`).join('') : '?';
}

/**
 * The label a chat message or card uses for a child: initials and council reference.
 *
 * @example childLabel('Ada Example', 'DEMO-0007') // 'A.E. (DEMO-0007)'
 */
export function childLabel(name: string, laReference: string): string {
  return `${childInitials(name)} (${laReference})`;
}
