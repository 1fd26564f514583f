import { Button, Field, Link, Select, Switch } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../api/client';
import { type OverdueReview, type SignedIn, type Step, steps } from '../api/types';
import { DataTable } from '../components/DataTable';
import { formatDate, stepNames } from '../components/format';
import type { Sort } from '../components/SortHeader';
import { Status } from '../components/Status';
import { useLoad } from '../components/useLoad';
import { screenDay } from '../../../shared/calendar/formatDate';

type TodaySort = 'due' | 'school' | 'officer' | 'step' | 'reference';
const PAGE_SIZE = 20;
const councilSteps: ReadonlySet<Step> = new Set(['decision', 'amendment-notice', 'final-plan']);

/** What must be done: the viewer's cases first (an officer's own by default), tiles that filter, and each row's next action. */
export function TodayView(props: { api: ApiClient; signedIn: SignedIn }) {
  const officerSignedIn = props.signedIn.role === 'la-officer';
  const [step, setStep] = useState<Step | ''>('');
  const [school, setSchool] = useState('');
  const [officer, setOfficer] = useState(officerSignedIn ? String(props.signedIn.personId) : '');
  const [sort, setSort] = useState<Sort<TodaySort>>({ key: 'due', dir: 'asc' });
  const [page, setPage] = useState(1);
  const [nudged, setNudged] = useState<Record<string, string>>({});
  const filters = useLoad(() => props.api.filters(), []);
  const report = useLoad(
    () => props.api.today({ step, school, officer, sort: sort.key, dir: sort.dir, page, pageSize: PAGE_SIZE }),
    [step, school, officer, sort.key, sort.dir, page],
  );
  const filter = (set: (v: string) => void) => (value: string) => {
    set(value);
    setPage(1);
  };
  const nudge = async (r: OverdueReview) => {
    try {
      const result = await props.api.nudge(r.reviewId);
      const who = result.recipientRole === 'senco' ? 'the SENCO' : 'the case officer';
      setNudged((n) => ({ ...n, [r.reviewId]: result.queued ? `Reminder queued for ${who}` : `Already queued for ${who}` }));
    } catch (e) {
      setNudged((n) => ({ ...n, [r.reviewId]: (e as Error).message }));
    }
  };
  const mine = officerSignedIn && officer === String(props.signedIn.personId);
  const action = (r: OverdueReview) => {
    if (nudged[r.reviewId]) return <span role="status">{nudged[r.reviewId]}</span>;
    if (officerSignedIn && councilSteps.has(r.step) && r.owner.kind === 'council' && (r.officer.id === props.signedIn.personId || r.officer.id === null))
      return <Link href={`#/reviews/${encodeURIComponent(r.reviewId)}`}>{r.step === 'decision' ? 'Record decision' : `Do the ${stepNames[r.step].toLowerCase()}`}</Link>;
    const who = r.owner.kind === 'school' ? 'SENCO' : 'officer';
    return (
      <Button size="small" onClick={() => nudge(r)}>
        Nudge {who}
        <span className="visually-hidden"> about {r.child}</span>
        {r.lastNudgedOn ? ` · last ${screenDay(r.lastNudgedOn)}` : ''}
      </Button>
    );
  };
  return (
    <section aria-labelledby="today-heading">
      <h2 id="today-heading">{mine ? 'Your cases: what is late today' : 'What is late today'}</h2>
      {officerSignedIn && (
        <Switch
          label="Only my cases"
          checked={mine}
          onChange={(_, d) => filter(setOfficer)(d.checked ? String(props.signedIn.personId) : '')}
        />
      )}
      <Status loaded={report} label="overdue reviews">
        {(data) => (
          <>
            <ul className="figures" aria-label="Late at each step (choose one to show only those)">
              {steps.map((s) => (
                <li key={s}>
                  <button type="button" className="figure figure-button" data-testid={`count-${s}`} aria-pressed={step === s} onClick={() => filter((v) => setStep(v as Step | ''))(step === s ? '' : s)}>
                    <span className="figure-value">{data.counts[s]}</span>
                    <span className="figure-label">{stepNames[s]}</span>
                  </button>
                </li>
              ))}
            </ul>
            <div className="filters">
              <Field label="Step">
                <Select value={step} onChange={(_, d) => filter((v) => setStep(v as Step | ''))(d.value)}>
                  <option value="">Every step</option>
                  {steps.map((s) => (
                    <option key={s} value={s}>
                      {stepNames[s]}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label="School">
                <Select value={school} onChange={(_, d) => filter(setSchool)(d.value)}>
                  <option value="">Every school</option>
                  {filters.data?.schools.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label="Case officer">
                <Select value={officer} onChange={(_, d) => filter(setOfficer)(d.value)}>
                  <option value="">Every officer</option>
                  {filters.data?.officers.map((o) => (
                    <option key={o.id} value={String(o.id)}>
                      {o.name}
                    </option>
                  ))}
                  <option value="unassigned">Unassigned</option>
                </Select>
              </Field>
            </div>
            <DataTable<OverdueReview, TodaySort>
              label="Overdue reviews"
              rows={data.items}
              rowKey={(r) => r.reviewId}
              rowData={(r) => ({ 'data-review': r.reviewId })}
              sort={sort}
              onSort={setSort}
              paging={{ page: data.page, pageSize: data.pageSize, total: data.total, onPage: setPage }}
              columns={[
                { header: 'Child', sort: 'reference', id: 'child', cell: (r) => <Link href={`#/reviews/${encodeURIComponent(r.reviewId)}`}>{r.child}</Link> },
                { header: 'Step', sort: 'step', cell: (r) => stepNames[r.step] },
                { header: 'Was due', sort: 'due', cell: (r) => formatDate(r.due) },
                { header: 'Days late', cell: (r) => r.daysOverdue },
                { header: 'School', sort: 'school', id: 'school', cell: (r) => r.school.name ?? '—' },
                { header: 'Case officer', sort: 'officer', cell: (r) => r.officer.name ?? 'Unassigned' },
                { header: 'Next action by', cell: (r) => r.owner.name },
                { header: 'Your action', cell: action },
              ]}
            />
          </>
        )}
      </Status>
    </section>
  );
}
