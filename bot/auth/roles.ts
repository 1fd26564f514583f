/** The roles a member of an organisation can hold in the service. */
export const roles = ['senco', 'la-officer', 'la-manager', 'professional'] as const;

/** One of {@link roles}. */
export type Role = (typeof roles)[number];

/**
 * True when `value` is one of {@link roles}.
 *
 * @example isRole('senco') // true
 * @example isRole('admin') // false
 */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}
