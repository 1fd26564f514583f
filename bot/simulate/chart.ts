import { steps } from './engine';
import type { RunMetrics } from './metrics';
import type { SimulationReport } from './simulate';

/** The four timeliness figures a manager reports, in the order the chart and table show them. */
export const headlineFigures: { key: keyof RunMetrics; label: string }[] = [
  { key: 'concludedWithin12Months', label: 'Reviews concluded within 12 months' },
  { key: 'reportsWithin2Weeks', label: 'Reports within 2 weeks of the meeting' },
  { key: 'decisionsWithin4Weeks', label: 'Decisions within 4 weeks of the meeting' },
  { key: 'amendedPlansInTime', label: 'Amended plans finalised in time' },
];

export function figure(m: RunMetrics, key: keyof RunMetrics): number {
  return (m[key] as { share: number }).share;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const pct = (x: number) => `${Math.round(x * 100)}%`;

const COLOURS = { baseline: '#6b6b6b', product: '#0f6cbd' };

/**
 * A chart a manager can put in a report, as a standalone SVG (no fonts or scripts to
 * fetch): the four timeliness figures without and with the product as paired bars with
 * their values written on them, and the weekly number of reviews waiting at any step
 * for both runs. It has a title and description for screen readers, and its colours
 * pass WCAG contrast against white.
 */
export function simulationChartSvg(report: SimulationReport): string {
  const width = 880;
  const barTop = 90;
  const rowHeight = 56;
  const labelWidth = 300;
  const barMax = width - labelWidth - 80;
  const rows = headlineFigures.map((f, i) => {
    const y = barTop + i * rowHeight;
    const b = figure(report.baseline, f.key);
    const p = figure(report.product, f.key);
    return `
  <text x="20" y="${y + 22}" font-size="14" fill="#242424">${escapeXml(f.label)}</text>
  <rect x="${labelWidth}" y="${y + 4}" width="${Math.max(1, b * barMax).toFixed(1)}" height="20" fill="${COLOURS.baseline}"/>
  <text x="${labelWidth + b * barMax + 6}" y="${y + 19}" font-size="13" fill="#242424">${pct(b)}</text>
  <rect x="${labelWidth}" y="${y + 26}" width="${Math.max(1, p * barMax).toFixed(1)}" height="20" fill="${COLOURS.product}"/>
  <text x="${labelWidth + p * barMax + 6}" y="${y + 41}" font-size="13" fill="#242424">${pct(p)}</text>`;
  });

  const lineTop = barTop + headlineFigures.length * rowHeight + 70;
  const lineHeight = 220;
  const plotLeft = 70;
  const plotWidth = width - plotLeft - 40;
  const total = (w: SimulationReport['backlog']['baseline'][number]) => steps.reduce((n, s) => n + w.waiting[s], 0);
  const series = (['baseline', 'product'] as const).map((run) => report.backlog[run].map(total));
  const maxY = Math.max(1, ...series.flat());
  const weeks = Math.max(1, ...series.map((s) => s.length - 1));
  const point = (i: number, v: number) => `${(plotLeft + (i / weeks) * plotWidth).toFixed(1)},${(lineTop + lineHeight - (v / maxY) * lineHeight).toFixed(1)}`;
  const lines = (['baseline', 'product'] as const)
    .map((run, k) => `<polyline fill="none" stroke="${COLOURS[run]}" stroke-width="2.5" points="${(series[k] as number[]).map((v, i) => point(i, v)).join(' ')}"/>`)
    .join('\n  ');
  const ticks = [0, 0.5, 1]
    .map((f) => {
      const v = Math.round(maxY * f);
      const y = lineTop + lineHeight - f * lineHeight;
      return `<line x1="${plotLeft}" y1="${y}" x2="${plotLeft + plotWidth}" y2="${y}" stroke="#d1d1d1"/><text x="${plotLeft - 8}" y="${y + 4}" font-size="12" text-anchor="end" fill="#242424">${v}</text>`;
    })
    .join('\n  ');
  const firstWeek = report.backlog.baseline[0]?.weekStarting ?? report.parameters.from;
  const lastWeek = report.backlog.baseline.at(-1)?.weekStarting ?? report.parameters.to;
  const height = lineTop + lineHeight + 60;
  const b = report.baseline;
  const p = report.product;
  const desc = `${report.plans} plans, ${report.parameters.from} to ${report.parameters.to}, seed ${report.seed}. ${headlineFigures
    .map((f) => `${f.label}: ${pct(figure(b, f.key))} without the product, ${pct(figure(p, f.key))} with it`)
    .join('. ')}.`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="title desc" font-family="Segoe UI, Helvetica, Arial, sans-serif">
  <title id="title">EHCP annual reviews: a council's year without and with EHCP Review Assistant</title>
  <desc id="desc">${escapeXml(desc)}</desc>
  <rect width="100%" height="100%" fill="#ffffff"/>
  <text x="20" y="34" font-size="20" font-weight="600" fill="#242424">Annual reviews on time: without and with the product</text>
  <text x="20" y="58" font-size="13" fill="#424242">${escapeXml(`Simulated: ${report.plans} plans, ${report.parameters.from} to ${report.parameters.to}, seed ${report.seed}, ${report.parameters.council.officers} officers`)}</text>
  <rect x="${labelWidth}" y="66" width="14" height="14" fill="${COLOURS.baseline}"/><text x="${labelWidth + 20}" y="78" font-size="13" fill="#242424">Without (today's practice)</text>
  <rect x="${labelWidth + 220}" y="66" width="14" height="14" fill="${COLOURS.product}"/><text x="${labelWidth + 240}" y="78" font-size="13" fill="#242424">With reminders and compliant booking</text>
  ${rows.join('')}
  <text x="20" y="${lineTop - 24}" font-size="16" font-weight="600" fill="#242424">Reviews waiting at any step, week by week</text>
  ${ticks}
  ${lines}
  <text x="${plotLeft}" y="${lineTop + lineHeight + 22}" font-size="12" fill="#242424">${firstWeek}</text>
  <text x="${plotLeft + plotWidth}" y="${lineTop + lineHeight + 22}" font-size="12" text-anchor="end" fill="#242424">${lastWeek}</text>
</svg>
`;
}
