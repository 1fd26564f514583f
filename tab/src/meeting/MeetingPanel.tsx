import { Button, MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { useState } from 'react';
import { reviewAgenda } from '../../../shared/compliance/reviewAgenda';
import { childLabel } from '../../../shared/privacy/childLabel';
import type { Delivery, ReportClient } from '../api/reportClient';
import { useLoad } from '../components/useLoad';
import { ReportForm } from './ReportForm';

/**
 * The review beside the Teams meeting (the meeting side panel), and the same page in a
 * browser or from the Outlook task pane: the agenda for this review (the Year 9 onwards
 * focus where it applies), the advice received, and the report, which the school fills as
 * the meeting goes (the draft is theirs alone; once submitted everyone invited sees it).
 * The child is named by initials and council reference: the panel is on a shared screen.
 */
export function MeetingPanel(props: { client: ReportClient; reviewId: string }) {
  const [tick, setTick] = useState(0);
  const loaded = useLoad(async () => {
    const [review, report] = await Promise.all([props.client.review(props.reviewId), props.client.report(props.reviewId)]);
    return { review, report };
  }, [props.reviewId, tick]);
  const [delivery, setDelivery] = useState<Delivery | undefined>(undefined);

  if (loaded.error)
    return (
      <main className="app">
        <h1>Annual review</h1>
        <MessageBar intent="error">
          <MessageBarBody>{loaded.error.message}</MessageBarBody>
        </MessageBar>
      </main>
    );
  if (!loaded.data) return <Spinner label="Loading the review…" />;
  const { review, report } = loaded.data;
  const label = childLabel(review.child.name, review.child.laReference);
  const circulatedBy = review.timeline.steps.find((s) => s.id === 'adviceCirculatedBy')?.date ?? null;
  const year9 = (review.plan.ncYear ?? 0) >= 9 || report?.report.content.variant === 'year9';
  const agenda = review.meeting ? reviewAgenda({ childLabel: label, meetingDate: review.meeting.date, adviceCirculatedBy: circulatedBy, preparingForAdulthood: year9 }) : [];
  const submitted = report?.report.state === 'submitted';
  const resend = async () => {
    setDelivery(await props.client.resend(props.reviewId));
    setTick((t) => t + 1);
  };

  return (
    <main className="app meeting-panel">
      <h1>Annual review: {label}</h1>
      {review.meeting && <p>Meeting on {review.meeting.date}{year9 ? ' · Year 9 onwards: preparing for adulthood' : ''}</p>}
      <details open={!report || submitted}>
        <summary>
          <h2 className="inline">Agenda</h2>
        </summary>
        <ol>
          {agenda.map((a) => (
            <li key={a.heading}>
              <strong>{a.heading}</strong>: {a.detail}
            </li>
          ))}
        </ol>
      </details>
      <h2>Advice received</h2>
      {review.advice.items.length === 0 ? (
        <p className="note">No advice has been recorded yet.</p>
      ) : (
        <ul>
          {review.advice.items.map((a) => (
            <li key={a.id}>
              {a.author ? `${a.author} (${a.fromRole})` : a.fromRole}, {a.receivedOn}
              {a.fileName ? `: ${a.fileName}` : ''}
            </li>
          ))}
        </ul>
      )}
      <h2>Report of the meeting</h2>
      {delivery && (
        <MessageBar intent={delivery.status === 'failed' ? 'warning' : 'success'}>
          <MessageBarBody>{delivery.message}</MessageBarBody>
        </MessageBar>
      )}
      {!report && <p>The report is written by whoever runs the review (the school). It appears here once it has been submitted.</p>}
      {report && !submitted && (
        <ReportForm
          client={props.client}
          reviewId={props.reviewId}
          report={report.report}
          etag={report.etag}
          onSubmitted={(d) => {
            setDelivery(d);
            setTick((t) => t + 1);
          }}
        />
      )}
      {report && submitted && (
        <section aria-label="Submitted report">
          <p>
            Submitted{report.report.late ? ' after the two weeks (marked late)' : ''}. Recommendation: <strong>{report.report.content.recommendation}</strong>.
          </p>
          {report.report.mail.state === 'sent' && <p>Sent to everyone invited.</p>}
          {report.report.mail.state !== 'sent' && (
            <MessageBar intent="warning">
              <MessageBarBody>
                Not yet sent to everyone invited{report.report.mail.error ? `: ${report.report.mail.error}` : '.'}
                <Button onClick={() => void resend()}>Send again</Button>
              </MessageBarBody>
            </MessageBar>
          )}
        </section>
      )}
    </main>
  );
}
