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

export interface OpenLoopOptions {
  /** Requests offered a second, on a fixed schedule whatever the answers do. */
  rate: number;
  seconds: number;
  expectStatus: number;
}

export interface OpenLoopFigures extends LoadFigures {
  offered: number;
}

/**
 * Open-loop load: request `i` is due at `start + i / rate` and is sent then (or as soon as
 * the generator can, if it fell behind), and its latency counts from that scheduled start,
 * not from the moment it was sent, so a slow answer cannot hide the queue behind it
 * (coordinated omission). `perSecond` is the answered rate.
 */
export async function runOpenLoop(send: (i: number) => Promise<HttpAnswer>, options: OpenLoopOptions): Promise<OpenLoopFigures> {
  const total = Math.max(1, Math.round(options.rate * options.seconds));
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait >= 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(
      send(i).then(
        (answer) => {
          latencies.push(performance.now() - due);
          if (answer.status !== options.expectStatus) {
            errors++;
            firstError ??= `${answer.status} ${answer.text.slice(0, 300)}`;
          }
        },
        (error: unknown) => {
          errors++;
          firstError ??= (error as Error).message;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { offered: options.rate, requests: latencies.length, errors, firstError, seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), perSecond: latencies.length / seconds };
}
