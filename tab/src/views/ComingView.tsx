import { Radio, RadioGroup, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../api/client';
import { formatDate, stepNames } from '../components/format';
import { Pager } from '../components/Pager';
import { type Sort, SortHeader } from '../components/SortHeader';
import { Figure, Status } from '../components/Status';
import { useLoad } from '../components/useLoad';

const PAGE_SIZE = 20;
const statusText = { 'on-track': 'On track', 'at-risk': 'At risk', done: 'Done' } as const;

/** Reviews whose deadline is 4, 8 or 12 weeks away, and the phase transfers ahead with their Reg 18 dates. */
export function ComingView(props: { api: ApiClient }) {
  const [weeks, setWeeks] = useState<4 | 8 | 12>(4);
  const [sort, setSort] = useState<Sort<'deadline' | 'school' | 'reference'>>({ key: 'deadline', dir: 'asc' });
  const [page, setPage] = useState(1);
  const [transferPage, setTransferPage] = useState(1);
  const coming = useLoad(() => props.api.coming({ weeks, sort: sort.key, dir: sort.dir, page, pageSize: PAGE_SIZE }), [weeks, sort.key, sort.dir, page]);
  const transfers = useLoad(() => props.api.transfers({ page: transferPage, pageSize: PAGE_SIZE }), [transferPage]);
  return (
    <section aria-labelledby="coming-heading">
      <h2 id="coming-heading">Coming up</h2>
      <Status loaded={coming} label="reviews coming up">
        {(data) => (
          <>
            <ul className="figures" aria-label="Reviews due">
              <li>
                <Figure label="due within 4 weeks" value={data.counts.within4Weeks} testId="within-4" />
              </li>
              <li>
                <Figure label="due within 8 weeks" value={data.counts.within8Weeks} testId="within-8" />
              </li>
              <li>
                <Figure label="due within 12 weeks" value={data.counts.within12Weeks} testId="within-12" />
              </li>
            </ul>
            <RadioGroup
              layout="horizontal"
              aria-label="Show reviews due within"
              value={String(weeks)}
              onChange={(_, d) => {
                setWeeks(Number(d.value) as 4 | 8 | 12);
                setPage(1);
              }}
            >
              <Radio value="4" label="4 weeks" />
              <Radio value="8" label="8 weeks" />
              <Radio value="12" label="12 weeks" />
            </RadioGroup>
            <Table sortable aria-label={`Reviews due within ${weeks} weeks`} size="small">
              <TableHeader>
                <TableRow>
                  <SortHeader column="reference" sort={sort} onSort={setSort}>
                    Child
                  </SortHeader>
                  <SortHeader column="deadline" sort={sort} onSort={setSort}>
                    Review deadline
                  </SortHeader>
                  <TableHeaderCell>Latest meeting date</TableHeaderCell>
                  <TableHeaderCell>Meeting</TableHeaderCell>
                  <TableHeaderCell>Waiting for</TableHeaderCell>
                  <SortHeader column="school" sort={sort} onSort={setSort}>
                    School
                  </SortHeader>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.items.map((r) => (
                  <TableRow key={r.reviewId}>
                    <TableCell>{r.child}</TableCell>
                    <TableCell>{formatDate(r.reviewDeadline)}</TableCell>
                    <TableCell>{formatDate(r.latestMeetingDate)}</TableCell>
                    <TableCell>{r.meetingDate ? formatDate(r.meetingDate) : 'Not booked'}</TableCell>
                    <TableCell>{stepNames[r.step]}</TableCell>
                    <TableCell>{r.school.name ?? '—'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Pager label="Reviews coming up" page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />
          </>
        )}
      </Status>
      <h3 id="transfers-heading">Phase transfers</h3>
      <p className="note">Reviewed and any amendment finalised before 15 February of the year of transfer between school phases, before 31 March for secondary to post-16 (SEND Regulations 2014, reg 18).</p>
      <Status loaded={transfers} label="phase transfers">
        {(data) => (
          <>
            <Table aria-labelledby="transfers-heading" size="small">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Child</TableHeaderCell>
                  <TableHeaderCell>Transfer</TableHeaderCell>
                  <TableHeaderCell>Finalise by</TableHeaderCell>
                  <TableHeaderCell>Rule</TableHeaderCell>
                  <TableHeaderCell>Meet by</TableHeaderCell>
                  <TableHeaderCell>Status</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.items.map((t) => (
                  <TableRow key={t.laReference}>
                    <TableCell>{t.child}</TableCell>
                    <TableCell>{formatDate(t.transferDate)}</TableCell>
                    <TableCell>{formatDate(t.deadline)}</TableCell>
                    <TableCell>{t.rule}</TableCell>
                    <TableCell>{formatDate(t.latestMeetingDate)}</TableCell>
                    <TableCell>{statusText[t.status]}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Pager label="Phase transfers" page={data.page} pageSize={data.pageSize} total={data.total} onPage={setTransferPage} />
          </>
        )}
      </Status>
    </section>
  );
}
