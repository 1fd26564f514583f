import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../api/client';
import { formatDate } from '../components/format';
import { Pager } from '../components/Pager';
import { Status } from '../components/Status';
import { useLoad } from '../components/useLoad';

const PAGE_SIZE = 20;

/** Open cases and decisions due this week per case officer, and the reminders that could not be delivered. */
export function WorkloadView(props: { api: ApiClient }) {
  const [page, setPage] = useState(1);
  const workload = useLoad(() => props.api.workload(), []);
  const dead = useLoad(() => props.api.undelivered({ page, pageSize: PAGE_SIZE }), [page]);
  return (
    <section aria-labelledby="workload-heading">
      <h2 id="workload-heading">Workload</h2>
      <Status loaded={workload} label="workload">
        {(data) => (
          <>
            <p className="note">
              This week: {formatDate(data.week.from)} to {formatDate(data.week.to)}.
            </p>
            <Table aria-label="Cases per officer" size="small">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Case officer</TableHeaderCell>
                  <TableHeaderCell>Open cases</TableHeaderCell>
                  <TableHeaderCell>Overdue</TableHeaderCell>
                  <TableHeaderCell>Decisions due this week</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.officers.map((o) => (
                  <TableRow key={o.officerId ?? 'unassigned'}>
                    <TableCell>{o.name}</TableCell>
                    <TableCell>{o.openCases}</TableCell>
                    <TableCell>{o.overdue}</TableCell>
                    <TableCell>{o.decisionsDueThisWeek}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </>
        )}
      </Status>
      <h3 id="undelivered-heading">Reminders that could not be delivered</h3>
      <Status loaded={dead} label="undelivered reminders">
        {(data) =>
          data.total === 0 ? (
            <p data-testid="undelivered-none">Every reminder so far has been delivered.</p>
          ) : (
            <>
              <Table aria-labelledby="undelivered-heading" size="small">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>Child</TableHeaderCell>
                    <TableHeaderCell>Reminder</TableHeaderCell>
                    <TableHeaderCell>To</TableHeaderCell>
                    <TableHeaderCell>Due to send</TableHeaderCell>
                    <TableHeaderCell>Attempts</TableHeaderCell>
                    <TableHeaderCell>Last error</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {data.items.map((r) => (
                    <TableRow key={r.id}>
                      <TableCell>{r.child}</TableCell>
                      <TableCell>{r.kind}</TableCell>
                      <TableCell>{r.recipientRole}</TableCell>
                      <TableCell>{formatDate(r.sendOn)}</TableCell>
                      <TableCell>{r.attempts}</TableCell>
                      <TableCell>{r.lastError ?? '—'}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              <Pager label="Undelivered reminders" page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />
            </>
          )
        }
      </Status>
    </section>
  );
}
