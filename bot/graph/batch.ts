import { z } from 'zod';
import type { GraphClient } from './client';
import { GraphCallError, GraphInputError, type GraphOperation } from './errors';
import { IdempotentRequest } from './middleware';
import { type AttemptFailure, isIdempotentMethod, isRetryable, retryDelayMs } from './retry';

/** Graph's cap on requests in one `$batch`. */
export const MAX_BATCH_REQUESTS = 20;
/** Graph rejects request bodies over 4 MB; batches are packed to stay under it. */
export const MAX_BATCH_BYTES = 4 * 1024 * 1024 - 16 * 1024;

/** One request inside a batch. `url` is relative to the version root, e.g. `/me/events/{id}/attachments`. */
export interface BatchStep {
  id: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Ids of steps that must succeed first (kept in the same batch). */
  dependsOn?: string[];
}

/** One step's answer. */
export interface BatchStepResult {
  id: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Options for {@link runBatch}. */
export interface BatchOptions {
  maxRequests?: number;
  maxBytes?: number;
  /** Called after each `$batch` round trip with the steps it carried. */
  onBatchSent?: (stepIds: string[]) => void;
}

const responseSchema = z.object({
  responses: z.array(
    z.object({
      id: z.string(),
      status: z.number(),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
    }),
  ),
});

function wireStep(step: BatchStep): Record<string, unknown> {
  const headers = { ...(step.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...step.headers };
  return {
    id: step.id,
    method: step.method,
    url: step.url,
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    ...(step.body !== undefined ? { body: step.body } : {}),
    ...(step.dependsOn?.length ? { dependsOn: step.dependsOn } : {}),
  };
}

/**
 * Splits steps into batches of at most `maxRequests` steps and `maxBytes` of JSON, keeping
 * steps linked by `dependsOn` together and in order. Pure.
 *
 * @example packBatches(thirtySmallSteps, 20, MAX_BATCH_BYTES).map((b) => b.length) // [20, 10]
 */
export function packBatches(steps: readonly BatchStep[], maxRequests = MAX_BATCH_REQUESTS, maxBytes = MAX_BATCH_BYTES): BatchStep[][] {
  const ids = new Set<string>();
  for (const s of steps) {
    if (ids.has(s.id)) throw new GraphInputError('steps', `batch step id "${s.id}" is used twice`);
    ids.add(s.id);
  }
  // Union steps joined by dependsOn into units that must travel together.
  const unitOf = new Map<string, BatchStep[]>();
  const units: BatchStep[][] = [];
  for (const step of steps) {
    let unit: BatchStep[] | undefined;
    for (const dep of step.dependsOn ?? []) {
      const found = unitOf.get(dep);
      if (!found) throw new GraphInputError('steps', `batch step "${step.id}" depends on "${dep}", which is not an earlier step`);
      if (unit && unit !== found) {
        unit.push(...found);
        for (const s of found) unitOf.set(s.id, unit);
        units.splice(units.indexOf(found), 1);
      } else unit = found;
    }
    if (!unit) {
      unit = [];
      units.push(unit);
    }
    unit.push(step);
    unitOf.set(step.id, unit);
  }
  const sizeOf = (s: BatchStep) => Buffer.byteLength(JSON.stringify(wireStep(s))) + 1;
  const envelope = Buffer.byteLength('{"requests":[]}');
  const batches: BatchStep[][] = [];
  let current: BatchStep[] = [];
  let bytes = envelope;
  for (const unit of units) {
    const unitBytes = unit.reduce((n, s) => n + sizeOf(s), 0);
    if (unit.length > maxRequests || envelope + unitBytes > maxBytes) {
      throw new GraphInputError('steps', `batch steps ${unit.map((s) => s.id).join(', ')} are too large to send in one batch (${unit.length} requests, ${unitBytes} bytes)`);
    }
    if (current.length + unit.length > maxRequests || bytes + unitBytes > maxBytes) {
      batches.push(current);
      current = [];
      bytes = envelope;
    }
    current.push(...unit);
    bytes += unitBytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * Sends `steps` through `$batch`, as few round trips as the limits allow. Steps answered
 * 429/503 inside a batch (Graph throttles per request even in a batch) are resent together
 * after the longest `Retry-After`, under the client's retry policy and budget. Returns every
 * step's final answer by id; failing steps are returned, not thrown.
 *
 * @throws GraphCallError for the batch request itself (e.g. `graph-outcome-unknown` when the
 *   connection dropped and some step was not idempotent).
 */
export async function runBatch(gc: GraphClient, op: GraphOperation, steps: readonly BatchStep[], options: BatchOptions = {}): Promise<Map<string, BatchStepResult>> {
  const results = new Map<string, BatchStepResult>();
  const byId = new Map(steps.map((s) => [s.id, s]));
  let pending = packBatches(steps, options.maxRequests, options.maxBytes);
  for (let round = 0; pending.length > 0; round++) {
    const retry: BatchStep[] = [];
    let longestWait = 0;
    for (const batch of pending) {
      const answered = await sendOne(gc, op, batch);
      options.onBatchSent?.(batch.map((s) => s.id));
      for (const r of answered) {
        const step = byId.get(r.id);
        if (!step) throw new GraphCallError('graph-invalid-response', `$batch answered an unknown request id "${r.id}" while trying to ${op.name}.`, { operation: op.name });
        results.set(r.id, r);
        const failure: AttemptFailure = { kind: 'status', status: r.status, retryAfter: r.headers['retry-after'] ?? null };
        const dependentsOk = (step.dependsOn ?? []).every((d) => (results.get(d)?.status ?? 500) < 400);
        // Only 429/503: Graph refused those steps without acting, whatever their method.
        const refused = r.status === 429 || r.status === 503;
        if (refused && dependentsOk && isRetryable(failure, { idempotent: isIdempotentMethod(step.method), replayable: true })) {
          const wait = retryDelayMs(failure, round + 1, gc.policy);
          if (wait !== undefined && round < gc.policy.maxRetries) {
            retry.push(step);
            longestWait = Math.max(longestWait, wait);
          }
        }
      }
      for (const s of batch) {
        if (!results.has(s.id)) throw new GraphCallError('graph-invalid-response', `$batch gave no answer for request id "${s.id}" while trying to ${op.name}.`, { operation: op.name });
      }
    }
    if (retry.length === 0) break;
    // Every resent step spends one retry from the client's shared budget.
    const granted = retry.filter(() => gc.policy.budget.tryRetry());
    if (granted.length === 0) break;
    gc.logger.warn('graph batch steps throttled, retrying', { operation: op.name, steps: granted.length, delayMs: longestWait, round: round + 1 });
    await gc.policy.sleep(longestWait);
    pending = packBatches(granted.map((s) => ({ ...s, dependsOn: (s.dependsOn ?? []).filter((d) => granted.some((g) => g.id === d)) })), options.maxRequests, options.maxBytes);
  }
  return results;
}

async function sendOne(gc: GraphClient, op: GraphOperation, batch: BatchStep[]): Promise<BatchStepResult[]> {
  const allIdempotent = batch.every((s) => isIdempotentMethod(s.method));
  const raw = await gc.call(op, (sdk) => {
    const request = sdk.api('/$batch');
    if (allIdempotent) request.middlewareOptions([new IdempotentRequest()]);
    return request.post({ requests: batch.map(wireStep) });
  });
  const parsed = responseSchema.safeParse(raw);
  if (!parsed.success) throw new GraphCallError('graph-invalid-response', `$batch returned an unexpected body while trying to ${op.name}.`, { operation: op.name });
  return parsed.data.responses.map((r) => ({
    id: r.id,
    status: r.status,
    headers: Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    body: r.body,
  }));
}
