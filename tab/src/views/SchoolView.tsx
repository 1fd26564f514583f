import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import type { ApiClient } from '../api/client';
import { formatDate } from '../components/format';
import { Status } from '../components/Status';
import { useLoad } from '../components/useLoad';

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
            <Table aria-label="Reviews at this school" size="small">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Child</TableHeaderCell>
                  <TableHeaderCell>Council reference</TableHeaderCell>
                  <TableHeaderCell>Council</TableHeaderCell>
                  <TableHeaderCell>Status</TableHeaderCell>
                  <TableHeaderCell>Next step due</TableHeaderCell>
                  <TableHeaderCell>Review deadline</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.items.map((r) => (
                  <TableRow key={r.id} data-council={r.councilId}>
                    <TableCell>{r.childName}</TableCell>
                    <TableCell>{r.laReference}</TableCell>
                    <TableCell>{r.councilName}</TableCell>
                    <TableCell>{r.status.replaceAll('-', ' ')}</TableCell>
                    <TableCell>{r.due ? `${formatDate(r.due)}${r.overdue ? ' (overdue)' : ''}` : '—'}</TableCell>
                    <TableCell>{formatDate(r.reviewDeadline)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </>
        )}
      </Status>
    </section>
  );
}
