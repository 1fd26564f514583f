import { Button, Link, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ReviewDetail } from '../../api/types';
import { reviewLink, screenDate } from '../../domain';
import { roleNames } from '../booking';
import type { PaneServices } from '../services';

type FileState = { status: 'waiting' | 'attaching' | 'attached' | 'failed'; message?: string };

const useStyles = makeStyles({
  list: { listStyleType: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  failed: { color: tokens.colorPaletteRedForeground1 },
});

/** The meeting once booked: the Teams link, advice requested and received, and attaching it. */
export function BookedView(props: { services: PaneServices; review: ReviewDetail; eventId: string; teamsError?: string | undefined; onChanged: () => void }) {
  const styles = useStyles();
  const { api } = props.services;
  const review = props.review;
  const meeting = review.meeting;
  const [teamsError, setTeamsError] = useState(props.teamsError);
  const [teamsBusy, setTeamsBusy] = useState(false);
  const attachedIds = new Set(review.advice.attachments.filter((a) => a.outlookEventId === props.eventId).map((a) => a.adviceItemId));
  const [files, setFiles] = useState<Record<number, FileState>>(() =>
    Object.fromEntries(review.advice.items.filter((i) => i.itemId).map((i) => [i.id, { status: attachedIds.has(i.id) ? 'attached' : 'waiting' } as FileState])),
  );
  const items = review.advice.items.filter((i) => i.itemId);
  const done = items.filter((i) => files[i.id]?.status === 'attached').length;
  const attaching = items.some((i) => files[i.id]?.status === 'attaching');

  const attach = async (ids: number[]) => {
    // One request per file, one after another: each file's outcome is its own, so a failure never loses the others.
    for (const id of ids) {
      setFiles((f) => ({ ...f, [id]: { status: 'attaching' } }));
      try {
        await api.attachAdvice(review.id, props.eventId, id);
        setFiles((f) => ({ ...f, [id]: { status: 'attached' } }));
      } catch (error) {
        setFiles((f) => ({ ...f, [id]: { status: 'failed', message: (error as Error).message } }));
      }
    }
  };
  const retryTeams = async () => {
    setTeamsBusy(true);
    try {
      await api.enableTeams(review.id, props.eventId);
      setTeamsError(undefined);
      props.onChanged();
    } catch (error) {
      setTeamsError((error as Error).message);
    } finally {
      setTeamsBusy(false);
    }
  };
  const circulateBy = review.timeline.adviceCirculatedBy;

  return (
    <>
      <h1>
        Review booked: {review.child.name} ({review.child.laReference})
      </h1>
      {/* Outlook sends the invitations only when the organiser presses Send: booking here does not. */}
      <MessageBar intent="info">
        <MessageBarBody>
          <MessageBarTitle>Press Send to invite everyone</MessageBarTitle>
          The review is booked with the council. If you have not yet, press Send on this meeting in Outlook: that is what invites everyone.
        </MessageBarBody>
      </MessageBar>
      <section aria-labelledby="meeting-heading">
        <h2 id="meeting-heading">The meeting</h2>
        <p>
          {meeting?.date ? screenDate(meeting.date) : ''}, {meeting?.mode === 'virtual' ? 'Teams meeting' : meeting?.mode === 'hybrid' ? 'hybrid' : 'in person'}
          {meeting?.rating ? `, rated ${meeting.rating}` : ''}.
        </p>
        <p>
          <Link href={reviewLink(props.services.serviceUrl ?? window.location.origin, review.id)} target="_blank" rel="noreferrer">
            See the whole review
          </Link>
        </p>
        {meeting?.teamsJoinUrl && (
          <p>
            Teams link: <Link href={meeting.teamsJoinUrl} target="_blank" rel="noreferrer">Join the Teams meeting</Link>
          </p>
        )}
        {teamsError && !meeting?.teamsJoinUrl && (
          <MessageBar intent="warning">
            <MessageBarBody>
              <MessageBarTitle>Not yet a Teams meeting</MessageBarTitle>
              {teamsError}{' '}
              <Button size="small" onClick={retryTeams} disabled={teamsBusy}>
                Try again
              </Button>
            </MessageBarBody>
          </MessageBar>
        )}
      </section>
      <section aria-labelledby="report-heading">
        <h2 id="report-heading">The report</h2>
        <p>After the meeting, send its report to everyone invited within two weeks (Reg 20(7); CoP 9.176). In a Teams meeting it is also in the meeting’s side panel.</p>
        <Link href={`${window.location.origin}/tab/?review=${encodeURIComponent(review.id)}`} target="_blank" rel="noreferrer">
          Write the report
        </Link>
      </section>
      <section aria-labelledby="requests-heading">
        <h2 id="requests-heading">Advice requested</h2>
        {review.advice.requests.length === 0 ? (
          <p>No advice requests yet.</p>
        ) : (
          <ul className={styles.list}>
            {review.advice.requests.map((r) => (
              <li key={`${r.fromRole}-${r.email}`}>
                {review.contacts.find((c) => c.email === r.email)?.name ?? r.email ?? 'No address'} ({roleNames[r.fromRole as keyof typeof roleNames] ?? r.fromRole}): due {screenDate(r.dueOn)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="advice-heading">
        <h2 id="advice-heading">Advice received</h2>
        {circulateBy && <p>Circulate all advice to everyone invited by {screenDate(circulateBy)}.</p>}
        {items.length === 0 ? (
          <p>No advice has arrived yet.</p>
        ) : (
          <>
            <ul className={styles.list} aria-label="Advice files">
              {items.map((i) => {
                const state = files[i.id] ?? { status: 'waiting' };
                return (
                  <li key={i.id} className={state.status === 'failed' ? styles.failed : undefined}>
                    {i.fileName} ({roleNames[i.fromRole as keyof typeof roleNames] ?? i.fromRole}, received {screenDate(i.receivedOn)}):{' '}
                    {state.status === 'attached' ? 'attached' : state.status === 'attaching' ? 'attaching…' : state.status === 'failed' ? `failed. ${state.message}` : 'not attached yet'}
                    {state.status === 'failed' && (
                      <>
                        {' '}
                        <Button size="small" onClick={() => attach([i.id])} disabled={attaching} aria-label={`Retry ${i.fileName}`}>
                          Retry
                        </Button>
                      </>
                    )}
                  </li>
                );
              })}
            </ul>
            <ProgressBar value={items.length ? done / items.length : 0} aria-label="Files attached" />
            <p role="status" aria-live="polite">
              {done} of {items.length} files attached
            </p>
            <Button appearance="primary" disabled={attaching || done === items.length} onClick={() => attach(items.filter((i) => files[i.id]?.status === 'waiting').map((i) => i.id))}>
              Attach advice to the meeting
            </Button>
          </>
        )}
      </section>
    </>
  );
}
