import type { GraphTestState, SeedUser } from './state';
import type { TestTokenClaims } from './tokens';
import { graphErrorBody } from './http';

/** Who is calling, from the verified token. */
export interface Caller {
  claims: TestTokenClaims;
  isApp: boolean;
  appId: string;
  /** Object id of the signed-in user (delegated tokens only). */
  userId?: string;
  permissions: Set<string>;
}

/** Server-wide settings route handlers read. */
export interface ServerPolicy {
  /** Exchange RBAC for Applications: mailboxes (id or UPN) each app id may reach. Absent: all. */
  mailboxScopes: Record<string, string[]>;
  /** Shared mailboxes (id or UPN) each user id may send as. */
  sendAs: Record<string, string[]>;
  /** Sites.Selected grants: site ids each app id may read and write. */
  siteGrants: Record<string, string[]>;
  /** Reads of a new Teams meeting before its join URL appears. */
  joinUrlDelayReads: number;
  /** Default page size for collections without `$top`. */
  pageSize: number;
}

/** One request as a route handler sees it (top-level or inside `$batch`). */
export interface Ctx {
  method: string;
  /** Path after `/v1.0`, without query, e.g. `/users/abc/events`. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  json: unknown;
  /** The body as sent (file content for uploads); absent inside `$batch`. */
  raw?: Buffer;
  caller: Caller;
  /** `http://127.0.0.1:port` of this server. */
  origin: string;
  state: GraphTestState;
  policy: ServerPolicy;
}

/** What a handler answers. */
export interface Out {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A Graph error answer. */
export function fail(status: number, code: string, message: string): Out {
  return { status, body: graphErrorBody(code, message) };
}

/** A JSON answer. */
export function ok(status: number, body?: unknown, headers?: Record<string, string>): Out {
  return { status, ...(body !== undefined ? { body } : {}), ...(headers ? { headers } : {}) };
}

/** Plain object check for request bodies. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True if the caller holds any of `perms` (roles for app tokens, scp for user tokens). */
export function holds(caller: Caller, ...perms: string[]): boolean {
  return perms.some((p) => caller.permissions.has(p));
}

/** Rejects properties Graph does not know on a type, as Graph does (`RequestBodyRead`). */
export function unknownProperty(body: Record<string, unknown>, allowed: readonly string[], type: string): Out | undefined {
  for (const key of Object.keys(body)) {
    if (key.startsWith('@odata.')) continue;
    if (!allowed.includes(key)) {
      return fail(400, 'RequestBodyRead', `The property '${key}' does not exist on type 'microsoft.graph.${type}'. Make sure to only use property names that are defined by the type or mark the type as open type.`);
    }
  }
  return undefined;
}

/**
 * Resolves `/me` or `/users/{id}` to a mailbox the caller may use with `permission`:
 * delegated callers reach only their own mailbox (unless `allowShared` permits a send-as
 * mailbox); app callers need the role and, when the tenant set a scope, a mailbox in it.
 */
export function resolveMailbox(
  ctx: Ctx,
  who: string,
  permission: string,
  options: { sharedPermission?: string } = {},
): SeedUser | Out {
  let user: SeedUser | undefined;
  if (who === 'me') {
    if (ctx.caller.isApp) return fail(400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
    user = ctx.caller.userId ? ctx.state.findUser(ctx.caller.userId) : undefined;
  } else {
    user = ctx.state.findUser(who);
  }
  if (!user) return fail(404, 'ErrorInvalidUser', `The requested user '${decodeURIComponent(who)}' is invalid.`);
  const denied = fail(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
  if (ctx.caller.isApp) {
    if (!holds(ctx.caller, permission)) return denied;
    const scope = ctx.policy.mailboxScopes[ctx.caller.appId];
    if (scope && !scope.some((m) => m.toLowerCase() === user.id.toLowerCase() || m.toLowerCase() === user.userPrincipalName.toLowerCase())) {
      return denied;
    }
    return user;
  }
  if (user.id === ctx.caller.userId) return holds(ctx.caller, permission) ? user : denied;
  if (options.sharedPermission && holds(ctx.caller, options.sharedPermission)) {
    const rights = ctx.policy.sendAs[ctx.caller.userId ?? ''] ?? [];
    if (rights.some((m) => m.toLowerCase() === user.id.toLowerCase() || m.toLowerCase() === user.userPrincipalName.toLowerCase())) return user;
    return fail(403, 'ErrorSendAsDenied', 'The user account which was used to submit this request does not have the right to send mail on behalf of the specified sending account.');
  }
  return denied;
}

/** Keeps `id`, OData annotations and the `$select`ed properties. */
export function applySelect(item: Record<string, unknown>, query: URLSearchParams): Record<string, unknown> {
  const select = query.get('$select');
  if (!select) return item;
  const wanted = new Set(select.split(',').map((s) => s.trim()));
  return Object.fromEntries(Object.entries(item).filter(([k]) => k === 'id' || k.startsWith('@odata.') || wanted.has(k)));
}

/**
 * One page of `items` with `@odata.nextLink` when more remain. The skip token is opaque
 * base64 (as in Graph); the link repeats the other query options.
 */
export function page(ctx: Ctx, items: Record<string, unknown>[], contextUrl: string): Out {
  const top = Number(ctx.query.get('$top') ?? ctx.policy.pageSize);
  if (!Number.isInteger(top) || top < 1 || top > 999) return fail(400, 'BadRequest', `Invalid page size specified: '${ctx.query.get('$top')}'. Must be between 1 and 999 inclusive.`);
  const token = ctx.query.get('$skiptoken');
  let offset = 0;
  if (token) {
    const decoded = Number(Buffer.from(token, 'base64url').toString('utf8').replace(/^offset:/, ''));
    if (!Number.isInteger(decoded) || decoded < 0) return fail(400, 'BadRequest', 'The $skiptoken is invalid.');
    offset = decoded;
  }
  const slice = items.slice(offset, offset + top).map((i) => applySelect(i, ctx.query));
  const body: Record<string, unknown> = { '@odata.context': contextUrl, value: slice };
  if (offset + top < items.length) {
    const next = new URLSearchParams(ctx.query);
    next.set('$skiptoken', Buffer.from(`offset:${offset + top}`).toString('base64url'));
    body['@odata.nextLink'] = `${ctx.origin}/v1.0${ctx.path}?${next.toString().replace(/%24/g, '$')}`;
  }
  return ok(200, body);
}

/** Parses `prop eq 'value'` (with OData's doubled single quotes); undefined if not that form. */
export function parseEqFilter(filter: string, property: string): string | undefined {
  const match = new RegExp(`^\\s*${property.replace('/', '\\/')}\\s+eq\\s+'((?:[^']|'')*)'\\s*$`).exec(filter);
  return match?.[1]?.replace(/''/g, "'");
}
