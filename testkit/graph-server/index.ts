/** Local stand-ins for Microsoft Graph and Entra ID, for tests and benchmarks. */
export { type FaultAction, FaultInjector, type FaultRule, type FaultTarget } from './faults';
export {
  type GraphTestServer,
  type GraphTestServerOptions,
  MAX_BATCH_REQUESTS,
  MAX_CHUNK_BYTES,
  MAX_REQUEST_BYTES,
  type RecordedRequest,
  startGraphTestServer,
} from './graphServer';
export { type IdentityTestServer, type IdentityTestServerOptions, startIdentityTestServer, type TestTenant, type TestTenantApp } from './identityServer';
export { UPLOAD_SESSION_MAX_BYTES, UPLOAD_SESSION_MIN_BYTES } from './outlookRoutes';
export { routeFetch } from './routeFetch';
export { GraphTestState, type SeedDrive, type SeedDriveItem, type SeedTeamsApp, type SeedAttendanceRecord, type SeedUser, type SentMail, type StoredOnlineMeeting } from './state';
export { type TestTokenClaims, TestTokenSigner } from './tokens';
