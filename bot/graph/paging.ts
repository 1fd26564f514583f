import { z } from 'zod';
import type { GraphClient } from './client';
import { GraphCallError, type GraphOperation } from './errors';

const pageSchema = z.object({ value: z.array(z.unknown()), '@odata.nextLink': z.string().optional() });

/**
 * Follows `@odata.nextLink` from `path`, yielding each page's items parsed with `item`.
 * Stops after `maxPages` (default 1000) so a server that never stops paging cannot loop us.
 */
export async function* pages<T>(
  gc: GraphClient,
  op: GraphOperation,
  path: string,
  item: z.ZodType<T>,
  options: { maxPages?: number; headers?: Record<string, string> } = {},
): AsyncGenerator<T[]> {
  let next: string | undefined = path;
  const maxPages = options.maxPages ?? 1000;
  for (let n = 0; next !== undefined; n++) {
    if (n >= maxPages) {
      throw new GraphCallError('graph-failed', `Stopped after ${maxPages} pages while trying to ${op.name}.`, { operation: op.name });
    }
    const current: string = next;
    const raw = await gc.call(op, (sdk) => sdk.api(current).headers(options.headers ?? {}).get());
    const parsed = pageSchema.safeParse(raw);
    if (!parsed.success) throw invalid(op, 'a page without a value array');
    const items = parsed.data.value.map((v) => {
      const one = item.safeParse(v);
      if (!one.success) throw invalid(op, `an item that does not match: ${one.error.issues[0]?.message ?? 'bad shape'}`);
      return one.data;
    });
    yield items;
    const link = parsed.data['@odata.nextLink'];
    next = link === undefined ? undefined : gc.relativePath(link, op);
  }
}

/** Collects every item from {@link pages}. */
export async function allPages<T>(gc: GraphClient, op: GraphOperation, path: string, item: z.ZodType<T>, options: { maxPages?: number } = {}): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages(gc, op, path, item, options)) out.push(...page);
  return out;
}

/** The error for a response that does not have the documented shape. */
export function invalid(op: GraphOperation, what: string): GraphCallError {
  return new GraphCallError('graph-invalid-response', `Microsoft Graph returned ${what} while trying to ${op.name}.`, { operation: op.name });
}
