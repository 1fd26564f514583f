import type { NextFunction, Request, Response } from 'express';
import { type FieldProblem, InvalidInputError } from '../store/errors';

/** Deepest a JSON body is walked; the 1 MB body limit keeps it small anyway. */
const MAX_DEPTH = 32;

/** Every string in `value` holding a NUL byte (PostgreSQL text cannot store one), named by its path. */
export function nulFields(value: unknown, field: string, out: FieldProblem[] = [], depth = 0): FieldProblem[] {
  if (out.length >= 20 || depth > MAX_DEPTH) return out;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push({ field: field || 'body', message: 'contains a NUL character (\\u0000); remove it' });
  } else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) nulFields(v, field ? `${field}.${i}` : String(i), out, depth + 1);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      nulFields(k, field ? `${field}.${k}` : k, out, depth + 1);
      nulFields(v, field ? `${field}.${k}` : k, out, depth + 1);
    }
  }
  return out;
}

/**
 * Refuses, as a 400 naming the field, a query parameter or JSON body value with a NUL byte:
 * the store cannot hold one, and without this check it failed as a 500 deep inside a query.
 * Mounted on /api after the JSON parser (CSV imports check their cells line by line).
 */
export function refuseNulBytes(req: Request, _res: Response, next: NextFunction): void {
  const problems = [...nulFields(req.query, ''), ...nulFields(req.path, 'path')];
  if (req.body !== undefined && typeof req.body === 'object') problems.push(...nulFields(req.body, ''));
  next(problems.length ? new InvalidInputError(problems) : undefined);
}

/**
 * A bounded, escaped form of text that may hold a caller's input, for a log line: control
 * characters shown as escapes (no forged log lines), and at most `max` characters.
 *
 * @example forLog('a\nb\u0000') //=> 'a\\nb\\u0000'
 */
export function forLog(text: string, max = 200): string {
  const escaped = JSON.stringify(text.length > max * 2 ? text.slice(0, max * 2) : text).slice(1, -1);
  return escaped.length > max ? `${escaped.slice(0, max)}…(${text.length} characters)` : escaped;
}
