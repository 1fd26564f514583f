/**
 * Redaction of secrets from anything that may reach a log line.
 *
 * Tokens travel through error messages (MSAL puts request bodies in some), URLs (upload
 * sessions carry `authtoken=` in the query) and headers. Rather than trusting every call
 * site to leave them out, every logger line passes through here.
 */

const REDACTED = '[redacted]';

/** Field names whose values are secrets wherever they appear (compared case-insensitively). */
const SECRET_KEYS = new Set([
  'authorization',
  'access_token',
  'accesstoken',
  'refresh_token',
  'refreshtoken',
  'id_token',
  'idtoken',
  'client_secret',
  'clientsecret',
  'client_assertion',
  'clientassertion',
  'assertion',
  'oboassertion',
  'authtoken',
  'tempauth',
  'password',
  'privatekey',
  'private_key',
  'secret',
  'token',
  'usertoken',
]);

const KEY_ALTERNATION =
  'access_token|refresh_token|id_token|client_secret|client_assertion|assertion|authtoken|tempauth|password|code';

/** `eyJ...` three-part (or two-part, unsigned) JWTs. */
const JWT = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*)?/g;
/** `Bearer <anything up to whitespace or a quote>`. */
const BEARER = /\b(Bearer)\s+[^\s"',]+/gi;
/** `key=value` in query strings and form bodies. */
const FORM_PAIR = new RegExp(`\\b(${KEY_ALTERNATION})=([^&\\s"']+)`, 'gi');
/** `"key": "value"` in JSON text embedded in messages. */
const JSON_PAIR = new RegExp(`("(?:${KEY_ALTERNATION}|accessToken|clientSecret)"\\s*:\\s*)"[^"]*"`, 'gi');

/**
 * Removes bearer tokens, JWTs and secret-valued `key=value` / `"key":"value"` pairs from text.
 *
 * @example redactText('Authorization: Bearer eyJhbGciOi...') // 'Authorization: Bearer [redacted]'
 */
export function redactText(text: string): string {
  return text
    .replace(BEARER, `$1 ${REDACTED}`)
    .replace(JWT, '[redacted-jwt]')
    .replace(FORM_PAIR, `$1=${REDACTED}`)
    .replace(JSON_PAIR, `$1"${REDACTED}"`);
}

/**
 * Returns a deep copy of `value` fit for logging: secret-named fields replaced, strings
 * passed through {@link redactText}, errors reduced to name/code/message, cycles cut.
 */
export function redactValue(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') {
    return typeof value === 'bigint' || typeof value === 'symbol' || typeof value === 'function' ? String(value) : value;
  }
  if (seen.has(value) || depth > 6) return '[omitted]';
  seen.add(value);
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return {
      name: value.name,
      ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
      message: redactText(value.message),
    };
  }
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEYS.has(key.toLowerCase()) ? REDACTED : redactValue(item, depth + 1, seen);
  }
  return out;
}

/** A URL without its password or query (which can carry one), for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    parsed.search = '';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
