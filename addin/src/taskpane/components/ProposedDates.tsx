import { Button, Field, Input, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { dayCount, type MeetingDateProposal, screenDate, screenDeadline } from '../../domain';

const useStyles = makeStyles({
  list: { listStyleType: 'none', padding: 0, margin: `${tokens.spacingVerticalS} 0`, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end' },
});

/** Compliant dates from today; one click sets the meeting's start and end. */
export function ProposedDates(props: {
  proposal: MeetingDateProposal;
  chosen: string | null;
  time: string;
  onTime: (time: string) => void;
  onChoose: (date: string) => void;
  busy: boolean;
}) {
  const styles = useStyles();
  // The proposal puts the dates that leave the good-practice advice time first: that first one is the recommendation; people read dates in order.
  const recommended = props.proposal.dates[0]?.date;
  const dates = [...props.proposal.dates].sort((a, b) => a.date.localeCompare(b.date));
  return (
    <section aria-labelledby="dates-heading">
      <h2 id="dates-heading">When</h2>
      <div className={styles.row}>
        <Field label="Start time">
          <Input type="time" value={props.time} onChange={(_e, d) => props.onTime(d.value)} />
        </Field>
      </div>
      {props.proposal.problem && (
        // With dates, the problem is that every date is late: a warning (lateness never blocks); with none, an error.
        <MessageBar intent={props.proposal.dates.length > 0 ? 'warning' : 'error'}>
          <MessageBarBody>{props.proposal.problem}</MessageBarBody>
        </MessageBar>
      )}
      <ul className={styles.list} aria-label="Compliant dates">
        {dates.map((d) => (
          <li key={d.date}>
            <Button
              appearance={props.chosen === d.date ? 'primary' : 'secondary'}
              aria-pressed={props.chosen === d.date}
              disabled={props.busy}
              onClick={() => props.onChoose(d.date)}
            >
              Use {screenDate(d.date)}
            </Button>{' '}
            {d.date === recommended && <strong>Recommended. </strong>}
            <span>
              Invitations by {screenDeadline(d.invitationsBy)}; advice to everyone by {screenDeadline(d.adviceCirculatedBy)}
              {d.fullAdviceTime ? '' : ' (less than 7 weeks for advice)'}
              {d.daysLate ? `; ${dayCount(d.daysLate)} late` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
