import { type Random, standardNormal } from './random';

/**
 * A delay (in days) or a count drawn at random. Written in parameter files as text a
 * manager can read and change: `fixed(3)`, `uniform(0, 10)`, `normal(14, 5)`,
 * `lognormal(10, 30)` (median 10, 90th percentile 30: the usual shape of "how long
 * people take", a long tail of the very late), `exponential(7)` (mean 7).
 */
export type Distribution =
  | { kind: 'fixed'; value: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'normal'; mean: number; sd: number }
  | { kind: 'lognormal'; median: number; p90: number }
  | { kind: 'exponential'; mean: number };

/** A distribution text that does not parse, or whose numbers make no sense. */
export class DistributionError extends Error {
  constructor(text: string, why: string) {
    super(`"${text}" is not a distribution: ${why}; write one of fixed(x), uniform(min, max), normal(mean, sd), lognormal(median, p90), exponential(mean)`);
    this.name = 'DistributionError';
  }
}

const arity: Record<Distribution['kind'], number> = { fixed: 1, uniform: 2, normal: 2, lognormal: 2, exponential: 1 };
const Z90 = 1.2815515655446004;

/**
 * Parses a distribution's text form.
 * @example parseDistribution('lognormal(10, 30)') //=> { kind: 'lognormal', median: 10, p90: 30 }
 */
export function parseDistribution(text: string): Distribution {
  const m = /^\s*([a-z]+)\s*\(([^()]*)\)\s*$/.exec(text);
  if (!m) throw new DistributionError(text, 'it should look like name(numbers)');
  const kind = m[1] as Distribution['kind'];
  if (!(kind in arity)) throw new DistributionError(text, `"${m[1]}" is not a known distribution`);
  const parts = (m[2] as string).split(',').map((s) => s.trim());
  const nums = parts.map(Number);
  if (parts.length !== arity[kind] || parts.some((p) => p === '') || nums.some((n) => !Number.isFinite(n))) {
    throw new DistributionError(text, `${kind} takes ${arity[kind]} number${arity[kind] > 1 ? 's' : ''}`);
  }
  const [a, b] = nums as [number, number];
  switch (kind) {
    case 'fixed':
      return { kind, value: a };
    case 'uniform':
      if (b < a) throw new DistributionError(text, 'max is below min');
      return { kind, min: a, max: b };
    case 'normal':
      if (b < 0) throw new DistributionError(text, 'sd is negative');
      return { kind, mean: a, sd: b };
    case 'lognormal':
      if (a <= 0 || b < a) throw new DistributionError(text, 'the median must be above 0 and the 90th percentile at least the median');
      return { kind, median: a, p90: b };
    case 'exponential':
      if (a <= 0) throw new DistributionError(text, 'the mean must be above 0');
      return { kind, mean: a };
  }
}

/** The text form, so parameters print back as they were written. */
export function formatDistribution(d: Distribution): string {
  switch (d.kind) {
    case 'fixed':
      return `fixed(${d.value})`;
    case 'uniform':
      return `uniform(${d.min}, ${d.max})`;
    case 'normal':
      return `normal(${d.mean}, ${d.sd})`;
    case 'lognormal':
      return `lognormal(${d.median}, ${d.p90})`;
    case 'exponential':
      return `exponential(${d.mean})`;
  }
}

/** One draw. */
export function sample(d: Distribution, r: Random): number {
  switch (d.kind) {
    case 'fixed':
      return d.value;
    case 'uniform':
      return d.min + (d.max - d.min) * r.next();
    case 'normal':
      return d.mean + d.sd * standardNormal(r);
    case 'lognormal':
      return d.median * Math.exp((Math.log(d.p90 / d.median) / Z90) * standardNormal(r));
    case 'exponential':
      return -d.mean * Math.log(1 - r.next());
  }
}

/** A draw rounded to whole days, never below `min` (default 0). */
export function sampleDays(d: Distribution, r: Random, min = 0): number {
  return Math.max(min, Math.round(sample(d, r)));
}

/**
 * The same shape with every delay multiplied by `factor`: how a "first look twice as
 * fast" (factor 0.5) is written.
 * @example scaleDistribution({ kind: 'lognormal', median: 14, p90: 50 }, 0.5) //=> { kind: 'lognormal', median: 7, p90: 25 }
 */
export function scaleDistribution(d: Distribution, factor: number): Distribution {
  const f = (x: number) => Math.round(x * factor * 100) / 100;
  switch (d.kind) {
    case 'fixed':
      return { kind: 'fixed', value: f(d.value) };
    case 'uniform':
      return { kind: 'uniform', min: f(d.min), max: f(d.max) };
    case 'normal':
      return { kind: 'normal', mean: f(d.mean), sd: f(d.sd) };
    case 'lognormal':
      return { kind: 'lognormal', median: Math.max(0.01, f(d.median)), p90: Math.max(0.01, f(d.p90)) };
    case 'exponential':
      return { kind: 'exponential', mean: Math.max(0.01, f(d.mean)) };
  }
}
