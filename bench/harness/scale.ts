/**
 * `BENCH_SCALE` shrinks every benchmark's sizes (plans, requests, runs) by one factor, so a
 * test can run the whole of `npm run bench` in a minute and keep it from breaking; the
 * figures it then prints mean nothing. Unset, or 1, is the real benchmark.
 */
const raw = process.env.BENCH_SCALE;
const parsed = raw === undefined || raw === '' ? 1 : Number(raw);
if (!(parsed > 0 && parsed <= 1)) {
  throw new Error(`BENCH_SCALE is "${raw}": give a number above 0 and at most 1 (1 is the real benchmark, 0.001 a smoke run)`);
}
export const benchScale = parsed;

/** `n` times the scale, rounded, and never below `min` (a benchmark needs some work to time). */
export const scaled = (n: number, min = 1): number => Math.max(min, Math.round(n * benchScale));
