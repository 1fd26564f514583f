import { Button, Field, Input, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { type MeetingDateProposal, screenDate } from '../../domain';

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
  return (
    <section aria-labelledby="dates-heading">
      <h2 id="dates-heading">Meeting date</h2>
      <div className={styles.row}>
        <Field label="Start time">
          <Input type="time" value={props.time} onChange={(_e, d) => props.onTime(d.value)} />
        </Field>
      </div>
      {props.proposal.problem && (
        <MessageBar intent="error">
          <MessageBarBody>{props.proposal.problem}</MessageBarBody>
        </MessageBar>
      )}
      <ul className={styles.list} aria-label="Compliant dates">
        {props.proposal.dates.map((d) => (
          <li key={d.date}>
            <Button
              appearance={props.chosen === d.date ? 'primary' : 'secondary'}
              aria-pressed={props.chosen === d.date}
              disabled={props.busy}
              onClick={() => props.onChoose(d.date)}
            >
              Use {screenDate(d.date)}
            </Button>{' '}
            <span>
              invitations by {screenDate(d.invitationsBy)}, advice circulated by {screenDate(d.adviceCirculatedBy)}
              {d.fullAdviceTime ? '' : ' (less than 7 weeks for advice)'}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
