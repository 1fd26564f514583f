import { Button, Field, Input, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../api/client';
import { formatDate } from '../components/format';
import { Pager } from '../components/Pager';
import { Figure, Status } from '../components/Status';
import { useLoad } from '../components/useLoad';

const PAGE_SIZE = 20;
const outcomeNames = { M: 'M (maintain)', A: 'A (amend)', C: 'C (cease)' } as const;

/** The SEN2 annual-review items for a census date: rows, their count, the CSV, and the plans left out and why. */
export function Sen2View(props: { api: ApiClient; today: string }) {
  const [census, setCensus] = useState(props.today);
  const [draft, setDraft] = useState(props.today);
  const [page, setPage] = useState(1);
  const [excludedPage, setExcludedPage] = useState(1);
  const [downloading, setDownloading] = useState(false);
  const report = useLoad(() => props.api.sen2({ census, page, pageSize: PAGE_SIZE }), [census, page]);
  const excluded = useLoad(() => props.api.sen2Excluded({ census, page: excludedPage, pageSize: PAGE_SIZE }), [census, excludedPage]);
  const download = async () => {
    setDownloading(true);
    try {
      const { blob, name } = await props.api.sen2Csv(census);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.click();
      URL.revokeObjectURL(url);
    } finally {
      setDownloading(false);
    }
  };
  return (
    <section aria-labelledby="sen2-heading">
      <h2 id="sen2-heading">SEN2 annual reviews</h2>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          if (/^\d{4}-\d{2}-\d{2}$/.test(draft)) {
            setCensus(draft);
            setPage(1);
            setExcludedPage(1);
          }
        }}
      >
        <Field label="Census date">
          <Input type="date" value={draft} onChange={(_, d) => setDraft(d.value)} />
        </Field>
        <Button type="submit">Show</Button>
        <Button appearance="primary" onClick={download} disabled={downloading}>
          Download CSV
        </Button>
      </form>
      <Status loaded={report} label="the census">
        {(data) => (
          <>
            <ul className="figures" aria-label="Census counts">
              <li>
                <Figure label={`plans with a review on or before ${formatDate(data.census)}`} value={data.total} testId="sen2-rows" />
              </li>
              <li>
                <Figure label="plans left out" value={data.excluded.reduce((a, e) => a + e.count, 0)} testId="sen2-excluded" />
              </li>
            </ul>
            <Table aria-label="SEN2 annual-review items" size="small">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>LA reference</TableHeaderCell>
                  <TableHeaderCell>UPN</TableHeaderCell>
                  <TableHeaderCell>School</TableHeaderCell>
                  <TableHeaderCell>Latest review meeting</TableHeaderCell>
                  <TableHeaderCell>Outcome</TableHeaderCell>
                  <TableHeaderCell>Decision notified</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.items.map((r) => (
                  <TableRow key={r.laReference}>
                    <TableCell>{r.laReference}</TableCell>
                    <TableCell>{r.upn ?? '—'}</TableCell>
                    <TableCell>{r.schoolId ?? '—'}</TableCell>
                    <TableCell>{formatDate(r.reviewMeetingDate)}</TableCell>
                    <TableCell>{r.outcome ? outcomeNames[r.outcome] : 'Awaited'}</TableCell>
                    <TableCell>{formatDate(r.decisionNotifiedOn)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Pager label="SEN2 rows" page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />
            <h3 id="left-out-heading">Left out, and why</h3>
            <Table aria-labelledby="left-out-heading" size="small">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Reason</TableHeaderCell>
                  <TableHeaderCell>Plans</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.excluded.map((e) => (
                  <TableRow key={e.reason} data-reason={e.reason}>
                    <TableCell>{e.explanation}</TableCell>
                    <TableCell>{e.count}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </>
        )}
      </Status>
      <Status loaded={excluded} label="the plans left out">
        {(data) => (
          <>
            <Table aria-label="Plans left out of the census" size="small">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>LA reference</TableHeaderCell>
                  <TableHeaderCell>Plan issued</TableHeaderCell>
                  <TableHeaderCell>Why</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.items.map((e) => (
                  <TableRow key={e.laReference}>
                    <TableCell>{e.laReference}</TableCell>
                    <TableCell>{formatDate(e.planIssuedOn)}</TableCell>
                    <TableCell>{e.explanation}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Pager label="Plans left out" page={data.page} pageSize={data.pageSize} total={data.total} onPage={setExcludedPage} />
          </>
        )}
      </Status>
    </section>
  );
}
