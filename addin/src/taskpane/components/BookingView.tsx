import { Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { invitationsBy, londonToday, type MeetingMode, proposeMeetingDates, type RatingFactors, rateReview, adviceCirculatedBy, screenDate } from '../../domain';
import { ApiError, type ReviewDetail } from '../../api/types';
import type { PaneServices } from '../services';
import { agendaFor, caseOf, customPropertiesFor, findingsFor, modeFor, subjectFor } from '../booking';
import { londonInstant } from '../londonTime';
import { InviteesView } from './InviteesView';
import { ProposedDates } from './ProposedDates';
import { RatingView } from './RatingView';
import { TimelineView } from './TimelineView';

// Book stays in view however far the SENCO scrolls: the pane is narrow and the sections are long.
const useStyles = makeStyles({
  book: {
    position: 'sticky',
    bottom: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: `${tokens.spacingVerticalS} 0`,
    zIndex: 1,
  },
});

const nameAndEmail = (a: { email: string; name?: string | undefined }) => (a.name ? { name: a.name, email: a.email } : { email: a.email });

/** Everything to book one review: dates, invitees, rating, then Book. */
export function BookingView(props: { services: PaneServices; review: ReviewDetail; onBooked: (eventId: string, teamsError?: string) => void; onBack: () => void }) {
  const styles = useStyles();
  const { appointment, api, now } = props.services;
  const review = props.review;
  const today = londonToday(now());
  const proposal = useMemo(() => proposeMeetingDates(caseOf(review), today), [review, today]);
  const [chosen, setChosen] = useState<string | null>(null);
  const [time, setTime] = useState('10:00');
  const [selected, setSelected] = useState(() => new Set(review.contacts.map((c) => c.email)));
  const [added, setAdded] = useState(false);
  const [factors, setFactors] = useState<RatingFactors>({});
  const rating = rateReview(factors);
  const [modeChoice, setModeChoice] = useState<MeetingMode | null>(null);
  const mode = modeChoice ?? modeFor(rating);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const invitees = review.contacts.filter((c) => selected.has(c.email));
  const findings = chosen ? findingsFor({ review, meetingDate: chosen, today, invitees, mode, rating }) : [];
  const blocks = findings.filter((f) => f.severity === 'block');
  const warns = findings.filter((f) => f.severity === 'warn');

  const run = async (what: string, action: () => Promise<void>) => {
    setBusy(what);
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(error instanceof ApiError && error.findings.length ? error.findings.map((f) => f.message).join(' ') : (error as Error).message);
    } finally {
      setBusy(null);
    }
  };
  const choose = (date: string) =>
    run('Setting the date', async () => {
      const start = londonInstant(date, time);
      await appointment.setTimes(start, new Date(start.getTime() + 60 * 60 * 1000));
      setChosen(date);
    });
  const addInvitees = () =>
    run('Adding invitees', async () => {
      await appointment.setRequiredAttendees(invitees.map((c) => ({ email: c.email, name: c.name })));
      setAdded(true);
    });
  const book = () =>
    run('Booking', async () => {
      if (!chosen) return;
      const choice = { review, meetingDate: chosen, today, invitees, mode, rating };
      await appointment.setSubject(subjectFor(review));
      await appointment.setBodyHtml(agendaFor(review, chosen, adviceCirculatedBy(chosen, 'strict')));
      await appointment.setRequiredAttendees(invitees.map((c) => ({ email: c.email, name: c.name })));
      await appointment.writeCustomProperties(customPropertiesFor(choice));
      const eventId = await appointment.save();
      await api.bookMeeting(review.id, {
        meetingDate: chosen,
        invitationsSentOn: today,
        // The SENCO organizing the meeting is the school's representative (Reg 20(2)(b)).
        invitees: [{ role: 'school' as const, ...nameAndEmail(appointment.organizer()) }, ...invitees.map((c) => ({ role: c.role, name: c.name, email: c.email }))],
        mode,
        rating: rating.level,
        coversPreparingForAdulthood: true,
        outlookEventId: eventId,
      });
      let teamsError: string | undefined;
      if (rating.level === 'green' && mode === 'virtual') {
        try {
          await api.enableTeams(review.id, eventId);
        } catch (error) {
          teamsError = (error as Error).message;
        }
      }
      props.onBooked(eventId, teamsError);
    });

  return (
    <>
      <h1>
        {review.child.name} ({review.child.laReference})
      </h1>
      <Button appearance="transparent" onClick={props.onBack}>
        Choose another child
      </Button>
      <TimelineView review={review} today={today} />
      <ProposedDates proposal={proposal} chosen={chosen} time={time} onTime={setTime} onChoose={choose} busy={busy !== null} />
      <InviteesView
        contacts={review.contacts}
        selected={selected}
        onToggle={(email) =>
          setSelected((s) => {
            const next = new Set(s);
            if (next.has(email)) next.delete(email);
            else next.add(email);
            return next;
          })
        }
        onAdd={addInvitees}
        busy={busy !== null}
        added={added}
      />
      <RatingView factors={factors} onFactor={(k, on) => setFactors((f) => ({ ...f, [k]: on }))} rating={rating} mode={mode} onMode={setModeChoice} />
      <section aria-labelledby="book-heading" className={styles.book}>
        <h2 id="book-heading">Book</h2>
        {!chosen && <p>Choose a date under “When” first.</p>}
        {chosen && <p>Invitations go out today ({screenDate(today)}); they must go by {screenDate(invitationsBy(chosen, 'strict'))}.</p>}
        {blocks.length > 0 && (
          <MessageBar intent="error">
            <MessageBarBody>
              <MessageBarTitle>Change before booking</MessageBarTitle>
              <ul>
                {blocks.map((f) => (
                  <li key={f.code + f.message}>{f.message}</li>
                ))}
              </ul>
            </MessageBarBody>
          </MessageBar>
        )}
        {warns.length > 0 && (
          <MessageBar intent="warning">
            <MessageBarBody>
              <ul>
                {warns.map((f) => (
                  <li key={f.code + f.message}>{f.message}</li>
                ))}
              </ul>
            </MessageBarBody>
          </MessageBar>
        )}
        {problem && (
          <MessageBar intent="error">
            <MessageBarBody>{problem}</MessageBarBody>
          </MessageBar>
        )}
        <Button appearance="primary" disabled={!chosen || blocks.length > 0 || busy !== null} onClick={book}>
          Book the review
        </Button>
        <div role="status" aria-live="polite">
          {busy && <Spinner size="tiny" label={`${busy}…`} />}
        </div>
      </section>
    </>
  );
}
