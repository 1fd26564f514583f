import { headlineFigures, figure } from './chart';
import { formatDistribution } from './distributions';
import { steps } from './engine';
import { nationalBaseline2025, type SimulationParameters } from './parameters';
import type { SimulationReport } from './simulate';

/** The parameters as a file would give them (distributions as text), so output can be fed back in. */
export function parametersAsWritten(p: SimulationParameters): Record<string, unknown> {
  return {
    ...p,
    delays: Object.fromEntries(Object.entries(p.delays).map(([k, d]) => [k, formatDistribution(d)])),
    reminders: { ...p.reminders, response: formatDistribution(p.reminders.response) },
  };
}

/** `--format json`: the keys the README documents. */
export function reportJson(r: SimulationReport): Record<string, unknown> {
  const [halved, doubled] = r.sensitivity;
  return {
    seed: r.seed,
    plans: r.plans,
    period: { from: r.parameters.from, to: r.parameters.to },
    parameters: parametersAsWritten(r.parameters),
    nationalBaseline2025,
    runs: {
      baseline: r.baseline,
      product: r.product,
      productEffectHalved: halved && { actProbability: halved.actProbability, ...halved.product },
      productEffectDoubled: doubled && { actProbability: doubled.actProbability, ...doubled.product },
    },
    backlog: r.backlog,
    officersNeeded: r.officersNeeded,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const padLeft = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

/** `--format table`: what a manager reads at a terminal. */
export function reportTable(r: SimulationReport): string {
  const [halved, doubled] = r.sensitivity;
  const runs = [
    { name: 'WITHOUT', m: r.baseline },
    { name: 'WITH', m: r.product },
    { name: `EFFECT x0.5`, m: halved?.product },
    { name: `EFFECT x2`, m: doubled?.product },
  ].filter((x) => x.m !== undefined) as { name: string; m: SimulationReport['baseline'] }[];
  const w = 44;
  const col = 12;
  const lines: string[] = [];
  lines.push(`EHCP annual reviews simulated: ${r.plans} plans, ${r.parameters.from} to ${r.parameters.to}, seed ${r.seed}, ${r.parameters.council.officers} officers`);
  lines.push(`Reminder effect (chance one reminder makes its recipient act): ${r.parameters.reminders.actProbability}; halved ${halved?.actProbability}, doubled ${doubled?.actProbability}`);
  lines.push('');
  lines.push(pad('', w) + runs.map((x) => padLeft(x.name, col)).join(''));
  for (const f of headlineFigures) lines.push(pad(f.label, w) + runs.map((x) => padLeft(pct(figure(x.m, f.key)), col)).join(''));
  lines.push(pad('Invitations with two weeks\u2019 notice', w) + runs.map((x) => padLeft(pct(x.m.invitationsWithNotice.share), col)).join(''));
  lines.push('');
  lines.push(`Expected reviews (deadline in the period): ${r.baseline.expectedReviews}. As DfE counts them:`);
  lines.push(pad('', w) + padLeft('WITHOUT', col) + padLeft('WITH', col) + padLeft('DfE 2025', col));
  const n = nationalBaseline2025;
  lines.push(pad('Completed in the period', w) + padLeft(pct(r.baseline.dfe.completedInPeriod), col) + padLeft(pct(r.product.dfe.completedInPeriod), col) + padLeft(pct(n.completedInYear), col));
  lines.push(pad('Not completed', w) + padLeft(pct(r.baseline.dfe.notCompleted), col) + padLeft(pct(r.product.dfe.notCompleted), col) + padLeft(pct(n.notCompleted), col));
  lines.push(pad('Decisions within 4 weeks of the meeting', w) + padLeft(pct(r.baseline.decisionsWithin4Weeks.share), col) + padLeft(pct(r.product.decisionsWithin4Weeks.share), col) + padLeft(pct(n.decisionsWithin4Weeks), col));
  lines.push('');
  lines.push('Backlog: reviews waiting at each step (average over the weeks / peak)');
  lines.push(pad('', w) + padLeft('WITHOUT', col * 1.5) + padLeft('WITH', col * 1.5));
  for (const s of steps) {
    const stat = (run: 'baseline' | 'product') => {
      const v = r.backlog[run].map((b) => b.waiting[s]);
      const avg = v.length ? v.reduce((a, b) => a + b, 0) / v.length : 0;
      return `${Math.round(avg)} / ${Math.max(0, ...v)}`;
    };
    lines.push(pad(s, w) + padLeft(stat('baseline'), col * 1.5) + padLeft(stat('product'), col * 1.5));
  }
  lines.push('');
  if (r.officersNeeded) {
    for (const run of ['baseline', 'product'] as const) {
      const o = r.officersNeeded[run];
      const label = run === 'baseline' ? 'Without the product' : 'With the product';
      lines.push(
        o.officers !== null
          ? `${label}: ${o.officers} officers make 95% of decisions within 4 weeks (${pct(o.decisionsWithin4Weeks)}).`
          : `${label}: ${o.limit}.`,
      );
    }
  } else lines.push('Officer search skipped (--no-officer-search).');
  return `${lines.join('\n')}\n`;
}
