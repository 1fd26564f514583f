/** Token acquisition for Microsoft Graph (app-only and on-behalf-of, many tenants) and safe logging. */
export { type IdentityErrorCode, type IdentityErrorDetails, IdentityError, isIdentityError } from './errors';
export { createJsonLogger, type JsonLoggerOptions, type LogFields, type Logger, silentLogger } from '../log/logger';
export { GRAPH_PERMISSIONS, type GraphPermission, type PermissionType, permissionNames } from './permissions';
export { redactText, redactValue } from '../log/redact';
export { type AccessToken, GRAPH_DEFAULT_SCOPE, type OnBehalfOfRequest, TokenBroker, type TokenBrokerOptions } from './tokenBroker';
