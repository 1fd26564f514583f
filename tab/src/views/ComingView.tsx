import { Link, Radio, RadioGroup } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../api/client';
import { formatDate, stepNames } from '../components/format';
import { DataTable } from '../components/DataTable';
import type { Sort } from '../components/SortHeader';
import type { ComingReview, PhaseTransfer } from '../api/types';
import { Figure, Status } from '../components/Status';
import { useLoad } from '../components/useLoad';

const PAGE_SIZE = 20;
const statusText = { 'on-track': 'On track', 'at-risk': 'At risk', done: 'Done' } as const;

/** Once the "meet by" day has passed the transfer is late, not merely at risk: say so. */
function transferStatus(t: PhaseTransfer, today: string): string {
  if (t.status !== 'done' && t.latestMeetingDate < today) return `Late: the meeting should have been by ${formatDate(t.latestMeetingDate)}`;
  return statusText[t.status];
}

/** Reviews whose deadline is 4, 8 or 12 weeks away, and the phase transfers ahead with their Reg 18 dates. */
export function ComingView(props: { api: ApiClient; today: string }) {
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
            <DataTable<ComingReview, 'deadline' | 'school' | 'reference'>
              label={`Reviews due within ${weeks} weeks`}
              rows={data.items}
              rowKey={(r) => r.reviewId}
              rowData={(r) => ({ 'data-booked': r.meetingDate ? 'yes' : 'no' })}
              sort={sort}
              onSort={setSort}
              paging={{ page: data.page, pageSize: data.pageSize, total: data.total, onPage: setPage }}
              columns={[
                { header: 'Child', sort: 'reference', id: 'child', cell: (r) => <Link href={`#/reviews/${encodeURIComponent(r.reviewId)}`}>{r.child}</Link> },
                { header: 'Review deadline', sort: 'deadline', cell: (r) => formatDate(r.reviewDeadline) },
                { header: 'Latest meeting date', cell: (r) => formatDate(r.latestMeetingDate) },
                { header: 'Meeting', cell: (r) => (r.meetingDate ? formatDate(r.meetingDate) : <strong className="not-booked">Not booked</strong>) },
                { header: 'Waiting for', cell: (r) => stepNames[r.step] },
                { header: 'School', sort: 'school', cell: (r) => r.school.name ?? '—' },
              ]}
            />
          </>
        )}
      </Status>
      <h3 id="transfers-heading">Phase transfers</h3>
      <p className="note">Reviewed and any amendment finalised before 15 February of the year of transfer between school phases, before 31 March for secondary to post-16 (SEND Regulations 2014, reg 18).</p>
      <Status loaded={transfers} label="phase transfers">
        {(data) => (
          <>
            <DataTable<PhaseTransfer>
              label="Phase transfers"
              labelledBy="transfers-heading"
              rows={data.items}
              rowKey={(t) => t.laReference}
              paging={{ page: data.page, pageSize: data.pageSize, total: data.total, onPage: setTransferPage }}
              columns={[
                { header: 'Child', id: 'child', cell: (t) => (t.reviewId ? <Link href={`#/reviews/${encodeURIComponent(t.reviewId)}`}>{t.child}</Link> : t.child) },
                { header: 'Transfer', cell: (t) => formatDate(t.transferDate) },
                { header: 'Finalise by', cell: (t) => formatDate(t.deadline) },
                { header: 'Rule', id: 'rule', cell: (t) => t.rule },
                { header: 'Meet by', cell: (t) => formatDate(t.latestMeetingDate) },
                { header: 'Status', cell: (t) => transferStatus(t, props.today) },
              ]}
            />
          </>
        )}
      </Status>
    </section>
  );
}
