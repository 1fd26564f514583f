import { Button, Field, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../api/client';
import { type Step, steps } from '../api/types';
import { formatDate, stepNames } from '../components/format';
import { Pager } from '../components/Pager';
import { type Sort, SortHeader } from '../components/SortHeader';
import { Figure, Status } from '../components/Status';
import { useLoad } from '../components/useLoad';

type TodaySort = 'due' | 'school' | 'officer' | 'step' | 'reference';
const PAGE_SIZE = 20;

/** Reviews overdue at each step, who owns the next action, filters and a nudge for each. */
export function TodayView(props: { api: ApiClient }) {
  const [step, setStep] = useState<Step | ''>('');
  const [school, setSchool] = useState('');
  const [officer, setOfficer] = useState('');
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
  const nudge = async (reviewId: string) => {
    try {
      const result = await props.api.nudge(reviewId);
      const who = result.recipientRole === 'senco' ? 'the SENCO' : 'the case officer';
      setNudged((n) => ({ ...n, [reviewId]: result.queued ? `Reminder queued for ${who}` : `Already queued for ${who}` }));
    } catch (e) {
      setNudged((n) => ({ ...n, [reviewId]: (e as Error).message }));
    }
  };
  return (
    <section aria-labelledby="today-heading">
      <h2 id="today-heading">Overdue today</h2>
      <Status loaded={report} label="overdue reviews">
        {(data) => (
          <>
            <ul className="figures" aria-label="Overdue reviews at each step">
              {steps.map((s) => (
                <li key={s}>
                  <Figure label={stepNames[s]} value={data.counts[s]} testId={`count-${s}`} />
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
            <Table sortable aria-label="Overdue reviews" size="small">
              <TableHeader>
                <TableRow>
                  <SortHeader column="reference" sort={sort} onSort={setSort}>
                    Child
                  </SortHeader>
                  <SortHeader column="step" sort={sort} onSort={setSort}>
                    Step
                  </SortHeader>
                  <SortHeader column="due" sort={sort} onSort={setSort}>
                    Was due
                  </SortHeader>
                  <TableHeaderCell>Days late</TableHeaderCell>
                  <SortHeader column="school" sort={sort} onSort={setSort}>
                    School
                  </SortHeader>
                  <SortHeader column="officer" sort={sort} onSort={setSort}>
                    Case officer
                  </SortHeader>
                  <TableHeaderCell>Next action by</TableHeaderCell>
                  <TableHeaderCell>Chase</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.items.map((r) => (
                  <TableRow key={r.reviewId} data-review={r.reviewId}>
                    <TableCell>{r.child}</TableCell>
                    <TableCell>{stepNames[r.step]}</TableCell>
                    <TableCell>{formatDate(r.due)}</TableCell>
                    <TableCell>{r.daysOverdue}</TableCell>
                    <TableCell>{r.school.name ?? '—'}</TableCell>
                    <TableCell>{r.officer.name ?? 'Unassigned'}</TableCell>
                    <TableCell>{r.owner.name}</TableCell>
                    <TableCell>
                      {nudged[r.reviewId] ? (
                        <span role="status">{nudged[r.reviewId]}</span>
                      ) : (
                        <Button size="small" onClick={() => nudge(r.reviewId)} aria-label={`Nudge about ${r.child}`}>
                          Nudge
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Pager label="Overdue reviews" page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />
          </>
        )}
      </Status>
    </section>
  );
}
