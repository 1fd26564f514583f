/**
 * How a child is named where the full name must not appear: Teams messages, cards,
 * email subjects and logs carry only initials and the council's reference, never the
 * full name or date of birth (UK GDPR art. 5(1)(c), data minimisation). Letters and
 * documents addressed to the family may name the child in full.
 */

/**
 * The child's initials, one per part of the name, each followed by a full stop.
 * Hyphenated parts count as separate names; anything that is not a letter is ignored.
 *
 * @example childInitials('Ada Example') //=> 'A.E.'
 * @example childInitials('mary-jane  o’neil') //=> 'M.J.O.'
 */
export function childInitials(name: string): string {
  return name
    .split(/[\s-]+/)
    .map((part) => part.match(/\p{L}/u)?.[0])
    .filter((letter): letter is string => letter !== undefined)
    .map((letter) => `${letter.toLocaleUpperCase('en-GB')}.`)
    .join('');
}

/**
 * The label for a child where personal data must be kept to a minimum: initials and the
 * council reference.
 *
 * @example childLabel('Ada Example', 'DEMO-0007') //=> 'A.E. (DEMO-0007)'
 */
export function childLabel(name: string, laReference: string): string {
  const initials = childInitials(name);
  return initials ? `${initials} (${laReference})` : laReference;
}
