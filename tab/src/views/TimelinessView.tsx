import { GroupedVerticalBarChart, type GroupedVerticalBarChartData } from '@fluentui/react-charts';
import { DataTable } from '../components/DataTable';
import type { ApiClient } from '../api/client';
import { type Measure, measures, type Share, type Shares } from '../api/types';
import { formatDate, formatMonth, percent } from '../components/format';
import { Figure, Status } from '../components/Status';
import { useLoad } from '../components/useLoad';

const measureNames: Record<Measure, string> = {
  concludedIn12Months: 'Concluded within 12 months',
  reportsIn2Weeks: 'Reports within 2 weeks',
  decisionsIn4Weeks: 'Decisions within 4 weeks',
};
// Fluent's data-visualisation palette, dark enough against white for non-text contrast (WCAG 1.4.11).
const colours: Record<Measure, string> = { concludedIn12Months: '#0b6a0b', reportsIn2Weeks: '#0f6cbd', decisionsIn4Weeks: '#8764b8' };

/** "4 of 6 on time; 2 late, still open", or "Nothing was due" (no data, not 0%). */
export function shareText(s: Share): string {
  if (s.total === 0) return s.pending ? `Nothing due yet (${s.pending} pending)` : 'No data: nothing was due';
  const open = s.lateOpen ? `; ${s.lateOpen} late, still open` : '';
  return `${s.onTime} of ${s.total} on time${open}`;
}

// A month or school with nothing due draws no bar for that measure ("no data"), never a 0% bar.
function chartData(rows: ({ label: string } & Shares)[]): GroupedVerticalBarChartData[] {
  return rows.map((r) => ({
    name: r.label,
    series: measures
      .filter((m) => r[m].share !== null)
      .map((m) => ({ key: m, legend: measureNames[m], data: Math.round((r[m].share ?? 0) * 100), color: colours[m], yAxisCalloutData: `${percent(r[m].share)} (${shareText(r[m])})` })),
  }));
}

/**
 * A chart and, beside it, the same figures as a table. The chart is `inert`: a visual
 * duplicate of the table, which is what keyboard and screen-reader users get (Fluent's chart
 * adds focus-trap elements that are focusable yet hidden, WCAG 4.1.2).
 */
function ChartWithTable(props: { title: string; rows: ({ label: string } & Shares)[]; firstColumn: string; id: string }) {
  return (
    <div className="chart-with-table">
      <figure className="chart" inert>
        <GroupedVerticalBarChart
          chartTitle={props.title}
          data={chartData(props.rows)}
          height={300}
          width={560}
          yMaxValue={100}
          yAxisTickFormat={(v: number) => `${v}%`}
          yAxisTitle="On time (%)"
          hideLabels
          rotateXAxisLables
          hideTickOverlap={false}
          legendProps={{ enabledWrapLines: true }}
        />
      </figure>
      <DataTable<{ label: string } & Shares>
        label={`${props.title} (table)`}
        testId={props.id}
        rows={props.rows}
        rowKey={(r) => r.label}
        columns={[
          { header: props.firstColumn, cell: (r) => r.label },
          ...measures.map((m) => ({ header: measureNames[m], id: m, cell: (r: { label: string } & Shares) => (r[m].share === null ? shareText(r[m]) : `${percent(r[m].share)} (${shareText(r[m])})`) })),
        ]}
      />
    </div>
  );
}

/** On time over the last year: concluded within 12 months, reports within 2 weeks, decisions within 4 weeks. */
export function TimelinessView(props: { api: ApiClient }) {
  const trend = useLoad(() => props.api.timeliness(), []);
  return (
    <section aria-labelledby="timeliness-heading">
      <h2 id="timeliness-heading">Timeliness</h2>
      <Status loaded={trend} label="timeliness">
        {(data) => (
          <>
            <p className="note">
              {formatDate(data.from)} to {formatDate(data.to)}. {data.counting}
            </p>
            <ul className="figures" aria-label="The year on time">
              {measures.map((m) => (
                <li key={m}>
                  <Figure label={`${measureNames[m]}: ${shareText(data.overall[m])}`} value={percent(data.overall[m].share)} testId={`overall-${m}`} />
                </li>
              ))}
            </ul>
            <h3>By month</h3>
            <ChartWithTable title="On time by month" firstColumn="Month" id="by-month" rows={data.byMonth.map((m) => ({ ...m, label: formatMonth(m.month) }))} />
            <h3>By school</h3>
            <ChartWithTable title="On time by school" firstColumn="School" id="by-school" rows={data.bySchool.map((s) => ({ ...s, label: s.schoolName ?? 'No school recorded' }))} />
          </>
        )}
      </Status>
    </section>
  );
}
