import { Link } from '@fluentui/react-components';
import type { ReviewDetail } from '../api/review';
import { DataTable } from '../components/DataTable';
import { formatDate } from '../components/format';

const stateText = { done: 'Done', due: 'To do', overdue: 'Late' } as const;
const roleNames: Record<string, string> = {
  parent: 'Parent or carer',
  'young-person': 'Young person',
  school: 'School',
  'la-officer': 'Council (SEND officer)',
  health: 'Health',
  'social-care': 'Social care',
  educational_psychologist: 'Educational psychologist',
  'educational-psychologist': 'Educational psychologist',
  senco: 'SENCO',
};
const role = (r: string) => roleNames[r] ?? r.replace(/[-_]/g, ' ');
const outcomeText = { maintain: 'Keep the plan as it is (maintain)', amend: 'Amend the plan', cease: 'Cease the plan' } as const;

/** Each step with its date, whether it is done, to do or late, and the law behind it. */
export function StepsSection(props: { review: ReviewDetail }) {
  const steps = props.review.timeline.steps.filter((s) => s.date || s.doneOn);
  return (
    <section aria-labelledby="steps-heading">
      <h2 id="steps-heading">Steps</h2>
      <DataTable
        label="The review's steps"
        testId="review-steps"
        rows={steps}
        rowKey={(s) => s.id}
        rowData={(s) => ({ 'data-step': s.id, 'data-state': s.state ?? '' })}
        columns={[
          { header: 'Step', cell: (s) => s.label },
          { header: 'By', cell: (s) => formatDate(s.date) },
          { header: 'State', id: 'state', cell: (s) => (s.state ? stateText[s.state] : '—') + (s.doneOn ? `, ${formatDate(s.doneOn)}` : '') },
          { header: 'Why', cell: (s) => <span className="source">{s.source}</span> },
        ]}
      />
    </section>
  );
}

export function PeopleSection(props: { review: ReviewDetail }) {
  const { invitations, contacts } = props.review;
  return (
    <section aria-labelledby="people-heading">
      <h2 id="people-heading">Invited</h2>
      {invitations.length === 0 ? (
        <p>No one has been invited yet. {contacts.length ? `The case lists ${contacts.length} people to invite.` : ''}</p>
      ) : (
        <ul className="review-list">
          {invitations.map((i) => (
            <li key={`${i.role}-${i.email ?? i.name}`}>
              {i.name ?? i.email ?? 'Someone'} ({role(i.role)}), invited {formatDate(i.sentOn)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function AdviceSection(props: { review: ReviewDetail }) {
  const { requests, items } = props.review.advice;
  const nameOf = (email: string | null) => props.review.contacts.find((c) => c.email === email)?.name ?? email ?? 'no address';
  return (
    <section aria-labelledby="advice-heading">
      <h2 id="advice-heading">Advice</h2>
      {requests.length === 0 && items.length === 0 ? <p>No advice requested yet.</p> : null}
      <ul className="review-list">
        {requests.map((r) => (
          <li key={r.id}>
            {role(r.fromRole)}, {nameOf(r.email)}: {r.outstanding ? `asked ${formatDate(r.requestedOn)}, due ${formatDate(r.dueOn)}` : 'received'}
          </li>
        ))}
        {items.map((i) => (
          <li key={`item-${i.id}`}>
            {i.fileName ?? 'Advice'} from {i.author ?? role(i.fromRole)}, received {formatDate(i.receivedOn)}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function MeetingSection(props: { review: ReviewDetail }) {
  const m = props.review.meeting;
  return (
    <section aria-labelledby="meeting-heading">
      <h2 id="meeting-heading">Meeting</h2>
      {!m ? (
        <p>Not booked yet. It must be held by {formatDate(props.review.timeline.latestMeetingDate)}.</p>
      ) : (
        <p>
          {formatDate(m.date)}, {m.mode === 'virtual' ? 'on Teams' : m.mode === 'hybrid' ? 'hybrid' : 'in person'}.{' '}
          {m.teamsJoinUrl && (
            <Link href={m.teamsJoinUrl} target="_blank" rel="noreferrer">
              Join the Teams meeting
            </Link>
          )}
        </p>
      )}
    </section>
  );
}

export function OutcomeSections(props: { review: ReviewDetail }) {
  const { report, decision, amendment, letters } = props.review;
  return (
    <>
      <section aria-labelledby="report-heading">
        <h2 id="report-heading">Report</h2>
        {report ? (
          <p>
            Sent {formatDate(report.sentOn)}
            {report.recommendation ? `; the school recommends: ${outcomeText[report.recommendation as keyof typeof outcomeText] ?? report.recommendation}` : ''}.
          </p>
        ) : (
          <p>Not sent yet{props.review.timeline.reportDue ? `; due by ${formatDate(props.review.timeline.reportDue)}` : ''}.</p>
        )}
      </section>
      <section aria-labelledby="decision-heading">
        <h2 id="decision-heading">Decision</h2>
        {decision ? (
          <>
            <p>
              {outcomeText[decision.outcome]}; the family was told {formatDate(decision.notifiedOn)}
              {decision.decidedBy ? ` by ${decision.decidedBy}` : ''}.
            </p>
            <p className="reasons">{decision.reasons}</p>
            {amendment?.finalPlanIssuedOn && <p>Final amended plan issued {formatDate(amendment.finalPlanIssuedOn)}.</p>}
          </>
        ) : (
          <p>Not decided yet{props.review.timeline.decisionDue ? `; due by ${formatDate(props.review.timeline.decisionDue)}` : ''}.</p>
        )}
      </section>
      <section aria-labelledby="letters-heading">
        <h2 id="letters-heading">Letters</h2>
        {letters?.length ? (
          <ul className="review-list">
            {letters.map((l, n) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: letters are listed once, in the order stored.
              <li key={n}>
                {l.title}: {l.sentOn ? `${l.channel === 'post' ? 'posted' : 'sent'} ${formatDate(l.sentOn)}` : `drafted in the council mailbox, dated ${formatDate(l.letterDate)}, not sent yet`}, to {l.recipients.map(role).join(', ')}
              </li>
            ))}
          </ul>
        ) : (
          <p>No letter yet.</p>
        )}
      </section>
    </>
  );
}

const actionText: Record<string, string> = {
  'meeting.booked': 'Meeting booked',
  'advice.recorded': 'Advice recorded',
  'report.recorded': 'Report recorded',
  'decision.maintain': 'Decision recorded: maintain',
  'decision.amend': 'Decision recorded: amend',
  'decision.cease': 'Decision recorded: cease',
  'review.nudged': 'Reminder sent',
};

export function AuditSection(props: { review: ReviewDetail }) {
  const audit = props.review.audit ?? [];
  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">What has happened</h2>
      {audit.length === 0 ? (
        <p>Nothing recorded yet.</p>
      ) : (
        <ol className="review-list">
          {audit.map((a, n) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the trail is append-only and shown in order.
            <li key={n}>
              {formatDate(a.on)}: {actionText[a.action] ?? a.action.replace(/[._-]/g, ' ')}
              {a.role ? ` (${role(a.role)})` : ''}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
