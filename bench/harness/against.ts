/**
 * What a figure is set against, printed beside it: a target (from the issue or the README),
 * or a baseline measured in the same run on the same machine (the machine is shared, so a
 * figure from another run says little). The ratio is the figure over the target or baseline.
 */

const fmt = (x: number, unit: string) =>
  `${x.toLocaleString('en-GB', { maximumFractionDigits: x < 10 ? 2 : x < 100 ? 1 : 0 })}${unit ? ` ${unit}` : ''}`;

/**
 * `[target: p99 under 100 ms; 0.43 of it, met]`. `better` says which side of the target is
 * good: 'lower' for a time or a size, 'higher' for a rate or a ratio.
 *
 * @example againstTarget(43, { what: 'p99 under', value: 100, unit: 'ms' }) //=> '[target: p99 under 100 ms; ratio 0.43, met]'
 */
export function againstTarget(figure: number, target: { what: string; value: number; unit?: string; better?: 'lower' | 'higher' }): string {
  const better = target.better ?? 'lower';
  const met = better === 'lower' ? figure <= target.value : figure >= target.value;
  const ratio = figure / target.value;
  return `[target: ${target.what} ${fmt(target.value, target.unit ?? '')}; ratio ${Number.isFinite(ratio) ? ratio.toFixed(2) : '-'}, ${met ? 'met' : 'NOT met'}]`;
}

/**
 * `[baseline, same run: GET /healthz 2,100 req/s; ratio 0.40]`, optionally with the goal
 * for the ratio: `[...; ratio 0.40, goal at least 0.5: NOT met]`.
 */
export function againstBaseline(figure: number, baseline: { what: string; value: number; unit?: string; goal?: number; better?: 'lower' | 'higher' }): string {
  const ratio = figure / baseline.value;
  const shown = Number.isFinite(ratio) ? ratio.toFixed(2) : '-';
  const goal =
    baseline.goal === undefined
      ? ''
      : `, goal ${(baseline.better ?? 'higher') === 'higher' ? 'at least' : 'at most'} ${baseline.goal}: ${((baseline.better ?? 'higher') === 'higher' ? ratio >= baseline.goal : ratio <= baseline.goal) ? 'met' : 'NOT met'}`;
  return `[baseline, same run: ${baseline.what} ${fmt(baseline.value, baseline.unit ?? '')}; ratio ${shown}${goal}]`;
}

/**
 * `[a month ago, same machine: 991 req/s; ratio 0.70]`: a figure from an earlier run (the
 * issue's), where the old code cannot run beside the new; weaker than a same-run baseline.
 */
export function againstEarlier(figure: number, earlier: { what: string; value: number; unit?: string }): string {
  const ratio = figure / earlier.value;
  return `[earlier run (${earlier.what}): ${fmt(earlier.value, earlier.unit ?? '')}; ratio ${Number.isFinite(ratio) ? ratio.toFixed(2) : '-'}]`;
}
