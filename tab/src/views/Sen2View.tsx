import { Button, Field, Input } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../api/client';
import { formatDate } from '../components/format';
import { DataTable } from '../components/DataTable';
import type { Sen2Excluded, Sen2Item, Sen2Report } from '../api/types';
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
  const filters = useLoad(() => props.api.filters(), []);
  const schoolName = (id: string | null) => (id ? (filters.data?.schools.find((s) => s.id === id)?.name ?? id) : '—');
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
        <Field label="Census date" hint={/^\d{4}-\d{2}-\d{2}$/.test(draft) ? formatDate(draft) : 'Write it as YYYY-MM-DD, for example 2027-01-21'}>
          <Input value={draft} onChange={(_, d) => setDraft(d.value)} inputMode="numeric" />
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
            <DataTable<Sen2Item>
              label="SEN2 annual-review items"
              rows={data.items}
              rowKey={(r) => r.laReference}
              paging={{ page: data.page, pageSize: data.pageSize, total: data.total, onPage: setPage }}
              columns={[
                { header: 'LA reference', id: 'ref', cell: (r) => r.laReference },
                { header: 'UPN', cell: (r) => r.upn ?? <strong className="missing">Missing: add the UPN</strong> },
                { header: 'School', cell: (r) => schoolName(r.schoolId) },
                { header: 'Latest review meeting', cell: (r) => formatDate(r.reviewMeetingDate) },
                { header: 'Outcome', cell: (r) => (r.outcome ? outcomeNames[r.outcome] : 'Awaited') },
                { header: 'Decision notified', cell: (r) => formatDate(r.decisionNotifiedOn) },
              ]}
            />
            <h3 id="left-out-heading">Left out, and why</h3>
            <DataTable<Sen2Report['excluded'][number]>
              label="Left out, and why"
              labelledBy="left-out-heading"
              rows={data.excluded}
              rowKey={(e) => e.reason}
              rowData={(e) => ({ 'data-reason': e.reason })}
              columns={[
                { header: 'Reason', cell: (e) => e.explanation },
                { header: 'Plans', cell: (e) => e.count },
              ]}
            />
          </>
        )}
      </Status>
      <Status loaded={excluded} label="the plans left out">
        {(data) => (
          <>
            <DataTable<Sen2Excluded>
              label="Plans left out of the census"
              rows={data.items}
              rowKey={(e) => e.laReference}
              paging={{ page: data.page, pageSize: data.pageSize, total: data.total, onPage: setExcludedPage }}
              columns={[
                { header: 'LA reference', id: 'ref', cell: (e) => e.laReference },
                { header: 'Plan issued', cell: (e) => formatDate(e.planIssuedOn) },
                { header: 'Why', cell: (e) => e.explanation },
              ]}
            />
          </>
        )}
      </Status>
    </section>
  );
}
