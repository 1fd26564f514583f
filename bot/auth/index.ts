/**
 * Bearer-token authentication for the service: development tokens signed with a key kept
 * in the data directory, and Microsoft Entra ID access tokens. This module says who sent a
 * request; which organisation membership that identity has is the store's business.
 */
export { appRegistrationRoles, appRoles, rolesFromClaim } from './appRoles';
export { type DevKey, devKeyPath, loadOrCreateDevKey } from './devKey';
export { defaultDevTokenLifetimeSeconds, maxDevTokenLifetimeSeconds, type SignDevTokenOptions, signDevToken } from './devToken';
export { createDevVerifier } from './devVerifier';
export { createEntraVerifier, type EntraVerifierOptions } from './entraVerifier';
export { type AuthConfigErrorCode, AuthConfigError, type AuthErrorCode, AuthenticationError, AuthUnavailableError } from './errors';
export { isRole, type Role, roles } from './roles';
export type { TokenIdentity, TokenVerifier } from './tokenIdentity';
