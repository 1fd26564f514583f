import { Button, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { BOOKING_LEAD_DAYS, bookBySource, dayCount, plusDays, reviewLateness, screenDate, screenDeadline } from '../../domain';
import type { ReviewDetail } from '../../api/types';

const useStyles = makeStyles({
  table: { borderCollapse: 'collapse', width: '100%', fontSize: tokens.fontSizeBase200 },
  cell: { borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`, textAlign: 'left', verticalAlign: 'top' },
  key: { display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: tokens.spacingHorizontalM, margin: 0 },
  dd: { margin: 0, fontWeight: tokens.fontWeightSemibold },
});

/**
 * The review's three key dates; every step with its date and source one press away. An
 * unbooked review past its latest meeting date says how many days late it is (the number
 * the "book now" reminder gives), and that it must still be booked: lateness never blocks.
 */
export function TimelineView(props: { review: ReviewDetail; today: string }) {
  const styles = useStyles();
  const [all, setAll] = useState(false);
  const t = props.review.timeline;
  const bookBy = plusDays(t.latestMeetingDate, -BOOKING_LEAD_DAYS);
  const late = props.review.meeting ? null : reviewLateness(t, props.today);
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Key dates</h2>
      {late && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>{dayCount(late.daysLate)} late</MessageBarTitle>
            The latest meeting date was {screenDate(late.latestMeetingDate)}
            {late.daysPastDeadline > 0 ? `, and the review deadline ${screenDate(late.reviewDeadline)} passed ${dayCount(late.daysPastDeadline)} ago` : `; the review deadline is ${screenDate(late.reviewDeadline)}`}. The review
            must still be held: book the earliest date below ({late.source}).
          </MessageBarBody>
        </MessageBar>
      )}
      <dl className={styles.key}>
        <dt>Review deadline</dt>
        <dd className={styles.dd}>{screenDate(t.reviewDeadline)}</dd>
        <dt>Latest meeting date</dt>
        <dd className={styles.dd}>{screenDate(t.latestMeetingDate)}</dd>
        <dt>Book by</dt>
        <dd className={styles.dd} title={bookBySource}>
          {screenDeadline(bookBy)}
        </dd>
      </dl>
      <Button appearance="transparent" aria-expanded={all} onClick={() => setAll((a) => !a)}>
        {all ? 'Hide the steps' : 'Show all steps'}
      </Button>
      {all && (
      <table className={styles.table}>
        <caption className="visually-hidden">Each step of the review with its date and source</caption>
        <thead>
          <tr>
            <th className={styles.cell} scope="col">Date</th>
            <th className={styles.cell} scope="col">Step</th>
            <th className={styles.cell} scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {t.steps
            .filter((s) => s.date)
            .map((s) => (
              <tr key={s.id}>
                <td className={styles.cell}>{s.date ? screenDate(s.date) : ''}</td>
                <td className={styles.cell}>
                  {s.label}
                  {s.state === 'overdue' ? ' (overdue)' : s.state === 'done' ? ' (done)' : ''}
                </td>
                <td className={styles.cell}>{s.source}</td>
              </tr>
            ))}
        </tbody>
      </table>
      )}
    </section>
  );
}
