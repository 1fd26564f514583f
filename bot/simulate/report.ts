import { headlineFigures, figure } from './chart';
import { dfeDefinitions, dfeTargets2025 } from './dfeFigures';
import { formatDistribution } from './distributions';
import { steps } from './engine';
import type { DfeFigures } from './metrics';
import type { SimulationParameters } from './parameters';
import type { SimulationReport } from './simulate';
import { leverLabels, targets } from './smallestChanges';

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
  const named = (parameter: string, factor: number) => {
    const s = r.sensitivity.find((x) => x.parameter === parameter && x.factor === factor);
    return s && { value: s.value, ...s.product };
  };
  return {
    seed: r.seed,
    plans: r.plans,
    period: { from: r.parameters.from, to: r.parameters.to },
    parameters: parametersAsWritten(r.parameters),
    dfe2025: { ...dfeTargets2025, definitions: dfeDefinitions },
    calibration: r.calibration && { fitted: r.calibration.fitted, figures: r.calibration.figures, tolerance: r.calibration.tolerance },
    runs: {
      baseline: r.baseline,
      product: r.product,
      productEffectHalved: named('reminders.actProbability', 0.5),
      productEffectDoubled: named('reminders.actProbability', 2),
      reportsInMeetingHalved: named('product.reportsInMeeting', 0.5),
      reportsInMeetingDoubled: named('product.reportsInMeeting', 2),
    },
    backlog: r.backlog,
    smallestChanges: r.changes,
    officerRange: r.officerRange,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const padLeft = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

/** `--format table`: what a manager reads at a terminal. */
export function reportTable(r: SimulationReport): string {
  const p = r.parameters;
  const label = (x: SimulationReport['sensitivity'][number]) => `${x.parameter === 'reminders.actProbability' ? 'EFFECT' : 'IN MTG'} x${x.factor}`;
  const runs = [{ name: 'WITHOUT', m: r.baseline }, { name: 'WITH', m: r.product }, ...r.sensitivity.map((x) => ({ name: label(x), m: x.product }))];
  const w = 44;
  const col = 12;
  const lines: string[] = [];
  lines.push(`EHCP annual reviews simulated: ${r.plans} plans, ${p.from} to ${p.to}, seed ${r.seed}, ${p.council.officers} officers`);
  lines.push(`Assumptions shown halved and doubled: reminder effect (chance one reminder makes its recipient act) ${p.reminders.actProbability}; reports submitted in the meeting ${p.product.reportsInMeeting}`);
  lines.push('');
  lines.push(pad('', w) + runs.map((x) => padLeft(x.name, col)).join(''));
  for (const f of headlineFigures) lines.push(pad(f.label, w) + runs.map((x) => padLeft(pct(figure(x.m, f.key)), col)).join(''));
  lines.push(pad('Invitations with two weeks\u2019 notice', w) + runs.map((x) => padLeft(pct(x.m.invitationsWithNotice.share), col)).join(''));
  lines.push('');
  if (r.calibration) {
    lines.push(`Calibrated to the council's figures (baseline, every plan; within ${pct(r.calibration.tolerance)} counts as fitted):`);
    for (const f of r.calibration.figures) lines.push(`  ${pad(f.figure, 16)} ${padLeft(pct(f.target), 7)} -> ${padLeft(pct(f.fitted), 7)}  ${f.withinTolerance ? 'fitted' : `NOT FITTED: ${f.why}`}`);
    const fit = r.calibration.fitted;
    lines.push(`  using probabilities.bookedEarly ${fit['probabilities.bookedEarly']}, delays.booking x${fit['delays.booking x']}, delays.decisionPickup x${fit['delays.decisionPickup x']}`);
    lines.push('');
  }
  const t = dfeTargets2025.ages10to14;
  const dfeRows = (title: string, pick: (m: SimulationReport['baseline']) => DfeFigures, heading: string, target: (k: keyof typeof t) => string) => {
    lines.push(title);
    lines.push(pad('', w) + padLeft('WITHOUT', col) + padLeft('WITH', col) + padLeft(heading, col));
    const row = (name: string, k: keyof DfeFigures & keyof typeof t) => lines.push(pad(name, w) + padLeft(pct(pick(r.baseline)[k]), col) + padLeft(pct(pick(r.product)[k]), col) + padLeft(target(k), col));
    row('Completed in the period', 'completed');
    row('Completed before the period (early)', 'completedEarly');
    row('Not completed', 'notCompleted');
    row('Decisions within 4 weeks (of those completed)', 'decisions4w');
  };
  dfeRows(`Ages 10-14 (${r.baseline.dfeAges10to14.expected} expected reviews), as the DfE defines them:`, (m) => m.dfeAges10to14, 'DfE 2025', (k) => pct(t[k]));
  const allAges = dfeTargets2025.allAges;
  const headline = dfeTargets2025.briefHeadline;
  if (allAges) dfeRows(`Every plan (${r.baseline.expectedReviews} expected reviews), against the DfE's all-ages row:`, (m) => m.dfe, 'DfE 2025', (k) => pct(allAges[k]));
  else {
    // Not a DfE row: the brief's words, shown as what they say ("about", "under") and checked, not fitted.
    const said: Partial<Record<keyof typeof t, string>> = { notCompleted: `about ${pct(headline.notCompleted)}`, decisions4w: `under ${pct(headline.decisions4wBelow)}` };
    dfeRows(`Every plan (${r.baseline.expectedReviews} expected reviews), against the project brief's all-ages headline (not a DfE row):`, (m) => m.dfe, 'HEADLINE', (k) => said[k] ?? '');
    lines.push(`  HEADLINE: "${headline.words}", the brief's national 2025 figures; the DfE's all-ages row is to be entered in bot/simulate/dfeFigures.ts when obtained`);
  }
  lines.push(`Age 11 (Year 6, moving to secondary) completed early: ${pct(r.baseline.dfeAge11.completedEarly)} without, ${pct(r.product.dfeAge11.completedEarly)} with; DfE 2025 ${pct(dfeTargets2025.age11.completedEarly)}`);
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
  if (r.changes) {
    lines.push(`Smallest changes that reach each target with the product (same seed; now ${pct(r.changes.now.decisionsWithin4Weeks)} of decisions within 4 weeks, ${pct(r.changes.now.concludedWithin12Months)} of reviews concluded within 12 months):`);
    for (const target of targets) {
      lines.push(`  ${pct(target.share)} of ${target.label}:`);
      for (const row of r.changes.rows.filter((x) => x.target === target.key)) {
        const c = row.reached ?? row.strongest;
        const result = `${pct(c.metrics.decisionsWithin4Weeks)} / ${pct(c.metrics.concludedWithin12Months)}`;
        lines.push(`    ${pad(leverLabels[row.lever], 58)} ${pad(row.reached ? c.change : `not reached: ${c.change}`, 44)} ${result}`);
      }
    }
    lines.push('  (each result: decisions within 4 weeks / reviews concluded within 12 months, with that change)');
  } else lines.push('Smallest-changes search skipped (--no-search).');
  if (r.officerRange) {
    lines.push('');
    lines.push('Officers for 95% of decisions within 4 weeks, by the capacity assumed (the DfE figures fit each capacity with its own first look):');
    for (const o of r.officerRange) {
      const answer = o.officers !== null ? `${o.officers} officers` : o.consistent ? `not reached: ${o.why}` : `not consistent: ${o.why}`;
      lines.push(`  ${padLeft(String(o.decisionsPerOfficerWeek), 5)} decisions per officer-week, first look x${o.firstLookFactor}: ${answer}`);
    }
    const counts = r.officerRange.filter((o) => o.officers !== null).map((o) => o.officers as number);
    if (counts.length > 1) lines.push(`  so between ${Math.min(...counts)} and ${Math.max(...counts)} officers, depending on a capacity the published figures do not pin down; a council's own weekly decision count pins it.`);
  }
  return `${lines.join('\n')}\n`;
}
