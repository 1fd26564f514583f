import { GraphClientError, GraphError } from '@microsoft/microsoft-graph-client';
import { IdentityError } from '../identity/errors';
import { redactText } from '../log/redact';

/** Stable codes for failed Graph calls. */
export type GraphCallErrorCode =
  /** 401: Graph rejected the token. */
  | 'graph-unauthorized'
  /** 403: the app or user lacks a permission; the message names it. */
  | 'graph-forbidden'
  | 'graph-not-found'
  /** 409/412: the item changed or already exists. */
  | 'graph-conflict'
  /** 400/416/422: Graph refused the request's shape; the message carries Graph's reason. */
  | 'graph-bad-request'
  /** 413, or a file beyond the 150 MB attachment limit. */
  | 'graph-too-large'
  /** 429/503 still failing after the retry budget, or Retry-After beyond what we wait. */
  | 'graph-throttled'
  /** 5xx or a network failure that retries did not cure. */
  | 'graph-unavailable'
  /** A non-idempotent request was cut off in transit: Graph may or may not have acted. */
  | 'graph-outcome-unknown'
  /** Graph answered with a body we could not understand. */
  | 'graph-invalid-response'
  | 'graph-failed';

/** What a Graph call was doing, for messages that say what to fix. */
export interface GraphOperation {
  /** Plain words, e.g. "create the review meeting". */
  readonly name: string;
  /** Least-privilege permissions this call needs. */
  readonly permissions: { readonly delegated?: string; readonly application?: string };
}

/** Facts carried by a {@link GraphCallError}. */
export interface GraphCallErrorDetails {
  operation: string;
  status?: number;
  /** Graph's own error code, e.g. `ErrorAccessDenied`. */
  graphCode?: string;
  requestId?: string;
  retryAfterSeconds?: number;
  /** The permission to grant, for `graph-forbidden`. */
  permission?: string;
}

/** A failed Graph call with a stable code and a message a person can act on. */
export class GraphCallError extends Error {
  constructor(
    readonly code: GraphCallErrorCode,
    message: string,
    readonly details: GraphCallErrorDetails,
  ) {
    super(message);
    this.name = 'GraphCallError';
  }

  /** True when the same call may succeed later without change. */
  get retryable(): boolean {
    return this.code === 'graph-throttled' || this.code === 'graph-unavailable';
  }
}

/** Why the transport gave up before Graph answered. */
export type TransportFailureKind = 'identity' | 'network' | 'timeout' | 'outcome-unknown';

/**
 * An error raised inside the middleware chain. It extends the SDK's `GraphClientError`
 * because `GraphRequest.send` rethrows those unchanged, whereas anything else is flattened
 * into a `GraphError` and its type (and an `IdentityError` inside it) would be lost.
 */
export class GraphTransportError extends GraphClientError {
  constructor(
    readonly kind: TransportFailureKind,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    // GraphClientError resets the prototype to its own; restore the subclass.
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = 'GraphTransportError';
  }
}

/** Who is calling, so a 403 names the right permission type. */
export interface CallerContext {
  mode: 'app' | 'delegated';
  tenantId?: string;
  adminConsentUrl?: string;
}

/**
 * Maps whatever a Graph call threw to the error the caller should see: the original
 * `IdentityError` for token problems, otherwise a {@link GraphCallError}.
 */
export function toCallError(error: unknown, op: GraphOperation, caller: CallerContext): Error {
  if (error instanceof GraphCallError || error instanceof IdentityError || error instanceof GraphInputError) return error;
  if (error instanceof GraphTransportError) {
    if (error.kind === 'identity' && error.cause instanceof IdentityError) return error.cause;
    if (error.kind === 'outcome-unknown') {
      return new GraphCallError(
        'graph-outcome-unknown',
        `The connection to Microsoft Graph was lost while trying to ${op.name}; it may or may not have happened. Check before trying again.`,
        { operation: op.name },
      );
    }
    return new GraphCallError(
      'graph-unavailable',
      `Microsoft Graph could not be reached to ${op.name} (${error.kind === 'timeout' ? 'timed out' : 'network failure'}); try again later.`,
      { operation: op.name },
    );
  }
  if (error instanceof GraphError) return fromStatus(error, op, caller);
  const message = error instanceof Error ? redactText(error.message) : String(error);
  return new GraphCallError('graph-failed', `Could not ${op.name}: ${message}`, { operation: op.name });
}

