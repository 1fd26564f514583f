import type { LoadFigures } from './load';

const n = (x: number, digits = 0) => x.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** "p50 1.9 ms  p99 7.4 ms  2,512 req/s (5,000 requests, 0 errors)" */
export function describeLoad(f: LoadFigures): string {
  const errors = f.errors ? `, ${n(f.errors)} ERRORS, first: ${f.firstError}` : ', 0 errors';
  return `p50 ${n(f.p50, 1).padStart(6)} ms  p99 ${n(f.p99, 1).padStart(6)} ms  ${n(f.perSecond).padStart(6)} req/s  (${n(f.requests)} requests in ${n(f.seconds, 1)} s${errors})`;
}

export function describeImport(plans: number, seconds: number): string {
  return `${n(seconds, 1)} s  (${n(plans / seconds)} plans/s)`;
}
