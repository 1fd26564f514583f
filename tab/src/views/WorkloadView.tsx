import { useState } from 'react';
import type { ApiClient } from '../api/client';
import { formatDate } from '../components/format';
import { DataTable } from '../components/DataTable';
import type { OfficerLoad, UndeliveredReminder } from '../api/types';
import { Status } from '../components/Status';
import { useLoad } from '../components/useLoad';

const PAGE_SIZE = 20;
const kindNames: Record<string, string> = {
  'report-due': 'Report due',
  'advice-due': 'Advice due',
  'booking-due': 'Book the meeting',
  'invitations-due': 'Send the invitations',
  'decision-due': 'Decision due',
  'final-plan-due': 'Final plan due',
  nudge: 'Nudge',
  overdue: 'Overdue step',
};
const roleNames: Record<string, string> = { senco: 'SENCO', 'la-officer': 'Case officer', professional: 'Professional', parent: 'Parent or carer' };
const kindName = (k: string) => kindNames[k] ?? k.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** The delivery error in words, with what to do about it. */
export function errorAdvice(error: string | null): string {
  if (!error) return '—';
  if (/mailbox not found|ErrorInvalidUser|MailboxNotEnabled|ResourceNotFound/i.test(error))
    return `The address has no mailbox (${error}): check the contact's email address on the case, or ask your Microsoft 365 administrator whether the mailbox exists.`;
  if (/forbidden|access.?denied|403/i.test(error)) return `The service may not send from the council mailbox (${error}): ask your Microsoft 365 administrator to grant Mail.Send for it.`;
  return `${error}. It will be tried again; tell your administrator if it keeps failing.`;
}

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
            <DataTable<OfficerLoad>
              label="Cases per officer"
              rows={data.officers}
              rowKey={(o) => String(o.officerId ?? 'unassigned')}
              columns={[
                { header: 'Case officer', cell: (o) => o.name },
                { header: 'Open cases', cell: (o) => o.openCases },
                { header: 'Overdue', cell: (o) => o.overdue },
                { header: 'Decisions due this week', cell: (o) => o.decisionsDueThisWeek },
              ]}
            />
          </>
        )}
      </Status>
      <h3 id="undelivered-heading">Reminders that could not be delivered</h3>
      <Status loaded={dead} label="undelivered reminders">
        {(data) =>
          data.total === 0 ? (
            <p data-testid="undelivered-none">Every reminder so far has been delivered.</p>
          ) : (
              <DataTable<UndeliveredReminder>
                label="Undelivered reminders"
                labelledBy="undelivered-heading"
                rows={data.items}
                rowKey={(r) => String(r.id)}
                paging={{ page: data.page, pageSize: data.pageSize, total: data.total, onPage: setPage }}
                columns={[
                  { header: 'Child', id: 'child', cell: (r) => r.child },
                  { header: 'Reminder', cell: (r) => kindName(r.kind) },
                  { header: 'To', cell: (r) => roleNames[r.recipientRole] ?? r.recipientRole },
                  { header: 'Due to send', cell: (r) => formatDate(r.sendOn) },
                  { header: 'Attempts', cell: (r) => r.attempts },
                  { header: 'What went wrong', cell: (r) => errorAdvice(r.lastError) },
                ]}
              />
          )
        }
      </Status>
    </section>
  );
}
