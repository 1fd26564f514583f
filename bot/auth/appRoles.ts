import type { Role } from './roles';

/**
 * The app roles defined in the API's Entra app registration (its `appRoles`), which each
 * tenant's administrator assigns to users or groups in Enterprise applications. Entra puts
 * the assigned roles' values in the access token's `roles` claim; the service maps them to
 * its own roles here. The ids are fixed so the registration's manifest can be pasted as is
 * (`npm run manifest` writes entra-app-roles.json beside the package).
 *
 * @see learn.microsoft.com/entra/identity-platform/howto-add-app-roles-in-apps
 */
export const appRoles: ReadonlyArray<{ role: Role; value: string; displayName: string; description: string; id: string }> = [
  { role: 'senco', value: 'SENCO', displayName: 'SENCO', description: "A school's SENCO: books reviews and records advice and the report for their school's children.", id: '5e2a7c1d-3b4f-4e6a-9d8c-1f2e3a4b5c01' },
  { role: 'la-officer', value: 'LA.Officer', displayName: 'LA SEND officer', description: "A council SEND officer: imports the caseload and records decisions for the council's reviews.", id: '5e2a7c1d-3b4f-4e6a-9d8c-1f2e3a4b5c02' },
  { role: 'la-manager', value: 'LA.Manager', displayName: 'LA SEND manager', description: "A council SEND manager: sees the council's timeliness and exports SEN2 figures.", id: '5e2a7c1d-3b4f-4e6a-9d8c-1f2e3a4b5c03' },
  { role: 'professional', value: 'Professional', displayName: 'Professional', description: 'A health, social care or educational psychology professional: sees and advises on the reviews they are invited to.', id: '5e2a7c1d-3b4f-4e6a-9d8c-1f2e3a4b5c04' },
];

/**
 * The service roles named by a token's `roles` claim, in the order of {@link appRoles}
 * (whatever order Entra lists them in, so a person holding two roles that fit one
 * organisation always acts in the same one); values that are not this app's roles
 * (another app's, or a misspelling) are ignored.
 *
 * @example rolesFromClaim(['LA.Manager', 'Something.Else', 'LA.Officer']) // ['la-officer', 'la-manager']
 */
export function rolesFromClaim(claim: unknown): Role[] {
  if (!Array.isArray(claim)) return [];
  return appRoles.filter((r) => claim.includes(r.value)).map((r) => r.role);
}

/** The `appRoles` array for the app registration's manifest (Microsoft Graph application format). */
export function appRegistrationRoles() {
  return appRoles.map((r) => ({ allowedMemberTypes: ['User'], description: r.description, displayName: r.displayName, id: r.id, isEnabled: true, value: r.value }));
}
