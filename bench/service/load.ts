import type { HttpAnswer } from '../harness/http';

export interface LoadOptions {
  /** Clients sending at once, each waiting for its answer before the next request. */
  clients: number;
  /** Stop after this many requests... */
  requests: number;
  /** ...or after this long, whichever comes first. */
  maxSeconds: number;
  /** Status every answer should have; others are counted as errors. */
  expectStatus: number;
}

export interface LoadFigures {
  requests: number;
  errors: number;
  firstError?: string | undefined;
  seconds: number;
  p50: number;
  p99: number;
  perSecond: number;
}

/** Closed-loop load: `clients` loops each send request `i` (0, 1, 2… shared) and time it. */
export async function runLoad(send: (i: number) => Promise<HttpAnswer>, options: LoadOptions): Promise<LoadFigures> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  let firstError: string | undefined;
  const started = process.hrtime.bigint();
  const deadline = Date.now() + options.maxSeconds * 1000;
  await Promise.all(
    Array.from({ length: options.clients }, async () => {
      while (next < options.requests && Date.now() < deadline) {
        const i = next++;
        try {
          const answer = await send(i);
          latencies.push(answer.ms);
          if (answer.status !== options.expectStatus) {
            errors++;
            firstError ??= `${answer.status} ${answer.text.slice(0, 300)}`;
          }
        } catch (error) {
          errors++;
          firstError ??= (error as Error).message;
        }
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, errors, firstError, seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), perSecond: latencies.length / seconds };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] as number;
}