function fromStatus(error: GraphError, op: GraphOperation, caller: CallerContext): GraphCallError {
  const status = error.statusCode;
  const graphCode = typeof error.code === 'string' ? error.code : undefined;
  const requestId = typeof error.requestId === 'string' ? error.requestId : undefined;
  const reason = redactText(error.message || '').slice(0, 300);
  const base: GraphCallErrorDetails = {
    operation: op.name,
    status,
    ...(graphCode ? { graphCode } : {}),
    ...(requestId ? { requestId } : {}),
  };
  const said = reason ? ` Graph said: ${reason}` : '';
  switch (true) {
    case status === 401:
      return new GraphCallError('graph-unauthorized', `Microsoft Graph rejected the access token while trying to ${op.name}.${said}`, base);
    case status === 403: {
      const permission = caller.mode === 'app' ? op.permissions.application : op.permissions.delegated;
      const kind = caller.mode === 'app' ? 'application' : 'delegated';
      const where = caller.tenantId ? ` in tenant ${caller.tenantId}` : '';
      const grant = permission
        ? ` An administrator must grant the ${kind} permission ${permission}${where}${caller.adminConsentUrl ? ` (${caller.adminConsentUrl})` : ''}, and, if the tenant narrows it with Exchange RBAC for Applications or Sites.Selected, include this mailbox or site.`
        : '';
      return new GraphCallError('graph-forbidden', `Microsoft Graph refused to ${op.name}.${grant}${said}`, {
        ...base,
        ...(permission ? { permission } : {}),
      });
    }
    case status === 404:
      return new GraphCallError('graph-not-found', `Could not ${op.name}: Microsoft Graph found no such item.${said}`, base);
    case status === 409 || status === 412:
      return new GraphCallError('graph-conflict', `Could not ${op.name}: the item changed or already exists.${said}`, base);
    case status === 413:
      return new GraphCallError('graph-too-large', `Could not ${op.name}: the request is too large for Microsoft Graph.${said}`, base);
    case status === 429 || status === 503: {
      const retryAfter = retryAfterOf(error);
      return new GraphCallError(
        'graph-throttled',
        `Microsoft Graph is throttling requests to ${op.name}; try again${retryAfter !== undefined ? ` in ${retryAfter} s` : ' later'}.`,
        { ...base, ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}) },
      );
    }
    case status >= 500:
      return new GraphCallError('graph-unavailable', `Microsoft Graph failed to ${op.name} (HTTP ${status}); try again later.${said}`, base);
    case status >= 400:
      return new GraphCallError('graph-bad-request', `Microsoft Graph refused to ${op.name}.${said}`, base);
    default:
      return new GraphCallError('graph-failed', `Could not ${op.name}.${said}`, base);
  }
}

function retryAfterOf(error: GraphError): number | undefined {
  const value = error.headers?.get('Retry-After');
  if (!value) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) ? seconds : undefined;
}

/** Bad input to one of our Graph functions, caught before anything is sent. */
export class GraphInputError extends Error {
  readonly code = 'invalid-input';

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'GraphInputError';
  }
}

/** Maps a status, Graph error body and headers (from a raw response or a batch step) like a direct call. */
export function callErrorFromParts(
  status: number,
  body: { code?: string; message?: string },
  headers: Headers,
  op: GraphOperation,
  caller: CallerContext,
): Error {
  const error = new GraphError(status, body.message ?? '');
  error.code = body.code ?? null;
  error.headers = headers;
  return toCallError(error, op, caller);
}

/**
 * Builds the caller-facing error for a raw `Response` that is not OK (used where the SDK's
 * response handling is bypassed: raw downloads and upload URLs).
 */
export async function callErrorFromResponse(response: Response, op: GraphOperation, caller: CallerContext): Promise<Error> {
  let body: { code?: string; message?: string } = {};
  try {
    const json = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    body = {
      ...(typeof json.error?.code === 'string' ? { code: json.error.code } : {}),
      ...(typeof json.error?.message === 'string' ? { message: json.error.message } : {}),
    };
  } catch {
    // Not JSON: the status alone has to do.
  }
  return callErrorFromParts(response.status, body, response.headers, op, caller);
}
