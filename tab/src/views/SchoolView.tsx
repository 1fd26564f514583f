import type { ApiClient } from '../api/client';
import { type Column, DataTable } from '../components/DataTable';
import { formatDate } from '../components/format';
import { Status } from '../components/Status';
import { useLoad } from '../components/useLoad';

type SchoolReview = Awaited<ReturnType<ApiClient['reviews']>>['items'][number];

const columns: Column<SchoolReview>[] = [
  { header: 'Child', id: 'child', cell: (r) => r.childName },
  { header: 'Council reference', id: 'ref', cell: (r) => r.laReference },
  { header: 'Council', cell: (r) => r.councilName },
  { header: 'Status', cell: (r) => r.status.replaceAll('-', ' ') },
  { header: 'Next step due', cell: (r) => (r.due ? `${formatDate(r.due)}${r.overdue ? ' (overdue)' : ''}` : '—') },
  { header: 'Review deadline', cell: (r) => formatDate(r.reviewDeadline) },
];

/**
 * A school's one list (#26): every child placed with the school, whichever council placed
 * them, most urgent first, each row naming the council whose settings and deadlines apply.
 */
export function SchoolView(props: { api: ApiClient }) {
  const reviews = useLoad(() => props.api.reviews({ limit: 500 }), []);
  return (
    <section aria-labelledby="school-heading">
      <h2 id="school-heading">Our children's annual reviews</h2>
      <Status loaded={reviews} label="reviews">
        {(data) => (
          <>
            <p className="note">
              {data.items.length} {data.items.length === 1 ? 'child' : 'children'} from {new Set(data.items.map((r) => r.councilId)).size} council
              {new Set(data.items.map((r) => r.councilId)).size === 1 ? '' : 's'}.
            </p>
            <DataTable label="Reviews at this school" columns={columns} rows={data.items} rowKey={(r) => r.id} rowData={(r) => ({ 'data-council': r.councilId })} />
          </>
        )}
      </Status>
    </section>
  );
}
